// ApplicantsAdmin: the steps of the way in on an applicant's page — the
// checklist by stage with deadlines, the form that records a step, and
// clearing one recorded by mistake.
#include <fmt/format.h>

#include "core/text.h"
#include "web/admin/admin_applicants.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {

// One row of the checklist.
data StepRow(const std::function<std::string(const char*)>& t, const org::StepView& step,
             bool editable) {
  data row;
  row.set("code", step.rule->code);
  row.set("label", t(step.rule->label));
  if (step.done) {
    row.set("done_on", step.done->done_on);
    if (!step.done->note.empty()) row.set("note", step.done->note);
    if (editable) row.set("clearable", TemplateTrue());
  }
  // Open to record: a step not done, or one recorded again when due (the assessment).
  if (editable && (!step.done || !step.due.empty())) row.set("recordable", TemplateTrue());
  std::string people;
  for (const std::string& name : step.people) people += (people.empty() ? "" : t(N_(", "))) + name;
  if (!people.empty()) row.set("people", people);
  if (!step.due.empty()) row.set(step.overdue ? "overdue" : "due", step.due);
  return row;
}

}  // namespace

void ApplicantsAdmin::SetSteps(AdminContext& ctx, const org::ApplicantView& v,
                               const http::Form& typed, TemplateData& body) {
  const auto t = [&](const char* msgid) { return d_.kit.T(ctx, msgid); };
  const bool editable = !org::IsStopped(v.applicant);
  data stages{data::type::list};
  data options{data::type::list};
  for (int code = 0; code <= static_cast<int>(org::ApplicantStage::kAdmitted); ++code) {
    const auto stage = static_cast<org::ApplicantStage>(code);
    data rows{data::type::list};
    for (const auto& step : v.steps) {
      if (step.rule->stage != stage) continue;
      rows.push_back(StepRow(t, step, editable));
      std::string label = t(step.rule->label);
      if (step.done)
        label += d_.kit.Tf(ctx, N_(" (recorded {date})"), {{"date", step.done->done_on}});
      options.push_back(SelectOption(step.rule->code, label, typed.Get("step") == step.rule->code));
    }
    if (rows.list_value().empty()) continue;
    data group;
    group.set("stage", org::StageCode(stage));
    group.set("title", StageText(ctx, stage));
    group.set("steps", rows);
    stages.push_back(group);
  }
  body.set("step_stages", stages);
  if (!editable) return;
  body.set("steps_editable", TemplateTrue());
  body.set("step_options", options);
  body.set("step_date",
           typed.Get("done_on").empty() ? d_.applicants.Today() : typed.Get("done_on"));
  body.set("step_note", typed.Get("note"));
  if (typed.Has("step")) body.set("step_open", TemplateTrue());
  auto members = d_.org.BranchMembers(ctx.who(), v.applicant.branch_id);
  for (const char* field : {"person1", "person2"}) {
    data people{data::type::list};
    if (members.ok())
      for (const auto& m : *members)
        people.push_back(
            SelectOption(std::to_string(m.id), m.name, typed.Get(field) == std::to_string(m.id)));
    body.set(std::string(field) + "_options", people);
  }
}

void ApplicantsAdmin::SetMissingSteps(AdminContext& ctx, const org::ApplicantView& v,
                                      TemplateData& body) {
  std::vector<ApplicantStepRecord> done;
  for (const auto& step : v.steps)
    if (step.done) done.push_back(*step.done);
  std::string missing;
  for (const auto* rule : org::MissingBeforeAdmission(v.applicant, done))
    missing += (missing.empty() ? "" : d_.kit.T(ctx, N_("; "))) + d_.kit.T(ctx, rule->label);
  if (!missing.empty()) body.set("missing_steps", missing);
}

Response ApplicantsAdmin::RecordStep(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  const http::Form f = http::Form::Parse(req.body);
  ApplicantStepRecord s{*id, f.Get("step"), f.Get("done_on"), Trim(f.Get("note"))};
  s.person1_id = ParsePositiveId(f.Get("person1"));
  s.person2_id = ParsePositiveId(f.Get("person2"));
  if (!s.person1_id && s.person2_id) std::swap(s.person1_id, s.person2_id);
  Status done = d_.applicants.RecordStep(ctx.who(), ctx.actor, s);
  if (done.ok())
    return AdminKit::Done(fmt::format("/admin/org/applicants/{}#step-{}", *id, s.step), "saved");
  if (done.code() != Status::Code::kInvalidArgument)
    return d_.kit.Message(ctx, HttpStatusFor(done), N_("Not recorded"), done);
  return ShowView(ctx, *id, f, done, 422);
}

Response ApplicantsAdmin::ClearStep(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  const org::StepRule* rule = org::FindStep(p.at("step"));
  if (!rule) return d_.kit.Message(ctx, 404, N_("Not found"), N_("This step is not recorded."));
  if (Status may = d_.applicants.MayKeep(ctx.who(), *id); !may.ok())
    return d_.kit.Message(ctx, HttpStatusFor(may), N_("Not recorded"), may);
  if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Clear the record of the step “{step_label}”?"),
                                     {{"step_label", rule->label}},
                                     fmt::format("/admin/org/applicants/{}#step-{}", *id, rule->code)))
    return *ask;
  Status done = d_.applicants.ClearStep(ctx.who(), ctx.actor, *id, p.at("step"));
  if (!done.ok()) return d_.kit.Message(ctx, HttpStatusFor(done), N_("Not recorded"), done);
  return AdminKit::Done(fmt::format("/admin/org/applicants/{}#steps", *id), "saved");
}

}  // namespace procura::web
