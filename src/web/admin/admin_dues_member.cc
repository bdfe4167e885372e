// DuesAdmin: one member's year — the facts, the months, and the forms that
// set the year's base and record or remove payments.
#include <fmt/format.h>

#include "core/text.h"
#include "http/forms.h"
#include "web/admin/admin_dues.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

void DuesAdmin::SetMemberFacts(const AdminContext& ctx, const org::MemberDues& d,
                               TemplateData& body) const {
  AdminKit& kit = d_.kit;
  body.set("name", d.member.name);
  body.set("member_id", std::to_string(d.member.id));
  body.set("branch", d.branch_name);
  body.set("branch_id", std::to_string(d.member.branch_id));
  if (d.base) {
    body.set("category", CategoryText(ctx, d.base->category));
    if (d.base->category != "fixed") {
      body.set("base", org::FormatYuanGrouped(d.base->base_fen));
      const int bp = org::DuesRateBasisPoints(d.base->category, d.base->base_fen);
      body.set("rate", fmt::format("{}.{}%", bp / 100, (bp % 100) / 10));
    }
    body.set("monthly", org::FormatYuan(d.base->monthly_fen));
  }
  body.set("paid", org::FormatYuanGrouped(d.paid_fen));
  body.set("owed", org::FormatYuanGrouped(d.owed_fen));
  if (d.unpaid_streak >= 6)
    body.set("behind", kit.Tf(ctx, N_("{n} months unpaid in a row"), {{"n", std::to_string(d.unpaid_streak)}}));
}

namespace {

// What was typed into field `key`, else `fallback` (the form shown afresh).
std::string Typed(const std::map<std::string, std::string>& typed, const std::string& key,
                  const std::string& fallback) {
  auto it = typed.find(key);
  return it == typed.end() ? fallback : it->second;
}

}  // namespace

void DuesAdmin::SetBaseForm(const AdminContext& ctx, const org::MemberDues& d,
                            const std::map<std::string, std::string>& typed, TemplateData& body) const {
  const std::string category = Typed(typed, "category", d.base ? d.base->category : "in-service");
  data categories{data::type::list};
  for (const char* c : {"in-service", "retired", "fixed"})
    categories.push_back(SelectOption(c, CategoryText(ctx, c), category == c));
  body.set("categories", categories);
  std::string amount;
  if (d.base) amount = org::FormatYuan(d.base->category == "fixed" ? d.base->monthly_fen : d.base->base_fen);
  body.set("f_amount", Typed(typed, "amount", amount));
  body.set("f_paid_on", Typed(typed, "paid_on", d_.dues.Today()));
  body.set("f_reason", Typed(typed, "reason", ""));
}

void DuesAdmin::SetMonthChoices(const AdminContext& ctx, const org::MemberDues& d,
                                const std::map<std::string, std::string>& typed,
                                TemplateData& body) const {
  data unpaid{data::type::list}, paid{data::type::list};
  for (int i = 0; i < 12; ++i) {
    const std::string n = std::to_string(i + 1);
    data m;
    m.set("month", n);
    m.set("month_name", d_.kit.MonthName(ctx, i + 1));
    if (d.months[i].state == org::MonthState::kPaid) {
      m.set("selected", TemplateData(Typed(typed, "month", "") == n));
      paid.push_back(m);
    } else if (d.base) {
      m.set("checked", TemplateData(d.months[i].state == org::MonthState::kOwed ||
                                    d.months[i].state == org::MonthState::kOpen));
      unpaid.push_back(m);
    }
  }
  if (d.base && !unpaid.list_value().empty()) {
    body.set("pay_legend", d_.kit.Tf(ctx, N_("Months paid ({amount} yuan a month)"),
                                     {{"amount", org::FormatYuan(d.base->monthly_fen)}}));
    body.set("unpaid", unpaid);
    body.set("has_unpaid", TemplateTrue());
  }
  if (!paid.list_value().empty()) {
    body.set("paid_months", paid);
    body.set("has_paid_months", TemplateTrue());
  }
}

