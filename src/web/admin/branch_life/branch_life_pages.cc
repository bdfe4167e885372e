// BranchLifeAdmin: the committee's overview, a branch's year with its
// plan, and the guides.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "branchlife/talks.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "http/forms.h"
#include "render/graphics.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

using kainjow::mustache::data;

namespace {

std::string Percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "—";
  return fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

const char* CellText(const std::string& state) {
  if (state == "ok") return N_("On time");
  if (state == "late") return N_("Records late");
  if (state == "missing") return N_("Missing");
  if (state == "open") return N_("In progress");
  return N_("Not yet");
}

}  // namespace

TemplateData BranchLifeAdmin::YearQuarterFilters(const AdminContext& ctx, int year,
                                                 int quarter) const {
  data f, years{data::type::list}, quarters{data::type::list};
  const int this_year = std::stoi(Today().substr(0, 4));
  for (int y = this_year; y >= this_year - 4; --y)
    years.push_back(SelectOption(std::to_string(y), std::to_string(y), y == year));
  quarters.push_back(SelectOption("", d_.kit.T(ctx, N_("Whole year")), quarter == 0));
  for (int q = 1; q <= 4; ++q)
    quarters.push_back(SelectOption(std::to_string(q),
                                    d_.kit.Tf(ctx, N_("Quarter {n}"), {{"n", std::to_string(q)}}),
                                    q == quarter));
  f.set("years", years);
  f.set("quarters", quarters);
  return f;
}

TemplateData BranchLifeAdmin::AttentionList(const AdminContext& ctx,
                                            const branchlife::Overview& o) const {
  data attention{data::type::list};
  const std::string today = Today();
  for (const auto& row : o.rows) {
    std::vector<branchlife::DueItem> now;
    for (const auto& d : row.due)
      if (branchlife::ActionableNow(d, today)) now.push_back(d);
    if (now.empty()) continue;
    data a;
    a.set("id", std::to_string(row.branch.id));
    a.set("name", row.branch.name);
    a.set("items", DueRows(ctx, now, {}, false));
    attention.push_back(a);
  }
  return attention;
}

// "5/8": members the secretary has talked with this year, of all the
// others; "—" for a branch without a secretary.
std::string BranchLifeAdmin::TalksText(const branchlife::BranchRow& row) {
  return row.to_talk || row.talked ? fmt::format("{}/{}", row.talked, row.to_talk) : "—";
}

TemplateData BranchLifeAdmin::GridRows(const AdminContext& ctx, const branchlife::Overview& o,
                                       bool behind_only, std::vector<Bar>& bars) const {
  data rows{data::type::list};
  for (const auto& row : o.rows) {
    const int judged = row.met + row.late + row.missing;
    bars.push_back({row.branch.name, judged ? std::round(100.0 * row.met / judged) : 0.0});
    if (behind_only && row.late + row.missing == 0) continue;
    data r, cells{data::type::list};
    r.set("id", std::to_string(row.branch.id));
    r.set("name", row.branch.name);
    if (!row.secretary.empty()) r.set("secretary", row.secretary);
    for (const auto& c : row.months) {
      data cell;
      cell.set("state", c.state);
      cell.set("month", d_.kit.MonthName(ctx, c.month));
      cell.set("text", d_.kit.T(ctx, CellText(c.state)));
      cell.set("held", std::to_string(c.held.size()));
      cell.set("rate", Percent(c.attended, c.expected));
      cells.push_back(cell);
    }
    r.set("cells", cells);
    for (auto [key, n] : {std::pair{"met", row.met}, {"late", row.late}, {"missing", row.missing}, {"pending", row.pending}})
      r.set(key, std::to_string(n));
    r.set("rate", Percent(row.attended, row.expected));
    r.set("talks", TalksText(row));
    rows.push_back(r);
  }
  return rows;
}

