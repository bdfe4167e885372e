// DuesAdmin: routes, the committee's overview, a branch's year and its
// XLSX, a member's own dues, the dashboard part and the shared helpers.
// Literal segments come before captures: routes match in order.
#include "web/admin/admin_dues.h"

#include <fmt/format.h>

#include "core/labels.h"
#include "core/text.h"
#include "http/forms.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

void DuesAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const Requirement session{Requirement::kSession};
  const Requirement view{Requirement::kAction, A::kViewRecords};
  AdminKit& kit = d_.kit;
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  kit.Add(r, "GET", "/admin/dues", view, bind(&DuesAdmin::Overview));
  kit.Add(r, "GET", "/admin/dues/overview.xlsx", view, bind(&DuesAdmin::OverviewXlsx));
  kit.Add(r, "GET", "/admin/dues/mine", session, bind(&DuesAdmin::Mine));
  kit.Add(r, "GET", "/admin/dues/bases.xlsx", view, bind(&DuesAdmin::BasesXlsx));
  kit.Add(r, "GET", "/admin/dues/import", view, bind(&DuesAdmin::ImportForm));
  kit.Add(r, "POST", "/admin/dues/import", view, bind(&DuesAdmin::Import));
  kit.Add(r, "GET", "/admin/dues/branches/{id}", view, bind(&DuesAdmin::BranchPage));
  kit.Add(r, "GET", "/admin/dues/branches/{id}/dues.xlsx", view, bind(&DuesAdmin::BranchXlsx));
  kit.Add(r, "POST", "/admin/dues/branches/{id}/carry-over", view, bind(&DuesAdmin::CarryOver));
  kit.Add(r, "POST", "/admin/dues/branches/{id}/payments", view, bind(&DuesAdmin::RecordMonth));
  kit.Add(r, "GET", "/admin/dues/members/{id}", view, bind(&DuesAdmin::MemberPage));
  kit.Add(r, "POST", "/admin/dues/members/{id}/base", view, bind(&DuesAdmin::SetBase));
  kit.Add(r, "POST", "/admin/dues/members/{id}/payments", view, bind(&DuesAdmin::RecordPayments));
  kit.Add(r, "POST", "/admin/dues/members/{id}/undo", view, bind(&DuesAdmin::UndoPayment));
  kit.AddDashboardPart([this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
}

std::optional<int> DuesAdmin::YearOf(const Request& req) const {
  const int this_year = std::stoi(d_.dues.Today().substr(0, 4));
  const auto q = ParseQuery(req.query);
  if (!q.count("year")) return this_year;
  auto y = ParsePositiveId(q.at("year"));
  if (!y || *y < 2000 || *y > this_year + 1) return std::nullopt;
  return static_cast<int>(*y);
}

TemplateData DuesAdmin::YearOptions(int year) const {
  data years{data::type::list};
  const int this_year = std::stoi(d_.dues.Today().substr(0, 4));
  for (int y = this_year + 1; y >= this_year - 4; --y)
    years.push_back(SelectOption(std::to_string(y), std::to_string(y), y == year));
  return years;
}

std::string DuesAdmin::CategoryText(const AdminContext& ctx, const std::string& category) const {
  const std::string_view label = DuesCategoryLabel(category);
  return label == category ? category : d_.kit.T(ctx, label);
}

TemplateData DuesAdmin::MonthCells(const AdminContext& ctx, const org::MemberDues& d) const {
  using org::MonthState;
  data cells{data::type::list};
  for (int i = 0; i < 12; ++i) {
    const org::DuesMonth& m = d.months[i];
    data c;
    c.set("month", std::to_string(i + 1));
    c.set("month_name", d_.kit.MonthName(ctx, i + 1));
    const char* state = m.state == MonthState::kPaid    ? "paid"
                        : m.state == MonthState::kOwed  ? "owed"
                        : m.state == MonthState::kOpen  ? "open"
                        : m.state == MonthState::kFuture ? "future"
                                                        : "nobase";
    const char* text = m.state == MonthState::kPaid    ? N_("Paid")
                       : m.state == MonthState::kOwed  ? N_("Owed")
                       : m.state == MonthState::kOpen  ? N_("Due this month")
                       : m.state == MonthState::kFuture ? N_("Not yet due")
                                                       : N_("No base set");
    c.set("state", state);
    c.set("text", d_.kit.T(ctx, text));
    if (m.amount_fen > 0) c.set("amount", org::FormatYuan(m.amount_fen));
    if (!m.paid_on.empty()) {
      c.set("paid_on", m.paid_on);
      // The page names the year: a day of it is shown as MM-DD.
      const bool same_year = m.paid_on.compare(0, 4, std::to_string(d.year)) == 0;
      c.set("paid_day", same_year ? m.paid_on.substr(5) : m.paid_on);
    }
    if (m.state == MonthState::kPaid) c.set("is_paid", TemplateTrue());
    cells.push_back(c);
  }
  return cells;
}

Response DuesAdmin::Overview(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto year = YearOf(req);
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  if (!ctx.who().Has(auth::Role::kRecordsOfficer)) {
    auto own = d_.dues.Overview(ctx.who(), *year);
    if (!own.ok()) return kit.Message(ctx, HttpStatusFor(own.status()), N_("Not available"), own.status());
    if (own->empty()) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
    return AdminKit::SeeOther(fmt::format("/admin/dues/branches/{}?year={}",
                                          own->front().branch.id, *year));
  }
  auto all = d_.dues.Overview(ctx.who(), *year);
  if (!all.ok()) return kit.Message(ctx, HttpStatusFor(all.status()), N_("Not available"), all.status());
  data body, rows{data::type::list};
  std::int64_t paid = 0, owed = 0;
  std::size_t members = 0, without = 0, behind = 0;
  for (const auto& b : *all) {
    data r;
    r.set("id", std::to_string(b.branch.id));
    r.set("name", b.branch.name);
    r.set("members", std::to_string(b.rows.size()));
    r.set("without_base", std::to_string(b.without_base));
    r.set("paid", org::FormatYuanGrouped(b.paid_fen));
    r.set("owed", org::FormatYuanGrouped(b.owed_fen));
    r.set("behind", std::to_string(b.six_months_behind));
    if (b.six_months_behind > 0) r.set("has_behind", TemplateTrue());
    rows.push_back(r);
    paid += b.paid_fen;
    owed += b.owed_fen;
    members += b.rows.size();
    without += b.without_base;
    behind += b.six_months_behind;
  }
  body.set("rows", rows);
  body.set("years", YearOptions(*year));
  body.set("year", std::to_string(*year));
  body.set("t_members", std::to_string(members));
  body.set("t_without_base", std::to_string(without));
  body.set("t_paid", org::FormatYuanGrouped(paid));
  body.set("t_owed", org::FormatYuanGrouped(owed));
  body.set("t_behind", std::to_string(behind));
  return kit.Page(ctx, "admin_dues", std::move(body),
                  kit.Tf(ctx, N_("Party dues {year}"), {{"year", std::to_string(*year)}}));
}

// This month's dues of the member `member` in a line for their dashboard
// (paid, or what is due), and what earlier months owe.
void DuesAdmin::MyDuesLine(const AdminContext& ctx, std::int64_t member, TemplateData& body) const {
  using org::MonthState;
  const std::string today = d_.dues.Today();
  auto d = d_.dues.Member(ctx.who(), member, std::stoi(today.substr(0, 4)));
  if (!d.ok()) return;
  const org::DuesMonth& m = d->months[std::stoi(today.substr(5, 2)) - 1];
  const std::string amount = org::FormatYuan(m.amount_fen);
  std::string line;
  if (m.state == MonthState::kPaid)
    line = d_.kit.Tf(ctx, N_("Paid: {amount} yuan on {day}"), {{"amount", amount}, {"day", m.paid_on}});
  else if (m.state == MonthState::kNoBase)
    line = d_.kit.T(ctx, N_("No dues base is recorded for this year yet"));
  else
    line = d_.kit.Tf(ctx, N_("Not paid yet: {amount} yuan"), {{"amount", amount}});
  body.set("my_dues_month", line);
  if (m.state == MonthState::kPaid) body.set("my_dues_paid", TemplateTrue());
  if (d->owed_fen > 0)
    body.set("my_dues_owed", d_.kit.Tf(ctx, N_("{amount} yuan owed for earlier months"),
                                       {{"amount", org::FormatYuan(d->owed_fen)}}));
}

Response DuesAdmin::Mine(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto year = YearOf(req);
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  auto own = d_.dues.OwnMember(ctx.who());
  if (!own.ok()) return kit.Message(ctx, 500, N_("Not available"), own.status());
  if (!*own)
    return kit.Message(ctx, 404, N_("Not available"), N_("Your account is not linked to a member record."));
  auto d = d_.dues.Member(ctx.who(), **own, *year);
  if (!d.ok()) return kit.Message(ctx, HttpStatusFor(d.status()), N_("Not available"), d.status());
  data body;
  SetMemberFacts(ctx, *d, body);
  body.set("cells", MonthCells(ctx, *d));
  body.set("years", YearOptions(*year));
  body.set("year", std::to_string(*year));
  body.set("action", "/admin/dues/mine");
  return kit.Page(ctx, "admin_dues_member", std::move(body),
                  kit.Tf(ctx, N_("My party dues {year}"), {{"year", std::to_string(*year)}}));
}

void DuesAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  auto own = d_.dues.OwnMember(ctx.who());
  if (own.ok() && own->has_value()) {
    body.set("my_dues", TemplateTrue());
    body.set("me", TemplateTrue());
    MyDuesLine(ctx, **own, body);
  }
  if (!auth::Can(ctx.who(), auth::Action::kViewRecords)) return;
  auto all = d_.dues.Overview(ctx.who(), std::stoi(d_.dues.Today().substr(0, 4)));
  if (!all.ok()) return;
  std::size_t behind = 0;
  for (const auto& b : *all) behind += b.six_months_behind;
  if (behind == 0) return;
  body.set("dues_behind",
           d_.kit.TfN(ctx, "{n} member has not paid party dues for six months or more.",
                      "{n} members have not paid party dues for six months or more.", long(behind)));
}

}  // namespace procura::web
