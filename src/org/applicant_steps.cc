// The steps of 发展党员: the rules' list, dates and deadlines.
#include "org/applicant_steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "core/text.h"

namespace procura::org {

namespace {

using S = ApplicantStage;

const std::vector<StepRule> kRules = {
    {"talk", S::kApplicant, N_("Talk with the applicant within a month (谈话)"), 1, 1},
    {"activist_filed", S::kActivist, N_("Activist reported to the higher committee (备案)"), 0, 0},
    {"contacts", S::kActivist, N_("Two contacts named (培养联系人)"), 2, 0},
    {"assessment", S::kActivist, N_("Assessment every half year (培养考察), the latest"), 0, 6},
    {"candidate_filed", S::kCandidate, N_("Candidate reported to the higher committee (备案)"), 0,
     0},
    {"political_review", S::kCandidate, N_("Political review (政治审查)"), 0, 0},
    {"training", S::kCandidate, N_("Short training: three days or 24 class hours (集中培训)"), 0,
     0},
    {"committee_review", S::kCandidate, N_("Reviewed by the branch committee (支委会审查)"), 0, 0},
    {"publicity", S::kCandidate, N_("Public notice (公示)"), 0, 0},
    {"pre_review", S::kCandidate, N_("Pre-review by the higher committee (预审)"), 0, 0},
    {"form", S::kCandidate, N_("Application form filled in (入党志愿书)"), 0, 0},
    {"upper_talk", S::kAdmitted, N_("Talk by the higher committee (谈话)"), 0, 0},
    {"approval", S::kAdmitted, N_("Approved by the higher committee within three months (审批)"), 0,
     3},
    {"oath", S::kAdmitted, N_("Oath taken (入党宣誓)"), 0, 0},
    // The probationary member's written application when the year ends
    // (its deadline is the probation's: org/probation.h reminds of that).
    {"full_application", S::kAdmitted,
     N_("Written application for full membership at the end of probation (转正申请)"), 0, 0},
};

const ApplicantStepRecord* RecordOf(const std::vector<ApplicantStepRecord>& steps,
                                    std::int64_t applicant, const char* code) {
  for (const auto& s : steps)
    if (s.applicant_id == applicant && s.step == code) return &s;
  return nullptr;
}

void ValidatePeople(const StepRule& rule, const ApplicantStepRecord& s,
                    std::vector<Status>& problems) {
  if (rule.people == 2 && (!s.person1_id || !s.person2_id || *s.person1_id == *s.person2_id))
    problems.push_back(Status::Invalid(N_("Choose two different full members as the contacts."))
                           .WithField("person1"));
  if (rule.people < 2 && s.person2_id)
    problems.push_back(
        Status::Invalid(N_("This step names one member at most.")).WithField("person1"));
  if (rule.people == 0 && s.person1_id)
    problems.push_back(Status::Invalid(N_("This step names no member.")).WithField("person1"));
}

}  // namespace

const std::vector<StepRule>& StepRules() { return kRules; }

const StepRule* FindStep(std::string_view code) {
  for (const auto& r : kRules)
    if (code == r.code) return &r;
  return nullptr;
}

std::string MonthsAfter(const std::string& day, int months) {
  if (!IsIsoDate(day)) return "";
  using namespace std::chrono;
  const year_month_day d{year{std::stoi(day.substr(0, 4))},
                         month{static_cast<unsigned>(std::stoi(day.substr(5, 2)))},
                         std::chrono::day{static_cast<unsigned>(std::stoi(day.substr(8, 2)))}};
  const year_month ym = year_month{d.year(), d.month()} + std::chrono::months{months};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  const auto clamped = std::min(d.day(), last);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ym.year()),
                     static_cast<unsigned>(ym.month()), static_cast<unsigned>(clamped));
}

const std::string& StageDateOf(const ApplicantRecord& a, ApplicantStage s) {
  switch (s) {
    case S::kApplicant:
      return a.applied_on;
    case S::kActivist:
      return a.activist_on;
    case S::kCandidate:
      return a.candidate_on;
    case S::kAdmitted:
      break;
  }
  return a.admitted_on;
}

Status ValidateStep(const ApplicantRecord& a, const ApplicantStepRecord& s,
                    const std::string& today) {
  const StepRule* rule = FindStep(s.step);
  if (!rule) return Status::Invalid(N_("Choose a step of the way in.")).WithField("step");
  const std::string& from = StageDateOf(a, rule->stage);
  if (from.empty())
    return Status::Invalid(N_("This step belongs to a stage not reached yet.")).WithField("step");
  std::string to = today;
  if (rule->stage != S::kAdmitted) {
    const std::string& next = StageDateOf(a, static_cast<S>(static_cast<int>(rule->stage) + 1));
    if (!next.empty()) to = std::min(to, next);
  }
  std::vector<Status> problems;
  if (!IsIsoDate(s.done_on) || s.done_on < from || s.done_on > to)
    problems.push_back(Status::Invalid(N_("Enter a date from {from} to {to}, YYYY-MM-DD."),
                                       {{"from", from}, {"to", to}})
                           .WithField("done_on"));
  if (!IsValidUtf8(s.note) || Utf8Length(s.note) > 200)
    problems.push_back(Status::Invalid(N_("A note has at most 200 characters.")).WithField("note"));
  ValidatePeople(*rule, s, problems);
  return Status::AllOf(std::move(problems));
}

std::vector<StepView> Checklist(const ApplicantRecord& a,
                                const std::vector<ApplicantStepRecord>& steps,
                                const std::string& today, bool probation_over) {
  const S stage = StageOf(a);
  const bool deadlines = !IsStopped(a) && !(stage == S::kAdmitted && probation_over);
  std::vector<StepView> out;
  for (const auto& rule : kRules) {
    if (rule.stage > stage) break;
    StepView v;
    v.rule = &rule;
    if (const auto* r = RecordOf(steps, a.id, rule.code)) v.done = *r;
    const bool recurring = rule.due_months > 0 && std::string_view(rule.code) == "assessment";
    if (rule.due_months > 0 && deadlines && rule.stage == stage && (!v.done || recurring)) {
      v.due = MonthsAfter(v.done ? v.done->done_on : StageDateOf(a, rule.stage), rule.due_months);
      v.overdue = !v.due.empty() && v.due < today;
    }
    out.push_back(std::move(v));
  }
  return out;
}

bool ProbationOver(const ApplicantRecord& a, const MemberRecord* member) {
  if (StageOf(a) != S::kAdmitted || !a.member_id) return false;
  return !member || member->status != "probationary";
}

bool ProbationOver(const ApplicantRecord& a, const std::vector<MemberRecord>& members) {
  if (!a.member_id) return false;
  const auto m = std::find_if(members.begin(), members.end(),
                              [&](const MemberRecord& r) { return r.id == *a.member_id; });
  return ProbationOver(a, m == members.end() ? nullptr : &*m);
}

std::vector<const StepRule*> MissingBeforeAdmission(const ApplicantRecord& a,
                                                    const std::vector<ApplicantStepRecord>& steps) {
  std::vector<const StepRule*> out;
  for (const auto& rule : kRules)
    if (rule.stage == S::kCandidate && !RecordOf(steps, a.id, rule.code)) out.push_back(&rule);
  return out;
}

}  // namespace procura::org
