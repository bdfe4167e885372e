// ApplicantsAdmin: the forms that enter a new applicant and edit one not
// yet admitted.
#include <fmt/format.h>

#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_applicants.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {

// The form's inputs, by field name (for the error summary's links).
const std::map<std::string, std::string> kFieldIds = {
    {"name", "p-name"},         {"gender", "p-gender"},         {"birth_date", "p-birth"},
    {"branch", "p-branch"},     {"phone", "p-phone"},           {"applied_on", "p-applied"},
    {"activist_on", "p-activist"}, {"candidate_on", "p-candidate"}};

ApplicantRecord FromForm(const http::Form& f, ApplicantRecord a) {
  a.name = Trim(f.Get("name"));
  a.gender = f.Get("gender");
  a.birth_date = f.Get("birth_date");
  a.phone = Trim(NarrowForms(f.Get("phone")));  // "１３８…" as typed in 全角
  a.applied_on = f.Get("applied_on");
  a.activist_on = f.Get("activist_on");
  a.candidate_on = f.Get("candidate_on");
  a.branch_id = ParsePositiveId(f.Get("branch")).value_or(0);
  return a;
}

}  // namespace

Response ApplicantsAdmin::FormView(AdminContext& ctx, const ApplicantRecord& a,
                                   const Status& error, int status) {
  auto branches = d_.org.Branches(ctx.who());
  if (!branches.ok())
    return d_.kit.Message(ctx, HttpStatusFor(branches.status()), TitleFor(branches.status()), branches.status());
  data body;
  if (a.id) body.set("id", std::to_string(a.id));
  body.set("action", a.id ? fmt::format("/admin/org/applicants/{}/edit", a.id)
                          : std::string("/admin/org/applicants"));
  for (const auto& [k, v] : {std::pair{"name", a.name}, {"birth_date", a.birth_date},
                             {"phone", a.phone}, {"applied_on", a.applied_on},
                             {"activist_on", a.activist_on}, {"candidate_on", a.candidate_on}})
    body.set(k, v);
  body.set("today", d_.applicants.Today());
  data genders{data::type::list};
  for (const char* g : {"female", "male"})
    genders.push_back(SelectOption(g, d_.kit.T(ctx, GenderLabel(g)), a.gender == g));
  body.set("genders", genders);
  data options{data::type::list};
  for (const auto& b : *branches)
    options.push_back(SelectOption(std::to_string(b.unit.id), b.unit.name,
                                   a.branch_id == b.unit.id || branches->size() == 1));
  body.set("branches", options);
  d_.kit.SetFormErrors(ctx, error, kFieldIds, body);
  return d_.kit.Page(ctx, "admin_applicant_form", std::move(body),
                     a.id ? N_("Edit applicant") : N_("New applicant"), status);
}

Response ApplicantsAdmin::NewForm(const Request&, const Params&, AdminContext& ctx) {
  return FormView(ctx, {}, Status::Ok(), 200);
}

Response ApplicantsAdmin::Create(const Request& req, const Params&, AdminContext& ctx) {
  const ApplicantRecord a = FromForm(http::Form::Parse(req.body), {});
  auto id = d_.applicants.Create(ctx.who(), ctx.actor, a);
  if (id.ok()) return AdminKit::Done(fmt::format("/admin/org/applicants/{}", *id), "added");
  if (id.status().code() != Status::Code::kInvalidArgument)
    return d_.kit.Message(ctx, HttpStatusFor(id.status()), N_("Not saved"), id.status());
  return FormView(ctx, a, id.status(), 422);
}

Response ApplicantsAdmin::EditForm(const Request&, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  auto v = d_.applicants.Get(ctx.who(), ctx.actor, *id);
  if (!v.ok()) return d_.kit.Message(ctx, HttpStatusFor(v.status()), TitleFor(v.status()), v.status());
  if (v->stage == org::ApplicantStage::kAdmitted)
    return d_.kit.Message(ctx, 409, N_("Not editable"),
                          N_("An admitted applicant's record is their member record now."));
  return FormView(ctx, v->applicant, Status::Ok(), 200);
}

Response ApplicantsAdmin::Save(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such applicant."));
  ApplicantRecord a = FromForm(http::Form::Parse(req.body), {});
  a.id = *id;
  Status s = d_.applicants.Update(ctx.who(), ctx.actor, a);
  if (s.ok()) return AdminKit::Done(fmt::format("/admin/org/applicants/{}", *id), "saved");
  if (s.code() != Status::Code::kInvalidArgument)
    return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return FormView(ctx, a, s, 422);
}

}  // namespace procura::web
