// ApplicantsAdmin: one applicant's page — the record, the form that
// records the next stage (with the sponsors when admitting), and the form
// that stops an application no longer pursued.
#include <fmt/format.h>

#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_applicants.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;
using org::ApplicantStage;

namespace {

// What recording the stage after `s` is called (a msgid).
const char* NextStepLabel(ApplicantStage s) {
  switch (s) {
    case ApplicantStage::kApplicant: return N_("Name as an activist (入党积极分子)");
    case ApplicantStage::kActivist: return N_("Name as a candidate (发展对象)");
    case ApplicantStage::kCandidate: return N_("Admit as a probationary member (接收为预备党员)");
    case ApplicantStage::kAdmitted: break;
  }
  return "";
}

// The page's inputs, by field name (for the error summary's links).
const std::map<std::string, std::string> kPageIds = {
    {"activist_on", "next-date"}, {"candidate_on", "next-date"}, {"admitted_on", "next-date"},
    {"sponsors", "sponsor1"},     {"stopped_on", "stop-date"},   {"stop_reason", "stop-reason"},
    {"step", "step-code"},        {"done_on", "step-date"},      {"note", "step-note"},
    {"person1", "person1"}};

}  // namespace

Response ApplicantsAdmin::Show(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  // ?step=CODE (a checklist row's link) opens the step form on that step.
  http::Form chosen;
  if (const std::string step = ParseQuery(req.query)["step"]; org::FindStep(step))
    chosen.Add("step", step);
  return ShowView(ctx, *id, chosen, Status::Ok(), 200);
}

void ApplicantsAdmin::SetNextStage(AdminContext& ctx, const org::ApplicantView& v,
                                   const http::Form& typed, TemplateData& body) {
  const std::string today = d_.applicants.Today();
  body.set("next_label", d_.kit.T(ctx, NextStepLabel(v.stage)));
  body.set("next_from", v.next_from);
  if (v.next_from <= today) {
    body.set("next_ready", TemplateTrue());
    body.set("next_value", typed.Get("date").empty() ? today : typed.Get("date"));
  }
  if (v.stage != ApplicantStage::kCandidate) return;
  body.set("admitting", TemplateTrue());
  SetMissingSteps(ctx, v, body);
  // Sponsors: the full members of the applicant's branch.
  auto members = d_.org.BranchMembers(ctx.who(), v.applicant.branch_id);
  for (const char* field : {"sponsor1", "sponsor2"}) {
    data options{data::type::list};
    if (members.ok())
      for (const auto& m : *members)
        if (m.status == "full")
          options.push_back(SelectOption(std::to_string(m.id), m.name,
                                         typed.Get(field) == std::to_string(m.id)));
    body.set(std::string(field) + "_options", options);
  }
}

Response ApplicantsAdmin::ShowView(AdminContext& ctx, std::int64_t id, const http::Form& typed,
                                   const Status& error, int status) {
  auto v = d_.applicants.Get(ctx.who(), ctx.actor, id);
  if (!v.ok()) return d_.kit.Message(ctx, HttpStatusFor(v.status()), TitleFor(v.status()), v.status());
  const ApplicantRecord& a = v->applicant;
  data body;
  body.set("id", std::to_string(a.id));
  body.set("name", a.name);
  body.set("branch", v->branch_name);
  body.set("stage", org::IsStopped(a) ? d_.kit.T(ctx, N_("No longer pursued")) : StageText(ctx, v->stage));
  body.set("gender", d_.kit.T(ctx, GenderLabel(a.gender)));
  body.set("today", d_.applicants.Today());
  for (const auto& [k, value] : {std::pair{"birth", a.birth_date}, {"phone", a.phone},
                                 {"applied", a.applied_on}, {"activist", a.activist_on},
                                 {"candidate", a.candidate_on}, {"admitted", a.admitted_on},
                                 {"stopped", a.stopped_on}, {"stop_reason", a.stop_reason}})
    if (!value.empty()) body.set(k, value);  // a stage not reached is not listed
  if (a.member_id) body.set("member_id", std::to_string(*a.member_id));
  std::string sponsors;
  for (const std::string& name : v->sponsor_names)
    sponsors += (sponsors.empty() ? "" : d_.kit.T(ctx, N_(", "))) + name;
  if (!sponsors.empty()) body.set("sponsors", sponsors);
  if (v->stage != ApplicantStage::kAdmitted && !org::IsStopped(a)) {
    body.set("editable", TemplateTrue());
    SetNextStage(ctx, *v, typed, body);
    body.set("stop_date", typed.Get("stopped_on").empty() ? d_.applicants.Today() : typed.Get("stopped_on"));
    body.set("stop_reason_typed", typed.Get("stop_reason"));
    if (typed.Has("stop_reason")) body.set("stop_open", TemplateTrue());
  }
  SetSteps(ctx, *v, typed, body);
  d_.kit.SetFormErrors(ctx, error, kPageIds, body);
  return d_.kit.Page(ctx, "admin_applicant", std::move(body), N_("Applicant for membership"), status);
}

Response ApplicantsAdmin::Advance(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  const http::Form f = http::Form::Parse(req.body);
  std::vector<std::int64_t> sponsors;
  for (const char* field : {"sponsor1", "sponsor2"})
    if (auto s = ParsePositiveId(f.Get(field))) sponsors.push_back(*s);
  auto made = d_.applicants.Advance(ctx.who(), ctx.actor, *id, f.Get("date"), sponsors);
  if (made.ok())
    return AdminKit::Done(*made ? fmt::format("/admin/org/members/{}", **made)
                                : fmt::format("/admin/org/applicants/{}", *id),
                          "saved");
  if (made.status().code() != Status::Code::kInvalidArgument)
    return d_.kit.Message(ctx, HttpStatusFor(made.status()), N_("Not recorded"), made.status());
  return ShowView(ctx, *id, f, made.status(), 422);
}

Response ApplicantsAdmin::Stop(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  const http::Form f = http::Form::Parse(req.body);
  Status s = d_.applicants.Stop(ctx.who(), ctx.actor, *id, f.Get("stopped_on"),
                                Trim(f.Get("stop_reason")));
  if (s.ok()) return AdminKit::Done(fmt::format("/admin/org/applicants/{}", *id), "saved");
  if (s.code() != Status::Code::kInvalidArgument)
    return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not recorded"), s);
  return ShowView(ctx, *id, f, s, 422);
}

}  // namespace procura::web