Response DuesAdmin::MemberView(AdminContext& ctx, std::int64_t member, int year,
                               const std::map<std::string, std::string>& typed,
                               const Status& error, int status) {
  AdminKit& kit = d_.kit;
  auto d = d_.dues.Member(ctx.who(), member, year);
  if (!d.ok()) return kit.Message(ctx, HttpStatusFor(d.status()), N_("Not available"), d.status());
  // A member who may not record (their own dues) has their own page.
  if (!d_.dues.CanRecord(ctx.who(), d->member.branch_id)) {
    if (!error.ok()) return kit.Message(ctx, status, N_("Not available"), error);
    return AdminKit::SeeOther(fmt::format("/admin/dues/mine?year={}", year));
  }
  data body;
  SetMemberFacts(ctx, *d, body);
  body.set("cells", MonthCells(ctx, *d));
  body.set("years", YearOptions(year));
  body.set("year", std::to_string(year));
  body.set("action", fmt::format("/admin/dues/members/{}", member));
  body.set("can_record", TemplateTrue());
  SetBaseForm(ctx, *d, typed, body);
  SetMonthChoices(ctx, *d, typed, body);
  kit.SetFormErrors(ctx, error,
                    {{"category", "d-category"}, {"amount", "d-amount"}, {"year", "d-amount"},
                     {"months", "d-months"}, {"paid_on", "d-paid-on"}, {"month", "d-month"},
                     {"reason", "d-reason"}},
                    body);
  if (ctx.actor.id != d->member.user_id)
    d_.audit.Record(ctx.actor, "dues.view", "member", member, std::to_string(year));
  return kit.Page(ctx, "admin_dues_member", std::move(body),
                  kit.Tf(ctx, N_("Party dues {year}: {member}"),
                         {{"year", std::to_string(year)}, {"member", d->member.name}}),
                  status);
}

Response DuesAdmin::MemberPage(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("No such member."));
  auto year = YearOf(req);
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  return MemberView(ctx, *id, *year, {}, Status::Ok(), 200);
}

std::optional<http::Response> DuesAdmin::ReadPost(const Request& req, const Params& p,
                                                  AdminContext& ctx, DuesPost& out) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("No such member."));
  if (Status s = d_.dues.CheckRecorder(ctx.who(), *id); !s.ok())
    return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not available"), s);
  out.member = *id;
  out.form = http::Form::Parse(req.body);
  // The years the pages offer: from 2000 to next year.
  const int this_year = std::stoi(d_.dues.Today().substr(0, 4));
  auto y = ParsePositiveId(Trim(out.form.Get("year")));
  if (!y || *y < 2000 || *y > this_year + 1)
    return d_.kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  out.year = static_cast<int>(*y);
  return std::nullopt;
}

Response DuesAdmin::SetBase(const Request& req, const Params& p, AdminContext& ctx) {
  DuesPost in;
  if (auto refused = ReadPost(req, p, ctx, in)) return std::move(*refused);
  const std::string category = in.form.Get("category");
  const std::string amount = Trim(in.form.Get("amount"));
  auto fen = org::ParseYuan(amount);
  Status s = fen ? d_.dues.SetBase(ctx.who(), ctx.actor, in.member, in.year, category, *fen)
                 : Status::Invalid(N_("Enter the amount in yuan, such as 4500 or 0.20.")).WithField("amount");
  if (!s.ok())
    return MemberView(ctx, in.member, in.year, {{"category", category}, {"amount", amount}}, s,
                      HttpStatusFor(s));
  return AdminKit::Done(fmt::format("/admin/dues/members/{}?year={}", in.member, in.year), "saved");
}

Response DuesAdmin::RecordPayments(const Request& req, const Params& p, AdminContext& ctx) {
  DuesPost in;
  if (auto refused = ReadPost(req, p, ctx, in)) return std::move(*refused);
  std::vector<int> months;
  for (const auto& m : in.form.All("month")) {
    auto n = ParsePositiveId(m);
    months.push_back(n && *n <= 12 ? static_cast<int>(*n) : 0);
  }
  const std::string paid_on = Trim(in.form.Get("paid_on"));
  Status s = d_.dues.RecordPayments(ctx.who(), ctx.actor, in.member, in.year, months, paid_on);
  if (!s.ok()) return MemberView(ctx, in.member, in.year, {{"paid_on", paid_on}}, s, HttpStatusFor(s));
  return AdminKit::Done(fmt::format("/admin/dues/members/{}?year={}", in.member, in.year), "saved");
}

Response DuesAdmin::UndoPayment(const Request& req, const Params& p, AdminContext& ctx) {
  DuesPost in;
  if (auto refused = ReadPost(req, p, ctx, in)) return std::move(*refused);
  auto month = ParsePositiveId(Trim(in.form.Get("month")));
  const std::string reason = Trim(in.form.Get("reason"));
  Status s = d_.dues.UndoPayment(ctx.who(), ctx.actor, in.member, in.year,
                                 month && *month <= 12 ? static_cast<int>(*month) : 0, reason);
  if (!s.ok())
    return MemberView(ctx, in.member, in.year, {{"month", in.form.Get("month")}, {"reason", reason}},
                      s, HttpStatusFor(s));
  return AdminKit::Done(fmt::format("/admin/dues/members/{}?year={}", in.member, in.year), "deleted");
}

}  // namespace procura::web
