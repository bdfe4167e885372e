// ApplicantService: the stages of 发展党员, their checks, and admission.
#include "org/applicants.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "org/probation.h"

namespace procura::org {

using auth::Role;

ApplicantStage StageOf(const ApplicantRecord& a) {
  if (!a.admitted_on.empty()) return ApplicantStage::kAdmitted;
  if (!a.candidate_on.empty()) return ApplicantStage::kCandidate;
  if (!a.activist_on.empty()) return ApplicantStage::kActivist;
  return ApplicantStage::kApplicant;
}

const char* StageCode(ApplicantStage s) {
  switch (s) {
    case ApplicantStage::kApplicant: return "applicant";
    case ApplicantStage::kActivist: return "activist";
    case ApplicantStage::kCandidate: return "candidate";
    case ApplicantStage::kAdmitted: return "admitted";
  }
  return "";
}

namespace {

// The day after `day` (YYYY-MM-DD), or "".
std::string DayAfter(const std::string& day) {
  auto t = ParseLocalTime(day, 0);
  return t ? FormatDate(*t + 86400, 0) : "";
}

// The stage dates in order, with the field each is entered in.
struct StageField {
  const std::string ApplicantRecord::*date;
  const char* field;
};
constexpr StageField kStages[] = {{&ApplicantRecord::applied_on, "applied_on"},
                                  {&ApplicantRecord::activist_on, "activist_on"},
                                  {&ApplicantRecord::candidate_on, "candidate_on"},
                                  {&ApplicantRecord::admitted_on, "admitted_on"}};

// The first day stage `i` (1..3) may follow stage i-1 reached on `before`.
std::string EarliestAfter(std::size_t i, const std::string& before) {
  return i == 2 ? OneYearAfter(before) : DayAfter(before);
}

void ValidatePerson(const ApplicantRecord& a, const std::vector<OrgUnitRecord>& units,
                    const std::string& today, std::vector<Status>& problems) {
  const auto problem = [&](const char* msgid, const char* field) {
    problems.push_back(Status::Invalid(msgid).WithField(field));
  };
  if (a.name.empty() || !IsValidUtf8(a.name) || Utf8Length(a.name) > 50)
    problem(N_("Enter a name of 1 to 50 characters."), "name");
  if (a.gender != "male" && a.gender != "female") problem(N_("Choose male or female."), "gender");
  if (!IsIsoDate(a.birth_date) || a.birth_date > today)
    problem(N_("Enter the birth date as a past date, YYYY-MM-DD."), "birth_date");
  if (a.phone.size() > 20 || a.phone.find_first_not_of("0123456789+- ") != std::string::npos)
    problem(N_("A phone number has only digits, spaces, + and -, at most 20."), "phone");
  const auto branch = std::find_if(units.begin(), units.end(), [&](const OrgUnitRecord& u) {
    return u.id == a.branch_id && u.kind == "branch";
  });
  if (branch == units.end())
    problem(N_("Choose an existing party branch."), "branch");
  else if (branch->dissolved() && a.admitted_on.empty() && a.stopped_on.empty())
    problems.push_back(Status::Invalid(N_("That branch was dissolved on {day}: choose a branch "
                                          "that stands."),
                                       {{"day", branch->dissolved_on}})
                           .WithField("branch"));
}

void ValidateStop(const ApplicantRecord& a, const std::string& today,
                  std::vector<Status>& problems) {
  const auto problem = [&](const char* msgid, const char* field) {
    problems.push_back(Status::Invalid(msgid).WithField(field));
  };
  if (!a.admitted_on.empty())
    return problem(N_("An admitted applicant is a member: their application cannot be stopped."),
                   "stopped_on");
  if (!IsIsoDate(a.stopped_on) || a.stopped_on > today || a.stopped_on < a.applied_on)
    problem(N_("Enter the day the application stopped, from the application to today, YYYY-MM-DD."),
            "stopped_on");
  if (Trim(a.stop_reason).empty() || !IsValidUtf8(a.stop_reason) || Utf8Length(a.stop_reason) > 200)
    problem(N_("Say why the application stopped, in 1 to 200 characters."), "stop_reason");
}

void ValidateStages(const ApplicantRecord& a, const std::string& today,
                    std::vector<Status>& problems) {
  const auto problem = [&](const char* msgid, const char* field, MessageArgs args = {}) {
    problems.push_back(Status::Invalid(msgid, std::move(args)).WithField(field));
  };
  if (!IsIsoDate(a.applied_on) || a.applied_on > today)
    return problem(N_("Enter the date of the application as a past date, YYYY-MM-DD."),
                   "applied_on");
  if (IsIsoDate(a.birth_date)) {
    const std::string eighteen = EighteenthBirthday(a.birth_date);
    if (a.applied_on < eighteen)
      problem(N_("One applies to join the Party at eighteen or older: on {date} or later."),
              "applied_on", {{"date", eighteen}});
  }
  for (std::size_t i = 1; i < std::size(kStages); ++i) {
    const std::string& date = a.*kStages[i].date;
    const std::string& before = a.*kStages[i - 1].date;
    if (date.empty()) continue;
    if (!IsIsoDate(date) || date > today)
      return problem(N_("Enter the date as a past date, YYYY-MM-DD."), kStages[i].field);
    if (before.empty())
      return problem(N_("Record the stage before this one first."), kStages[i].field);
    const std::string earliest = EarliestAfter(i, before);
    if (date < earliest)
      return problem(i == 2 ? N_("A candidate is named after a year or more as an activist: on "
                                 "{date} or later.")
                            : N_("This stage comes after the one before it: on {date} or later."),
                     kStages[i].field, {{"date", earliest}});
  }
}

}  // namespace

std::string EarliestNextStage(const ApplicantRecord& a) {
  for (std::size_t i = 1; i < std::size(kStages); ++i)
    if ((a.*kStages[i].date).empty()) return EarliestAfter(i, a.*kStages[i - 1].date);
  return "";
}

Status ValidateApplicant(const ApplicantRecord& a, const std::vector<OrgUnitRecord>& units,
                         const std::string& today) {
  std::vector<Status> problems;  // every one, so the form can show them all
  ValidatePerson(a, units, today, problems);
  ValidateStages(a, today, problems);
  if (IsStopped(a)) ValidateStop(a, today, problems);
  return Status::AllOf(std::move(problems));
}

std::string ApplicantService::Today() const { return FormatDate(NowUnix(), offset_minutes_); }

Result<std::optional<std::int64_t>> ApplicantService::ReachOf(const auth::Principal& who) {
  if (who.Has(Role::kRecordsOfficer)) return std::optional<std::int64_t>{};
  auto own = org_.OwnBranch(who);
  if (!own.ok()) return own.status();
  if (!own->has_value())
    return Status::Denied(N_("Applicants are kept by the records officer and branch secretaries."));
  return *own;
}

Status ApplicantService::CheckReach(const std::optional<std::int64_t>& reach, std::int64_t branch) {
  if (!reach || *reach == branch) return Status::Ok();
  return Status::Denied(N_("You may keep only your own branch's applicants."));
}

Result<ApplicantRecord> ApplicantService::Load(Storage& s, const std::optional<std::int64_t>& reach,
                                               std::int64_t id) {
  auto a = s.org().GetApplicant(id);
  if (!a.ok()) return a.status();
  if (!a->has_value()) return Status::NotFound(N_("There is no such applicant."));
  PROCURA_RETURN_IF_ERROR(CheckReach(reach, (*a)->branch_id));
  return **a;
}

}  // namespace procura::org
