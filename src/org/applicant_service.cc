// ApplicantService: listing, reading, entering, editing and advancing
// applicants; admission makes the probationary member's record.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "org/applicants.h"

namespace procura::org {

namespace {

// 入党介绍人: two different full members, full on the day of the admission
// (when their record has the day).
Status CheckSponsors(Storage& tx, const std::vector<std::int64_t>& sponsors,
                     const std::string& date) {
  const auto problem = [](const char* msgid) { return Status::Invalid(msgid).WithField("sponsors"); };
  if (sponsors.size() != 2 || sponsors[0] == sponsors[1])
    return problem(N_("Choose two different full members as sponsors (入党介绍人)."));
  for (std::int64_t id : sponsors) {
    auto m = tx.org().GetMember(id);
    if (!m.ok()) return m.status();
    if (!m->has_value() || (*m)->status != "full")
      return problem(N_("A sponsor must be a full member of the Party."));
    if ((*m)->full_date > date)
      return Status::Invalid(N_("{name} became a full member on {day}, after this admission: "
                                "a sponsor must be a full member on the day."),
                             {{"name", (*m)->name}, {"day", (*m)->full_date}})
          .WithField("sponsors");
  }
  return Status::Ok();
}

// The steps recorded for `a` still fit its stage dates (after an edit or
// a new stage): a date moved past a recorded step would leave the step
// outside its stage.
Status CheckStepsFit(Storage& tx, const ApplicantRecord& a, const std::string& today) {
  auto steps = tx.org().StepsOfApplicant(a.id);
  if (!steps.ok()) return steps.status();
  for (const auto& step : *steps) {
    if (ValidateStep(a, step, today).ok()) continue;
    const StepRule* rule = FindStep(step.step);
    return Status::Invalid(N_("The step “{step_label}” recorded on {date} would fall outside its stage: "
                              "change or clear it first."),
                           {{"step_label", rule ? rule->label : step.step}, {"date", step.done_on}});
  }
  return Status::Ok();
}

// The date of the stage `a` has reached.
const std::string& StageDate(const ApplicantRecord& a) { return StageDateOf(a, StageOf(a)); }

ApplicantView ViewOf(const ApplicantRecord& a, const std::map<std::int64_t, std::string>& names) {
  auto it = names.find(a.branch_id);
  return {a, it == names.end() ? "" : it->second, StageOf(a), EarliestNextStage(a)};
}

Result<std::map<std::int64_t, std::string>> BranchNames(Storage& s) {
  auto units = s.org().ListUnits();
  if (!units.ok()) return units.status();
  std::map<std::int64_t, std::string> names;
  for (const auto& u : *units) names[u.id] = u.name;
  return names;
}

}  // namespace

Result<std::vector<ApplicantView>> ApplicantService::List(const auth::Principal& who) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  auto list = storage_.org().ListApplicants(*reach);
  auto names = BranchNames(storage_);
  auto steps = storage_.org().ListApplicantSteps(*reach);
  if (!list.ok()) return list.status();
  if (!names.ok()) return names.status();
  if (!steps.ok()) return steps.status();
  auto members = storage_.org().ListMembers(*reach);
  if (!members.ok()) return members.status();
  const std::string today = Today();
  std::vector<ApplicantView> out;
  for (const auto& a : *list) {
    out.push_back(ViewOf(a, *names));
    out.back().steps = Checklist(a, *steps, today, ProbationOver(a, *members));
  }
  std::stable_sort(out.begin(), out.end(), [](const ApplicantView& x, const ApplicantView& y) {
    if (x.stage != y.stage) return x.stage > y.stage;
    return StageDate(x.applicant) < StageDate(y.applicant);
  });
  return out;
}

Result<ApplicantView> ApplicantService::Get(const auth::Principal& who, const auth::Actor& actor,
                                            std::int64_t id) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  auto a = Load(storage_, *reach, id);
  if (!a.ok()) return a.status();
  auto names = BranchNames(storage_);
  if (!names.ok()) return names.status();
  PROCURA_RETURN_IF_ERROR(audit_.RecordChecked(actor, "applicant.view", "applicant", id, ""));
  ApplicantView v = ViewOf(*a, *names);
  for (const auto& sponsor : {a->sponsor1_id, a->sponsor2_id}) {
    if (!sponsor) continue;
    auto m = storage_.org().GetMember(*sponsor);
    if (m.ok() && m->has_value()) v.sponsor_names.push_back((*m)->name);
  }
  auto steps = StepsOf(storage_, *a);
  if (!steps.ok()) return steps.status();
  v.steps = std::move(*steps);
  return v;
}

