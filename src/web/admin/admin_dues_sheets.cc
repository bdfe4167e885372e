// DuesAdmin: the XLSX downloads — a branch's members by month, and the
// committee's workbook (the branches' totals and every member's months).
// Both are audited: a member's dues show their income.
#include <fmt/format.h>

#include "core/text.h"
#include "http/multipart.h"
#include "web/admin/admin_dues.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {

double Yuan(std::int64_t fen) { return static_cast<double>(fen) / 100; }

}  // namespace

tabular::Sheet DuesAdmin::MemberSheet(const AdminContext& ctx,
                                      const std::vector<org::BranchDues>& branches,
                                      bool with_branch) const {
  AdminKit& kit = d_.kit;
  tabular::Sheet s;
  s.name = kit.T(ctx, N_("Party dues"));
  const int year = branches.empty() ? 0 : branches.front().year;
  s.title = with_branch || branches.size() != 1
                ? kit.Tf(ctx, N_("Party dues {year}"), {{"year", std::to_string(year)}})
                : kit.Tf(ctx, N_("Party dues {year}: {branch}"),
                         {{"year", std::to_string(year)}, {"branch", branches.front().branch.name}});
  if (with_branch) s.header.push_back(kit.T(ctx, N_("Branch")));
  for (const char* h : {N_("Member"), N_("Category"), N_("Monthly dues (yuan)")})
    s.header.push_back(kit.T(ctx, h));
  for (int m = 1; m <= 12; ++m) s.header.push_back(kit.MonthName(ctx, m));
  for (const char* h : {N_("Paid (yuan)"), N_("Owed (yuan)"), N_("Months unpaid in a row")})
    s.header.push_back(kit.T(ctx, h));
  for (const auto& b : branches)
    for (const auto& d : b.rows) {
      std::vector<tabular::Cell> row;
      if (with_branch) row.push_back(b.branch.name);
      row.push_back(d.member.name);
      row.push_back(d.base ? CategoryText(ctx, d.base->category) : "");
      row.push_back(d.base ? tabular::Cell(Yuan(d.base->monthly_fen)) : tabular::Cell(std::string()));
      for (const auto& m : d.months)
        row.push_back(m.state == org::MonthState::kPaid   ? m.paid_on
                      : m.state == org::MonthState::kOwed ? kit.T(ctx, N_("Owed"))
                                                          : std::string());
      row.push_back(Yuan(d.paid_fen));
      row.push_back(Yuan(d.owed_fen));
      row.push_back(static_cast<double>(d.unpaid_streak));
      s.rows.push_back(std::move(row));
    }
  return s;
}

tabular::Sheet DuesAdmin::TotalsSheet(const AdminContext& ctx,
                                      const std::vector<org::BranchDues>& branches) const {
  AdminKit& kit = d_.kit;
  tabular::Sheet s;
  s.name = kit.T(ctx, N_("Branches"));
  s.title = kit.Tf(ctx, N_("Party dues {year}"),
                   {{"year", std::to_string(branches.empty() ? 0 : branches.front().year)}});
  for (const char* h : {N_("Party branch"), N_("Number of members"), N_("Dues not set"), N_("Paid (yuan)"),
                        N_("Owed (yuan)"), N_("Six months or more unpaid")})
    s.header.push_back(kit.T(ctx, h));
  for (const auto& b : branches)
    s.rows.push_back({b.branch.name, static_cast<double>(b.rows.size()),
                      static_cast<double>(b.without_base), Yuan(b.paid_fen), Yuan(b.owed_fen),
                      static_cast<double>(b.six_months_behind)});
  return s;
}

Response DuesAdmin::BranchXlsx(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id || !year) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  auto b = d_.dues.Branch(ctx.who(), *id, *year);
  if (!b.ok()) return kit.Message(ctx, HttpStatusFor(b.status()), N_("Not available"), b.status());
  return kit.AuditedExport(ctx,
                           kit.XlsxDownload(ctx, {MemberSheet(ctx, {*b}, false)},
                                            fmt::format("branch-{}-dues-{}.xlsx", *id, *year)),
                           "dues.export", fmt::format("branch {} {}", *id, *year));
}

Response DuesAdmin::OverviewXlsx(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto year = YearOf(req);
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  if (!ctx.who().Has(auth::Role::kRecordsOfficer))
    return kit.Message(ctx, 403, N_("Not available"), N_("Party dues of every branch are for the records officer."));
  auto all = d_.dues.Overview(ctx.who(), *year);
  if (!all.ok()) return kit.Message(ctx, HttpStatusFor(all.status()), N_("Not available"), all.status());
  return kit.AuditedExport(
      ctx,
      kit.XlsxDownload(ctx, {TotalsSheet(ctx, *all), MemberSheet(ctx, *all, true)},
                       fmt::format("party-dues-{}.xlsx", *year)),
      "dues.export", fmt::format("all branches {}", *year));
}