Response BranchLifeAdmin::Index(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  if (!ctx.who().Has(auth::Role::kRecordsOfficer)) {  // a secretary: their own branch
    auto own = d_.life.OwnBranch(ctx.who());
    if (!own.ok() || !own->has_value())
      return kit.Message(ctx, 403, N_("Not allowed"),
                         N_("Organisational life records are for the records officer and branch secretaries."));
    return AdminKit::SeeOther(fmt::format("/admin/branch-life/branches/{}", **own));
  }
  auto o = OverviewFor(req);
  if (!o.ok()) return kit.Message(ctx, HttpStatusFor(o.status()), N_("Not available"), o.status());
  data body = YearQuarterFilters(ctx, o->year, o->quarter), months{data::type::list};
  // What branches can still put right is news only for the current year.
  if (data attention = AttentionList(ctx, *o);
      !attention.list_value().empty() && o->year == std::stoi(Today().substr(0, 4))) {
    body.set("attention", attention);
    body.set("has_attention", TemplateTrue());
  }
  std::vector<Bar> bars;
  // On a phone each branch is a card of about 400 px: 36 branches made
  // the page 15,000 px tall. The filter keeps those that need a word.
  const bool behind_only = ParseQuery(req.query)["behind"] == "1";
  data grid = GridRows(ctx, *o, behind_only, bars);
  if (behind_only) {
    body.set("behind_only", TemplateTrue());
    body.set("shown_text",
             kit.Tf(ctx, N_("{n} of {total} branches have an item missing or records late."),
                    {{"n", std::to_string(grid.list_value().size())},
                     {"total", std::to_string(o->rows.size())}}));
  }
  if (!grid.list_value().empty()) body.set("has_rows", TemplateTrue());
  body.set("rows", grid);
  if (!o->rows.empty())
    for (const auto& c : o->rows.front().months) {
      data m;
      m.set("month", kit.MonthName(ctx, c.month));
      months.push_back(m);
    }
  body.set("months", months);
  body.set("year", std::to_string(o->year));
  body.set("quarter", o->quarter ? std::to_string(o->quarter) : "");
  for (auto [key, n] : {std::pair{"met", o->met}, {"late", o->late}, {"missing", o->missing}, {"pending", o->pending}})
    body.set(key, std::to_string(n));
  body.set("rate", Percent(o->attended, o->expected));
  // What the counts are out of: the items whose time has come.
  const int due = o->met + o->late + o->missing;
  body.set("due", std::to_string(due));
  if (due > 0)
    body.set("met_share", kit.Tf(ctx, N_("({share} of the items due so far)"),
                                 {{"share", Percent(o->met, due)}}));
  const auto& a = o->appraisal;
  for (auto [key, n] : {std::pair{"excellent", a.excellent}, {"qualified", a.qualified}, {"basically", a.basically}, {"unqualified", a.unqualified}})
    body.set(key, std::to_string(n));
  // Lowest first: the branches that are behind lead the chart (ties keep
  // the organisation's order).
  std::stable_sort(bars.begin(), bars.end(),
                   [](const Bar& a, const Bar& b) { return a.value < b.value; });
  body.set("chart", BarChartHtml(bars, "%"));
  if (auto email = d_.life.ReminderEmail(ctx.who()); email.ok() && !email->empty())
    body.set("reminder_email", *email);
  return kit.Page(ctx, "admin_life_overview", std::move(body),
                  kit.Tf(ctx, N_("Organisational life {year}"), {{"year", std::to_string(o->year)}}));
}

// Before the year's organisational life meeting is held, whom the
// secretary has still to talk with, and which committee members have still
// to talk with each other (谈心谈话 comes first); empty when the meeting is
// held or missed, or nobody is left.
std::optional<TemplateData> BranchLifeAdmin::TalksBeforeLifeMeeting(const AdminContext& ctx, const branchlife::BranchYear& y) {
  const bool ahead = std::any_of(y.due.begin(), y.due.end(), [](const branchlife::DueItem& d) {
    return d.rule == "life-meeting" &&
           (d.state == branchlife::DueState::kOpen || d.state == branchlife::DueState::kDueSoon ||
            d.state == branchlife::DueState::kScheduled);
  });
  if (!ahead || y.branch.dissolved()) return std::nullopt;
  auto talks = talks_.Year(ctx.who(), y.branch.id, y.year);
  if (!talks.ok()) return std::nullopt;
  const bool secretary_left = !talks->secretary.empty() && !talks->not_yet.empty();
  if (!secretary_left && talks->committee_not_yet.empty()) return std::nullopt;
  data out;
  if (secretary_left) {
    out.set("secretary", talks->secretary);
    out.set("count", std::to_string(talks->not_yet.size()));
    out.set("names", branchlife::JoinNames(talks->not_yet));
  }
  if (!talks->committee_not_yet.empty()) out.set("pairs", PairNames(ctx, talks->committee_not_yet));
  return out;
}

