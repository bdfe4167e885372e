// DuesAdmin: the XLSX downloads — a branch's members by month, and the
// committee's workbook (the branches' totals and every member's months).
// Both are audited: a member's dues show their income.
#include <fmt/format.h>

#include "core/text.h"
#include "web/admin/admin_dues.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

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
  for (int m = 1; m <= 12; ++m) s.header.push_back(kit.Tf(ctx, N_("Month {n}"), {{"n", std::to_string(m)}}));
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
  for (const char* h : {N_("Branch"), N_("Members"), N_("Dues not set"), N_("Paid (yuan)"),
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

}  // namespace procura::web
