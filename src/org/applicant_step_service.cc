// ApplicantService, the steps of the way in: the checklist with the
// people's names, recording a step and clearing one recorded by mistake.
#include <fmt/format.h>

#include "core/clock.h"
#include "org/applicants.h"

namespace procura::org {

namespace {

// The people named with a step are members; the contacts full members.
Status CheckPeople(Storage& tx, const StepRule& rule, const ApplicantStepRecord& s) {
  for (const auto& person : {s.person1_id, s.person2_id}) {
    if (!person) continue;
    auto m = tx.org().GetMember(*person);
    if (!m.ok()) return m.status();
    if (!m->has_value())
      return Status::Invalid(N_("Choose a member of the Party.")).WithField("person1");
    if (rule.people == 2 && (*m)->status != "full")
      return Status::Invalid(N_("A contact must be a full member of the Party."))
          .WithField("person1");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<StepView>> ApplicantService::StepsOf(Storage& s,
                                                        const ApplicantRecord& a) const {
  auto records = s.org().StepsOfApplicant(a.id);
  if (!records.ok()) return records.status();
  std::optional<MemberRecord> member;
  if (a.member_id) {
    auto m = s.org().GetMember(*a.member_id);
    if (!m.ok()) return m.status();
    member = std::move(*m);
  }
  auto list = Checklist(a, *records, Today(), ProbationOver(a, member ? &*member : nullptr));
  for (auto& step : list) {
    if (!step.done) continue;
    for (const auto& person : {step.done->person1_id, step.done->person2_id}) {
      if (!person) continue;
      auto m = s.org().GetMember(*person);
      if (m.ok() && m->has_value()) step.people.push_back((*m)->name);
    }
  }
  return list;
}

Status ApplicantService::RecordStep(const auth::Principal& who, const auth::Actor& actor,
                                    const ApplicantStepRecord& in) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto a = Load(tx, *reach, in.applicant_id);
    if (!a.ok()) return a.status();
    if (IsStopped(*a)) return Status::Invalid(N_("This application was stopped."));
    PROCURA_RETURN_IF_ERROR(ValidateStep(*a, in, Today()));
    const StepRule& rule = *FindStep(in.step);
    PROCURA_RETURN_IF_ERROR(CheckPeople(tx, rule, in));
    PROCURA_RETURN_IF_ERROR(tx.org().PutApplicantStep(in));
    return audit_.Write(tx, actor, "applicant.step", "applicant", a->id,
                        fmt::format("{} on {}", in.step, in.done_on));
  });
}

Status ApplicantService::MayKeep(const auth::Principal& who, std::int64_t id) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  return Load(storage_, *reach, id).status();
}

Status ApplicantService::ClearStep(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t id, const std::string& step) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto a = Load(tx, *reach, id);
    if (!a.ok()) return a.status();
    if (IsStopped(*a)) return Status::Invalid(N_("This application was stopped."));
    auto steps = tx.org().StepsOfApplicant(id);
    if (!steps.ok()) return steps.status();
    bool found = false;
    for (const auto& s : *steps) found = found || s.step == step;
    if (!found) return Status::NotFound(N_("This step is not recorded."));
    PROCURA_RETURN_IF_ERROR(tx.org().DeleteApplicantStep(id, step));
    return audit_.Write(tx, actor, "applicant.step_clear", "applicant", id, step);
  });
}

Result<ApplicantImportPlan> ApplicantService::Import(
    const auth::Principal& who, const auth::Actor& actor,
    const std::vector<std::vector<std::string>>& table,
    const std::function<std::string(const char*)>& label) {
  auto reach = ReachOf(who);
  if (!reach.ok()) return reach.status();
  ApplicantImportPlan plan;
  // The duplicate checks and the inserts in one transaction: two imports
  // (on any nodes) cannot both add the same people.
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    auto existing = tx.org().ListApplicants(std::nullopt);
    if (!existing.ok()) return existing.status();
    auto members = tx.org().ListMembers(std::nullopt);
    if (!members.ok()) return members.status();
    plan = PlanApplicantImport(table, label, *units, *reach, *existing, *members, Today());
    if (!plan.problems.empty()) return Status::Ok();
    const UnixSeconds now = NowUnix();
    for (auto& row : plan.rows) {
      row.applicant.created_at = now;
      auto id = tx.org().InsertApplicant(row.applicant);
      if (!id.ok()) return id.status();
      row.applicant.id = *id;
      for (auto& step : row.steps) {
        step.applicant_id = *id;
        PROCURA_RETURN_IF_ERROR(tx.org().PutApplicantStep(step));
      }
    }
    return audit_.Write(tx, actor, "applicant.import", "applicant", {},
                        fmt::format("{} applicants", plan.rows.size()));
  }));
  return plan;
}

}  // namespace procura::org