Response BranchLifeAdmin::BranchPage(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  if (!year) return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  auto y = d_.life.Year(ctx.who(), *id, *year, Today());
  if (!y.ok()) return kit.Message(ctx, HttpStatusFor(y.status()), N_("Not available"), y.status());
  data body, meetings{data::type::list}, years{data::type::list};
  const int this_year = std::stoi(Today().substr(0, 4));
  for (int v = this_year; v >= this_year - 4; --v)
    years.push_back(SelectOption(std::to_string(v), std::to_string(v), v == *year));
  for (const auto& m : y->meetings) {
    data row;
    row.set("id", std::to_string(m.id));
    row.set("day", m.held_on);
    row.set("kind", KindText(ctx, m.kind));
    row.set("topic", m.topic);
    for (const auto& g : y->groups)
      if (m.group_id == g.id) row.set("group", g.name);
    meetings.push_back(row);
  }
  body.set("branch_id", std::to_string(*id));
  body.set("branch", y->branch.name);
  if (y->branch.dissolved()) body.set("dissolved_on", y->branch.dissolved_on);
  body.set("year", std::to_string(*year));
  body.set("years", years);
  body.set("meetings", meetings);
  if (!y->meetings.empty()) body.set("has_meetings", TemplateTrue());
  body.set("due", DueGrid(ctx, y->due, y->groups));
  if (!y->has_committee) body.set("no_committee", TemplateTrue());
  data month_heads{data::type::list};
  for (int m = 1; m <= 12; ++m) {
    data h;
    h.set("month", kit.MonthName(ctx, m));
    month_heads.push_back(h);
  }
  body.set("months", month_heads);
  body.set("kinds", KindOptions(ctx, ""));
  if (y->plan) {
    body.set("plan", y->plan->body);
    body.set("plan_filed", FormatRfc3339(y->plan->filed_at, d_.life.utc_offset()).substr(0, 10));
  }
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) body.set("officer", TemplateTrue());
  if (auto talks = TalksBeforeLifeMeeting(ctx, *y)) body.set("talks_due", *talks);
  if (auto own = d_.life.OwnBranch(ctx.who()); own.ok() && *own == std::optional<std::int64_t>(*id)) {
    body.set("own_branch", TemplateTrue());
    if (auto email = d_.life.ReminderEmail(ctx.who()); email.ok() && !email->empty())
      body.set("reminder_email", *email);
  }
  return kit.Page(ctx, "admin_life_branch", std::move(body),
                  kit.Tf(ctx, N_("{branch}: organisational life {year}"),
                         {{"branch", y->branch.name}, {"year", std::to_string(*year)}}));
}

Response BranchLifeAdmin::FilePlan(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  // Who may file comes before what was filed: another branch's secretary
  // learns nothing from a form error.
  if (Status scope = id ? d_.life.CheckBranch(ctx.who(), *id) : Status::Ok(); !scope.ok())
    return kit.Message(ctx, HttpStatusFor(scope), N_("Plan not filed"), scope);
  const auto form = http::Form::Parse(req.body);
  auto year = ParsePositiveId(form.Get("year"));
  if (!id || !year || *year < 2000 || *year > 2100)
    return kit.Message(ctx, 400, N_("Plan not filed"), N_("Choose a year from 2000 to next year."));
  Status s = d_.life.FilePlan(ctx.who(), ctx.actor, *id, static_cast<int>(*year), form.Get("plan"));
  if (!s.ok()) return kit.Message(ctx, HttpStatusFor(s), N_("Plan not filed"), s);
  return AdminKit::Done(fmt::format("/admin/branch-life/branches/{}?year={}#plan", *id, *year), "saved");
}

