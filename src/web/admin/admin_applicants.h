// The newsroom's pages for 发展党员, an area of its own over AdminKit: the
// applicants in reach by stage, one applicant with the form that records
// the next stage (admission makes the member record), and the forms that
// enter and edit one. ApplicantService decides who may do what; these
// handlers parse, call it and render. Under /admin/org/ (the menu's
// "Party organization").
#pragma once

#include <map>

#include "http/forms.h"
#include "org/applicants.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class ApplicantsAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    org::ApplicantService& applicants;
    org::OrgService& org;
  };
  explicit ApplicantsAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard, and its dashboard part.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  Response List(const Request&, const Params&, AdminContext&);
  // Every applicant in reach as an XLSX roster (花名册); audited.
  Response Roster(const Request&, const Params&, AdminContext&);
  // One applicant, the next stage and the stop (admin_applicant_page.cc).
  Response Show(const Request&, const Params&, AdminContext&);
  Response Advance(const Request&, const Params&, AdminContext&);
  Response Stop(const Request&, const Params&, AdminContext&);
  // The steps of the way in (admin_applicant_steps.cc).
  Response RecordStep(const Request&, const Params&, AdminContext&);
  Response ClearStep(const Request&, const Params&, AdminContext&);
  // Importing applicants kept on paper (admin_applicant_import.cc).
  Response ImportForm(const Request&, const Params&, AdminContext&);
  Response ImportTemplate(const Request&, const Params&, AdminContext&);
  Response Import(const Request&, const Params&, AdminContext&);
  // The import page with `problems` (translated lines) above the form.
  Response ImportView(AdminContext& ctx, const std::vector<std::string>& problems, int status);
  Response NewForm(const Request&, const Params&, AdminContext&);
  Response Create(const Request&, const Params&, AdminContext&);
  Response EditForm(const Request&, const Params&, AdminContext&);
  Response Save(const Request&, const Params&, AdminContext&);

  // The entry form with `error` beside its fields and what was typed.
  Response FormView(AdminContext& ctx, const ApplicantRecord& a, const Status& error, int status);
  // The applicant's page, with `error` beside its field and the forms'
  // fields as typed (date, sponsor1, sponsor2, stopped_on, stop_reason).
  Response ShowView(AdminContext& ctx, std::int64_t id, const http::Form& typed,
                    const Status& error, int status);
  // The next stage's form: its date, and the sponsors when admitting.
  void SetNextStage(AdminContext& ctx, const org::ApplicantView& v, const http::Form& typed,
                    TemplateData& body);
  // The checklist by stage and, unless the application was stopped, the
  // form that records a step (what was typed: step, done_on, note,
  // person1, person2).
  void SetSteps(AdminContext& ctx, const org::ApplicantView& v, const http::Form& typed,
                TemplateData& body);
  // The candidate's steps not recorded, beside the admission form.
  void SetMissingSteps(AdminContext& ctx, const org::ApplicantView& v, TemplateData& body);
  std::string StageText(const AdminContext& ctx, org::ApplicantStage s) const;
  // The activists whose year is over, ready to be named candidates.
  void DashboardPart(const AdminContext& ctx, TemplateData& body);

  Deps d_;
};

}  // namespace procura::web
