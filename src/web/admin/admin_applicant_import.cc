// ApplicantsAdmin: importing applicants kept on paper — the page with the
// template, the upload, and the problems by row and column when the file
// is not right (nothing is written then).
#include <fmt/format.h>

#include "http/multipart.h"
#include "tabular/table.h"
#include "web/admin/admin_applicants.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {
constexpr std::size_t kMaxImportBytes = 5u << 20;  // as the member and dues imports
}  // namespace

Response ApplicantsAdmin::ImportForm(const Request&, const Params&, AdminContext& ctx) {
  if (Status may = d_.applicants.MayKeep(ctx.who()); !may.ok())
    return d_.kit.Message(ctx, HttpStatusFor(may), TitleFor(may), may);
  return ImportView(ctx, {}, 200);
}

Response ApplicantsAdmin::ImportView(AdminContext& ctx, const std::vector<std::string>& problems,
                                     int status) {
  data body, list{data::type::list};
  for (const auto& p : problems) list.push_back(data(p));
  if (!problems.empty()) {
    body.set("problems", list);
    body.set("has_problems", TemplateTrue());
  }
  std::string columns;
  for (const auto& c : org::ApplicantImportColumns())
    if (c.required)
      columns += (columns.empty() ? "" : d_.kit.T(ctx, N_(", "))) + d_.kit.T(ctx, c.label);
  body.set("required_columns", columns);
  return d_.kit.Page(ctx, "admin_applicants_import", std::move(body), N_("Import applicants"),
                     status);
}

Response ApplicantsAdmin::ImportTemplate(const Request&, const Params&, AdminContext& ctx) {
  if (Status may = d_.applicants.MayKeep(ctx.who()); !may.ok())
    return d_.kit.Message(ctx, HttpStatusFor(may), TitleFor(may), may);
  tabular::Sheet sheet{d_.kit.T(ctx, N_("Applicants")), {}};
  for (const auto& c : org::ApplicantImportColumns())
    sheet.header.push_back(d_.kit.T(ctx, c.label));
  return d_.kit.XlsxDownload(ctx, {sheet}, "party-applicants-template.xlsx");
}

Response ApplicantsAdmin::Import(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  if (Status may = d_.applicants.MayKeep(ctx.who()); !may.ok())
    return kit.Message(ctx, HttpStatusFor(may), N_("Not imported"), may);
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return kit.Message(ctx, 400, N_("Not imported"), parts.status());
  const http::FormPart* file = http::FindPart(*parts, "file");
  if (!file || file->filename.empty())
    return ImportView(ctx, {kit.T(ctx, N_("Choose a CSV or XLSX file."))}, 422);
  if (file->data.size() > kMaxImportBytes)
    return kit.Message(ctx, 413, N_("Not imported"),
                       N_("The file is too large: at most {mib} MiB."),
                       {{"mib", std::to_string(kMaxImportBytes >> 20)}});
  auto table = tabular::ParseTable(file->data);
  if (!table.ok()) return ImportView(ctx, {kit.ErrorText(ctx, table.status())}, 422);
  auto plan = d_.applicants.Import(ctx.who(), ctx.actor, *table,
                                   [&](const char* msgid) { return kit.T(ctx, msgid); });
  if (!plan.ok())
    return kit.Message(ctx, HttpStatusFor(plan.status()), N_("Not imported"), plan.status());
  if (plan->problems.empty())
    return AdminKit::Done(fmt::format("/admin/org/applicants?imported={}", plan->rows.size()),
                          "saved");
  return ImportView(ctx, CellProblemLines(kit, ctx, plan->problems), 422);
}

}  // namespace procura::web