Response BranchLifeAdmin::SetReminderEmail(const Request& req, const Params&, AdminContext& ctx) {
  const std::string email = NarrowEmailAddress(http::Form::Parse(req.body).Get("email"));
  Status s = d_.life.SetReminderEmail(ctx.who(), ctx.actor, email);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  if (ctx.who().Has(auth::Role::kRecordsOfficer))  // the digest's form is on the overview
    return AdminKit::Done("/admin/branch-life#reminders", "saved");
  auto own = d_.life.OwnBranch(ctx.who());
  return AdminKit::Done(fmt::format("/admin/branch-life/branches/{}#reminders",
                                    own.ok() && *own ? **own : 0), "saved");
}

Response BranchLifeAdmin::GuidesPage(const Request& req, const Params&, AdminContext& ctx) {
  auto year = YearOf(req);
  if (!year) return d_.kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  return GuidesView(ctx, *year, GuideRecord{}, Status::Ok(), 200);
}

Response BranchLifeAdmin::GuidesView(const AdminContext& ctx, int year, const GuideRecord& typed,
                                     const Status& error, int status) {
  AdminKit& kit = d_.kit;
  auto guides = d_.life.Guides(ctx.who(), year);
  if (!guides.ok()) return kit.Message(ctx, HttpStatusFor(guides.status()), N_("Not available"), guides.status());
  auto answers = d_.life.GuideAnswers(ctx.who(), year);
  auto own = d_.life.OwnBranch(ctx.who());
  auto branches = d_.storage.org().ListUnits();
  std::size_t branch_count = 0;
  if (branches.ok())
    for (const auto& u : *branches) branch_count += u.standing_branch();
  data body, list{data::type::list};
  for (const auto& g : *guides) {
    data row;
    if (answers.ok()) {
      const auto& answered = (*answers)[g.id];
      if (ctx.who().Has(auth::Role::kRecordsOfficer))
        row.set("answered", kit.Tf(ctx, N_("{n} of {of} branches answered by the day"),
                                   {{"n", std::to_string(answered.size())},
                                    {"of", std::to_string(branch_count)}}));
      else if (own.ok() && own->has_value())
        row.set("answered", kit.T(ctx, answered.count(**own) ? N_("Your branch has answered it.")
                                                             : N_("Your branch has not answered it yet: link a meeting to it.")));
    }
    row.set("id", std::to_string(g.id));
    row.set("period", g.period);
    row.set("title", g.title);
    if (!g.topics.empty()) row.set("topics", g.topics);
    if (!g.materials.empty()) row.set("materials", g.materials);
    row.set("report_by", g.report_by);
    list.push_back(row);
  }
  body.set("guides", list);
  body.set("year", std::to_string(year));
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) body.set("can_publish", TemplateTrue());
  body.set("f_period", typed.period);
  body.set("f_title", typed.title);
  body.set("f_topics", typed.topics);
  body.set("f_materials", typed.materials);
  body.set("f_report_by", typed.report_by);
  kit.SetFormErrors(ctx, error, {{"period", "g-period"}, {"title", "g-title"}, {"topics", "g-topics"},
                                 {"materials", "g-materials"}, {"report_by", "g-report-by"}}, body);
  return kit.Page(ctx, "admin_life_guides", std::move(body),
                  kit.Tf(ctx, N_("Guides for the branches {year}"), {{"year", std::to_string(year)}}),
                  status);
}

Response BranchLifeAdmin::PublishGuide(const Request& req, const Params&, AdminContext& ctx) {
  const auto form = http::Form::Parse(req.body);
  GuideRecord g;
  g.period = Trim(form.Get("period"));
  g.title = Trim(form.Get("title"));
  g.topics = form.Get("topics");
  g.materials = form.Get("materials");
  g.report_by = Trim(form.Get("report_by"));
  auto id = d_.life.PublishGuide(ctx.who(), ctx.actor, g);
  const int year = g.period.size() >= 4 && ParsePositiveId(g.period.substr(0, 4))
                       ? std::stoi(g.period.substr(0, 4))
                       : std::stoi(Today().substr(0, 4));
  if (!id.ok()) return GuidesView(ctx, year, g, id.status(), HttpStatusFor(id.status()));
  return AdminKit::Done(fmt::format("/admin/branch-life/guides?year={}", year), "added");
}

}  // namespace procura::web