// The import's template: the members in reach with this year's dues, or
// last year's where this year's are not set (the header is the import's).
Response DuesAdmin::BasesXlsx(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto year = YearOf(req);
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  auto now = d_.dues.Overview(ctx.who(), *year);
  auto before = d_.dues.Overview(ctx.who(), *year - 1);
  if (!now.ok()) return kit.Message(ctx, HttpStatusFor(now.status()), N_("Not available"), now.status());
  std::map<std::int64_t, DuesBaseRecord> last;
  if (before.ok())
    for (const auto& b : *before)
      for (const auto& d : b.rows)
        if (d.base) last.emplace(d.member.id, *d.base);
  tabular::Sheet s;
  s.name = kit.T(ctx, N_("Party dues"));
  for (const char* h : {N_("id"), N_("name"), N_("branch"), N_("category"), N_("amount (yuan)")})
    s.header.push_back(kit.T(ctx, h));
  for (const auto& b : *now)
    for (const auto& d : b.rows) {
      if (!d.member.current()) continue;
      const DuesBaseRecord* base = d.base ? &*d.base : last.count(d.member.id) ? &last[d.member.id] : nullptr;
      std::vector<tabular::Cell> row{std::to_string(d.member.id), d.member.name, b.branch.name};
      row.push_back(base ? CategoryText(ctx, base->category) : "");
      row.push_back(base ? org::FormatYuan(base->category == "fixed" ? base->monthly_fen : base->base_fen) : "");
      s.rows.push_back(std::move(row));
    }
  return kit.AuditedExport(ctx, kit.XlsxDownload(ctx, {s}, fmt::format("party-dues-{}-template.xlsx", *year)),
                           "dues.export", fmt::format("template {}", *year));
}

Response DuesAdmin::ImportForm(const Request& req, const Params&, AdminContext& ctx) {
  if (!d_.dues.KeepsDues(ctx.who()))
    return d_.kit.Message(ctx, 403, N_("Not available"), N_("Party dues are for the records officer and branch secretaries."));
  auto year = YearOf(req);
  if (!year) return d_.kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  return ImportView(ctx, *year, {}, 200);
}

Response DuesAdmin::ImportView(AdminContext& ctx, int year, const std::vector<std::string>& problems,
                               int status) {
  data body, list{data::type::list};
  for (const auto& p : problems) list.push_back(data(p));
  if (!problems.empty()) {
    body.set("problems", list);
    body.set("has_problems", TemplateTrue());
  }
  body.set("years", YearOptions(year));
  body.set("year", std::to_string(year));
  return d_.kit.Page(ctx, "admin_dues_import", std::move(body), N_("Import party dues"), status);
}

Response DuesAdmin::Import(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  if (!d_.dues.KeepsDues(ctx.who()))
    return kit.Message(ctx, 403, N_("Not imported"), N_("Party dues are for the records officer and branch secretaries."));
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return kit.Message(ctx, 400, N_("Not imported"), parts.status());
  const http::FormPart* year_part = http::FindPart(*parts, "year");
  const auto year = year_part ? ParsePositiveId(Trim(year_part->data)) : std::nullopt;
  const int this_year = std::stoi(d_.dues.Today().substr(0, 4));
  if (!year || *year < 2000 || *year > this_year + 1)
    return kit.Message(ctx, 400, N_("Not imported"), N_("Choose a year from 2000 to next year."));
  const http::FormPart* file = http::FindPart(*parts, "file");
  if (!file || file->filename.empty())
    return ImportView(ctx, static_cast<int>(*year), {kit.T(ctx, N_("Choose a CSV or XLSX file."))}, 422);
  constexpr std::size_t kMaxBytes = 5u << 20;  // as the member import
  if (file->data.size() > kMaxBytes)
    return kit.Message(ctx, 413, N_("Not imported"), N_("The file is too large: at most {mib} MiB."),
                       {{"mib", std::to_string(kMaxBytes >> 20)}});
  auto table = tabular::ParseTable(file->data);
  if (!table.ok()) return ImportView(ctx, static_cast<int>(*year), {kit.ErrorText(ctx, table.status())}, 422);
  auto got = d_.dues.ImportBases(ctx.who(), ctx.actor, static_cast<int>(*year), *table);
  if (!got.ok()) return kit.Message(ctx, HttpStatusFor(got.status()), N_("Not imported"), got.status());
  if (!got->problems.empty())
    return ImportView(ctx, static_cast<int>(*year), CellProblemLines(kit, ctx, got->problems), 422);
  return AdminKit::Done(fmt::format("/admin/dues?year={}", *year), "saved");
}

}  // namespace procura::web
