// DuesAdmin: a branch's year — the members × months grid, the form that
// records one month for the members who paid it, and last year's dues
// carried over.
#include <fmt/format.h>

#include "core/text.h"
#include "http/forms.h"
#include "web/admin/admin_dues.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

Response DuesAdmin::BranchPage(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  const auto q = ParseQuery(req.query);
  int month = DefaultMonth(*year);
  if (q.count("month")) {
    auto m = ParsePositiveId(q.at("month"));
    if (!m || *m > 12) return kit.Message(ctx, 400, N_("Not available"), N_("A month must be between 1 and 12."));
    month = static_cast<int>(*m);
  }
  return BranchView(ctx, *id, *year, {month, d_.dues.Today(), {}}, Status::Ok(), 200);
}

Response DuesAdmin::BranchView(AdminContext& ctx, std::int64_t id, int year,
                               const MonthEntry& typed, const Status& error, int status) {
  AdminKit& kit = d_.kit;
  auto b = d_.dues.Branch(ctx.who(), id, year);
  if (!b.ok()) return kit.Message(ctx, HttpStatusFor(b.status()), N_("Not available"), b.status());
  data body, rows{data::type::list}, heads{data::type::list};
  for (int m = 1; m <= 12; ++m)
    heads.push_back(data("month", kit.MonthName(ctx, m)));
  for (const auto& d : b->rows) {
    data r;
    r.set("id", std::to_string(d.member.id));
    r.set("name", d.member.name);
    if (d.base) {
      r.set("category", CategoryText(ctx, d.base->category));
      r.set("monthly", org::FormatYuan(d.base->monthly_fen));
    }
    r.set("cells", MonthCells(ctx, d));
    int through = 0;  // 交至: every month up to this one paid
    while (through < 12 && d.months[through].state == org::MonthState::kPaid) ++through;
    r.set("through", through == 0 ? kit.T(ctx, N_("None this year"))
                                  : kit.MonthName(ctx, through));
    r.set("paid", org::FormatYuanGrouped(d.paid_fen));
    r.set("owed", org::FormatYuanGrouped(d.owed_fen));
    if (d.unpaid_streak >= 6)
      r.set("behind", kit.Tf(ctx, N_("{n} months unpaid in a row"), {{"n", std::to_string(d.unpaid_streak)}}));
    rows.push_back(r);
  }
  body.set("branch", b->branch.name);
  body.set("branch_id", std::to_string(b->branch.id));
  body.set("year", std::to_string(year));
  body.set("years", YearOptions(year));
  body.set("months", heads);
  body.set("rows", rows);
  if (b->rows.empty()) body.set("none", TemplateTrue());
  body.set("t_paid", org::FormatYuanGrouped(b->paid_fen));
  body.set("t_owed", org::FormatYuanGrouped(b->owed_fen));
  body.set("t_without_base", std::to_string(b->without_base));
  body.set("t_behind", std::to_string(b->six_months_behind));
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) body.set("can_overview", TemplateTrue());
  if (b->without_base > 0)
    body.set("carry_over",
             kit.TfN(ctx, "{n} member has no dues set for {year}. Set it from {last}'s if there was one:",
                     "{n} members have no dues set for {year}. Set them from {last}'s where there were any:",
                     b->without_base, {{"year", std::to_string(year)}, {"last", std::to_string(year - 1)}}));
  SetMonthForm(ctx, *b, typed, body);
  kit.SetFormErrors(ctx, error, {{"members", "dm-members"}, {"paid_on", "dm-paid-on"}, {"month", "dm-month"}},
                    body);
  return kit.Page(ctx, "admin_dues_branch", std::move(body),
                  kit.Tf(ctx, N_("Party dues {year}: {branch}"),
                         {{"year", std::to_string(year)}, {"branch", b->branch.name}}),
                  status);
}