Result<std::int64_t> ApplicantService::Create(const auth::Principal& who, const auth::Actor& actor,
                                              ApplicantRecord a) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  a.member_id.reset();
  a.admitted_on.clear();  // admission is a step of its own: it makes the member record
  // The form's problems first (an empty form is a 422), then the reach.
  PROCURA_RETURN_IF_ERROR(ValidateApplicant(a, *units, Today()));
  PROCURA_RETURN_IF_ERROR(CheckReach(*reach, a.branch_id));
  a.created_at = NowUnix();
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.org().InsertApplicant(a);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "applicant.create", "applicant", id,
                        fmt::format("{} ({})", a.name, StageCode(StageOf(a))));
  }));
  return id;
}

Status ApplicantService::Update(const auth::Principal& who, const auth::Actor& actor,
                                const ApplicantRecord& in) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto old = Load(tx, *reach, in.id);
    if (!old.ok()) return old.status();
    if (!old->admitted_on.empty())
      return Status::Invalid(N_("An admitted applicant's record is their member record now."));
    if (IsStopped(*old)) return Status::Invalid(N_("This application was stopped."));
    ApplicantRecord a = *old;
    a.name = in.name, a.gender = in.gender, a.birth_date = in.birth_date, a.phone = in.phone;
    a.branch_id = in.branch_id, a.applied_on = in.applied_on, a.activist_on = in.activist_on;
    a.candidate_on = in.candidate_on;
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    PROCURA_RETURN_IF_ERROR(ValidateApplicant(a, *units, Today()));
    PROCURA_RETURN_IF_ERROR(CheckReach(*reach, a.branch_id));  // not moved out of reach
    PROCURA_RETURN_IF_ERROR(CheckStepsFit(tx, a, Today()));
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateApplicant(a));
    return audit_.Write(tx, actor, "applicant.edit", "applicant", a.id,
                        fmt::format("applied {}, activist {}, candidate {}", a.applied_on,
                                    a.activist_on.empty() ? "-" : a.activist_on,
                                    a.candidate_on.empty() ? "-" : a.candidate_on));
  });
}

Result<std::optional<std::int64_t>> ApplicantService::Advance(
    const auth::Principal& who, const auth::Actor& actor, std::int64_t id, const std::string& date,
    const std::vector<std::int64_t>& sponsors) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  std::optional<std::int64_t> member;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto loaded = Load(tx, *reach, id);
    if (!loaded.ok()) return loaded.status();
    ApplicantRecord a = *loaded;
    const ApplicantStage now = StageOf(a);
    if (now == ApplicantStage::kAdmitted)
      return Status::Invalid(N_("This applicant is already a probationary member."));
    if (IsStopped(a)) return Status::Invalid(N_("This application was stopped."));
    const auto next = static_cast<ApplicantStage>(static_cast<int>(now) + 1);
    (next == ApplicantStage::kActivist    ? a.activist_on
     : next == ApplicantStage::kCandidate ? a.candidate_on
                                          : a.admitted_on) = date;
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    PROCURA_RETURN_IF_ERROR(ValidateApplicant(a, *units, Today()));
    PROCURA_RETURN_IF_ERROR(CheckStepsFit(tx, a, Today()));
    if (next == ApplicantStage::kAdmitted) {
      PROCURA_RETURN_IF_ERROR(CheckSponsors(tx, sponsors, date));
      a.sponsor1_id = sponsors[0], a.sponsor2_id = sponsors[1];
      MemberRecord m{0, a.name, a.gender, a.birth_date, date, a.branch_id, a.phone, "probationary"};
      auto made = tx.org().InsertMember(m);
      if (!made.ok()) return made.status();
      member = a.member_id = *made;
      PROCURA_RETURN_IF_ERROR(
          audit_.Write(tx, actor, "member.create", "member", *made, m.name + " (admitted)"));
    }
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateApplicant(a));
    return audit_.Write(tx, actor, "applicant.advance", "applicant", a.id,
                        fmt::format("{} on {}", StageCode(next), date));
  }));
  return member;
}

Status ApplicantService::Stop(const auth::Principal& who, const auth::Actor& actor,
                              std::int64_t id, const std::string& date,
                              const std::string& reason) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto loaded = Load(tx, *reach, id);
    if (!loaded.ok()) return loaded.status();
    ApplicantRecord a = *loaded;
    if (IsStopped(a)) return Status::Invalid(N_("This application was stopped."));
    a.stopped_on = date;
    a.stop_reason = reason;
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    PROCURA_RETURN_IF_ERROR(ValidateApplicant(a, *units, Today()));
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateApplicant(a));
    return audit_.Write(tx, actor, "applicant.stop", "applicant", a.id,
                        fmt::format("on {}: {}", date, reason));
  });
}

}  // namespace procura::org
