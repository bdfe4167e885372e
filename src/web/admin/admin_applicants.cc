// ApplicantsAdmin: routes, the list by stage, one applicant and the next
// stage, and the entry and edit forms.
#include "web/admin/admin_applicants.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/labels.h"
#include "core/text.h"
#include "org/probation.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;
using org::ApplicantStage;

namespace {

// A step's deadline this close is shown on the list.
constexpr int kSoonDays = 14;

}  // namespace

void ApplicantsAdmin::AddRoutes(http::Router& r) {
  const Requirement view{Requirement::kAction, auth::Action::kViewRecords};
  AdminKit& kit = d_.kit;
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  kit.Add(r, "GET", "/admin/org/applicants", view, bind(&ApplicantsAdmin::List));
  kit.Add(r, "GET", "/admin/org/applicants/new", view, bind(&ApplicantsAdmin::NewForm));
  kit.Add(r, "GET", "/admin/org/applicants.xlsx", view, bind(&ApplicantsAdmin::Roster));
  kit.Add(r, "GET", "/admin/org/applicants/import", view, bind(&ApplicantsAdmin::ImportForm));
  kit.Add(r, "POST", "/admin/org/applicants/import", view, bind(&ApplicantsAdmin::Import));
  kit.Add(r, "GET", "/admin/org/applicants/import-template.xlsx", view,
          bind(&ApplicantsAdmin::ImportTemplate));
  kit.Add(r, "POST", "/admin/org/applicants", view, bind(&ApplicantsAdmin::Create));
  kit.Add(r, "GET", "/admin/org/applicants/{id}", view, bind(&ApplicantsAdmin::Show));
  kit.Add(r, "GET", "/admin/org/applicants/{id}/edit", view, bind(&ApplicantsAdmin::EditForm));
  kit.Add(r, "POST", "/admin/org/applicants/{id}/edit", view, bind(&ApplicantsAdmin::Save));
  kit.Add(r, "POST", "/admin/org/applicants/{id}/advance", view, bind(&ApplicantsAdmin::Advance));
  kit.Add(r, "POST", "/admin/org/applicants/{id}/stop", view, bind(&ApplicantsAdmin::Stop));
  kit.Add(r, "POST", "/admin/org/applicants/{id}/steps", view, bind(&ApplicantsAdmin::RecordStep));
  kit.Add(r, "POST", "/admin/org/applicants/{id}/steps/{step}/clear", view,
          bind(&ApplicantsAdmin::ClearStep));
  kit.AddDashboardPart([this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
}

void ApplicantsAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  if (!auth::Can(ctx.who(), auth::Action::kViewRecords)) return;
  auto list = d_.applicants.List(ctx.who());
  if (!list.ok()) return;
  const std::string today = d_.applicants.Today();
  const auto ready = std::count_if(list->begin(), list->end(), [&](const org::ApplicantView& v) {
    return v.stage == ApplicantStage::kActivist && !org::IsStopped(v.applicant) &&
           v.next_from <= today;
  });
  std::size_t overdue = 0;
  for (const auto& v : *list)
    for (const auto& step : v.steps) overdue += step.overdue;
  if (overdue > 0)
    body.set("applicants_overdue",
             d_.kit.Tf(ctx, N_("Steps of the way in past their deadline: {n}."),
                       {{"n", std::to_string(overdue)}}));
  if (ready == 0) return;
  body.set("applicants_ready",
           d_.kit.Tf(ctx, N_("Activists trained for a year or more, ready to be named candidates: {n}."),
                     {{"n", std::to_string(ready)}}));
}

std::string ApplicantsAdmin::StageText(const AdminContext& ctx, ApplicantStage s) const {
  switch (s) {
    case ApplicantStage::kApplicant: return d_.kit.T(ctx, N_("Applicant"));
    case ApplicantStage::kActivist: return d_.kit.T(ctx, N_("Activist"));
    case ApplicantStage::kCandidate: return d_.kit.T(ctx, N_("Candidate"));
    case ApplicantStage::kAdmitted: return d_.kit.T(ctx, N_("Admitted"));
  }
  return "";
}

Response ApplicantsAdmin::List(const Request& req, const Params&, AdminContext& ctx) {
  auto list = d_.applicants.List(ctx.who());
  if (!list.ok())
    return d_.kit.Message(ctx, HttpStatusFor(list.status()), TitleFor(list.status()), list.status());
  const std::string today = d_.applicants.Today();
  data stages{data::type::list};
  // The stages in progress, furthest first; then the admitted and the stopped.
  constexpr ApplicantStage kOrder[] = {ApplicantStage::kCandidate, ApplicantStage::kActivist,
                                       ApplicantStage::kApplicant, ApplicantStage::kAdmitted};
  for (std::size_t section = 0; section <= std::size(kOrder); ++section) {
    const bool stopped_section = section == std::size(kOrder);
    const ApplicantStage stage = stopped_section ? ApplicantStage::kApplicant : kOrder[section];
    data rows{data::type::list};
    for (const auto& v : *list) {
      if (stopped_section ? !org::IsStopped(v.applicant)
                          : org::IsStopped(v.applicant) || v.stage != stage)
        continue;
      const ApplicantRecord& a = v.applicant;
      data row;
      row.set("id", std::to_string(a.id));
      row.set("name", a.name);
      row.set("branch", v.branch_name);
      row.set("applied", a.applied_on);
      row.set("activist", a.activist_on);
      row.set("candidate", a.candidate_on);
      row.set("admitted", a.admitted_on);
      if (!v.next_from.empty() && !org::IsStopped(a)) {
        row.set("next_from", v.next_from);
        if (v.next_from <= today) row.set("next_ready", TemplateTrue());
      }
      if (a.member_id) row.set("member_id", std::to_string(*a.member_id));
      // Steps past their deadline, and those due within two weeks.
      std::string overdue, soon;
      for (const auto& step : v.steps) {
        std::string& into = step.overdue ? overdue : soon;
        if (step.due.empty() || (!step.overdue && org::DaysBetween(today, step.due) > kSoonDays))
          continue;
        into += (into.empty() ? "" : d_.kit.T(ctx, N_("; "))) + d_.kit.T(ctx, step.rule->label);
      }
      if (!overdue.empty()) row.set("overdue", overdue);
      if (!soon.empty()) row.set("soon", soon);
      rows.push_back(row);
    }
    data s;
    s.set("code", stopped_section ? "stopped" : org::StageCode(stage));
    s.set("title", stopped_section ? d_.kit.T(ctx, N_("No longer pursued")) : StageText(ctx, stage));
    s.set("count", std::to_string(rows.list_value().size()));
    s.set("rows", rows);
    if (!rows.list_value().empty()) stages.push_back(s);
  }
  data body;
  body.set("stages", stages);
  if (auto n = ParsePositiveId(ParseQuery(req.query)["imported"]))  // after an import
    body.set("imported", d_.kit.TfN(ctx, "{n} applicant was imported.", "{n} applicants were imported.",
                                    long(*n)));
  if (list->empty()) body.set("none", TemplateTrue());
  return d_.kit.Page(ctx, "admin_applicants", std::move(body), N_("Applicants for membership"));
}

Response ApplicantsAdmin::Roster(const Request&, const Params&, AdminContext& ctx) {
  auto list = d_.applicants.List(ctx.who());
  if (!list.ok())
    return d_.kit.Message(ctx, HttpStatusFor(list.status()), TitleFor(list.status()), list.status());
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  tabular::Sheet sheet{t(N_("Applicants")),
                       {t(N_("Name")), t(N_("Gender")), t(N_("Date of birth")), t(N_("Branch")),
                        t(N_("Phone")), t(N_("Stage")), t(N_("Applied")), t(N_("Activist since")),
                        t(N_("Candidate since")), t(N_("Admitted")), t(N_("Stopped")),
                        t(N_("Reason"))}};
  // Then one column per step of the way in: the day it was done (the ledger, 台账).
  for (const auto& rule : org::StepRules()) sheet.header.push_back(t(rule.label));
  sheet.title = t(N_("Applicants for membership"));
  for (const auto& v : *list) {
    const ApplicantRecord& a = v.applicant;
    std::vector<tabular::Cell> row{a.name,         t(GenderLabel(a.gender)), a.birth_date,
                                 v.branch_name,  a.phone,                  StageText(ctx, v.stage),
                                 a.applied_on,   a.activist_on,            a.candidate_on,
                                 a.admitted_on,  a.stopped_on,             a.stop_reason};
    for (const auto& rule : org::StepRules()) {
      std::string done;
      for (const auto& step : v.steps)
        if (step.rule == &rule && step.done) done = step.done->done_on;
      row.push_back(done);
    }
    sheet.rows.push_back(std::move(row));
  }
  return d_.kit.AuditedExport(ctx, d_.kit.XlsxDownload(ctx, {sheet}, "party-applicants.xlsx"),
                              "applicant.export", fmt::format("{} applicants", list->size()));
}

}  // namespace procura::web