int DuesAdmin::DefaultMonth(int year) const {
  const std::string today = d_.dues.Today();
  const int this_year = std::stoi(today.substr(0, 4));
  if (year == this_year) return std::stoi(today.substr(5, 2));
  return year < this_year ? 12 : 1;
}

void DuesAdmin::SetMonthForm(const AdminContext& ctx, const org::BranchDues& b, const MonthEntry& typed,
                             TemplateData& body) const {
  AdminKit& kit = d_.kit;
  data months{data::type::list}, open{data::type::list}, done{data::type::list};
  for (int m = 1; m <= 12; ++m)
    months.push_back(SelectOption(std::to_string(m), kit.MonthName(ctx, m),
                                  m == typed.month));
  for (const auto& d : b.rows) {
    const org::DuesMonth& cell = d.months[typed.month - 1];
    data r;
    r.set("id", std::to_string(d.member.id));
    r.set("name", d.member.name);
    if (cell.state == org::MonthState::kPaid) {
      done.push_back(r);
    } else if (d.base) {
      r.set("amount", org::FormatYuan(d.base->monthly_fen));
      r.set("checked", TemplateData(typed.members.count(d.member.id) > 0));
      open.push_back(r);
    }
  }
  body.set("pay_months", months);
  body.set("pay_month", std::to_string(typed.month));
  body.set("pay_month_name", kit.MonthName(ctx, typed.month));
  body.set("f_paid_on", typed.paid_on);
  if (!open.list_value().empty()) {
    body.set("pay_open", open);
    body.set("has_pay_open", TemplateTrue());
  }
  if (!done.list_value().empty()) {
    body.set("pay_done", done);
    body.set("has_pay_done", TemplateTrue());
  }
}

Response DuesAdmin::RecordMonth(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  if (!d_.dues.CanRecord(ctx.who(), *id))
    return kit.Message(ctx, 403, N_("Not available"), N_("You may see only your own branch's dues."));
  const auto form = http::Form::Parse(req.body);
  auto year = ParsePositiveId(Trim(form.Get("year")));
  auto month = ParsePositiveId(Trim(form.Get("month")));
  if (!year || *year < 2000 || *year > std::stoi(d_.dues.Today().substr(0, 4)) + 1 || !month || *month > 12)
    return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  MonthEntry typed{static_cast<int>(*month), Trim(form.Get("paid_on")), {}};
  std::vector<std::int64_t> members;
  for (const auto& v : form.All("member")) {
    auto m = ParsePositiveId(v);
    members.push_back(m.value_or(0));
    if (m) typed.members.insert(*m);
  }
  Status s = d_.dues.RecordMonth(ctx.who(), ctx.actor, *id, static_cast<int>(*year), typed.month,
                                 members, typed.paid_on);
  if (!s.ok()) return BranchView(ctx, *id, static_cast<int>(*year), typed, s, HttpStatusFor(s));
  return AdminKit::Done(fmt::format("/admin/dues/branches/{}?year={}&month={}#h-dues-month", *id,
                                    *year, typed.month),
                        "saved");
}

Response DuesAdmin::CarryOver(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  if (!d_.dues.CanRecord(ctx.who(), *id))
    return kit.Message(ctx, 403, N_("Not available"), N_("You may see only your own branch's dues."));
  auto year = ParsePositiveId(Trim(http::Form::Parse(req.body).Get("year")));
  if (!year || *year < 2001 || *year > std::stoi(d_.dues.Today().substr(0, 4)) + 1)
    return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  auto set = d_.dues.CarryOver(ctx.who(), ctx.actor, *id, static_cast<int>(*year));
  if (!set.ok()) return kit.Message(ctx, HttpStatusFor(set.status()), N_("Not available"), set.status());
  if (*set == 0)
    return kit.Message(ctx, 422, N_("Nothing to carry over"),
                       N_("No member without this year's dues had dues set the year before."));
  return AdminKit::Done(fmt::format("/admin/dues/branches/{}?year={}", *id, *year), "saved");
}

}  // namespace procura::web
