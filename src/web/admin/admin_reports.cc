// TrainingAdmin: the class summary and the annual hours report, as pages with
// accessible SVG charts and as XLSX / CSV downloads.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "render/graphics.h"
#include "tabular/table.h"
#include "training/class_report.h"
#include "web/admin/admin_attendance.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_pager.h"
#include "web/admin/admin_training.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

std::string Num(double v) { return fmt::format("{:g}", v); }

struct HoursQuery {
  int year = 0;
  std::optional<std::int64_t> branch;
  bool below_only = false;
  std::optional<std::int64_t> page;  // of the member table (?page=)
  bool all = false;                  // the whole table on one page (?all=1, to print)
  // The filters as query parameters (no page), for links and downloads.
  std::vector<std::pair<std::string, std::string>> Filters() const {
    return {{"year", std::to_string(year)},
            {"branch", branch ? std::to_string(*branch) : ""},
            {"below", below_only ? "1" : ""}};
  }
  // The same as "year=2026&below=1".
  std::string FilterQuery() const {
    std::string query;
    for (const auto& [key, value] : Filters())
      if (!value.empty()) query += (query.empty() ? "" : "&") + key + "=" + UrlEncode(value);
    return query;
  }
};

// Members in the hours table per page: a phone shows each as a card of
// about 300 px, so the whole organ (160 members in the demo) was 48,000 px.
constexpr int kHoursPerPage = 50;

HoursQuery ReadHoursQuery(const std::string& query, int offset) {
  auto q = ParseQuery(query);
  HoursQuery h;
  h.year = std::stoi(FormatDate(NowUnix(), offset).substr(0, 4));
  if (auto y = ParsePositiveId(q["year"]); y && *y >= 2000 && *y <= 2100) h.year = int(*y);
  h.branch = ParsePositiveId(q["branch"]);
  h.below_only = q["below"] == "1";
  h.page = ParsePositiveId(q["page"]);
  h.all = q["all"] == "1";
  return h;
}

// The export's "Centralized training" cell: only secretaries and
// committee members need one a year.
template <typename Translate>
std::string CentralizedCell(const Translate& t, const training::MemberLedger& l) {
  if (l.category != "leader") return t(N_("not required"));
  return t(l.lacks_centralized() ? N_("none") : N_("yes"));
}

}  // namespace

Response TrainingAdmin::ClassSummaryPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto s = training::SummarizeClass(d_.storage, d_.training, ctx.who(), *id);
  if (!s.ok())
    return d_.kit.Message(ctx, HttpStatusFor(s.status()), N_("Not available"), s.status());
  data body, sessions{data::type::list}, branches{data::type::list}, presenters{data::type::list};
  body.set("id", std::to_string(*id));
  body.set("title", s->detail.cls.title);
  body.set("enrolled", std::to_string(s->enrolled));
  body.set("attended", std::to_string(s->attended));
  body.set("rate", fmt::format("{:.1f}%", s->attendance_rate));
  std::vector<Bar> bars;
  for (const auto& c : s->sessions) {
    data row;
    row.set("sid", std::to_string(c.session.row.id));
    row.set("starts", c.session.row.starts_at);
    row.set("topic", c.session.row.topic);
    SetTally(row, c.tally);
    sessions.push_back(row);
    bars.push_back({c.session.row.starts_at.substr(5) + " " + c.session.row.topic,
                    double(c.tally.attended())});
    if (c.session.row.type == "exchange") {
      data pr;
      pr.set("branch", c.session.presenting_branch);
      pr.set("speaker", c.session.speaker);
      pr.set("topic", c.session.row.topic);
      presenters.push_back(pr);
    }
  }
  for (const auto& b : s->branches) {
    data row;
    row.set("branch", b.branch);
    row.set("enrolled", std::to_string(b.enrolled));
    row.set("attended", std::to_string(b.attended));
    branches.push_back(row);
  }
  data not_completing{data::type::list};
  for (const auto& n : s->not_completing) not_completing.push_back(data(n));
  body.set("sessions", sessions);
  body.set("branches", branches);
  body.set("presenters", presenters);
  body.set("not_completing", not_completing);
  body.set("chart", BarChartHtml(bars, ""));
  return d_.kit.Page(ctx, "admin_summary", std::move(body), d_.kit.Tf(ctx, N_("Summary: {class}"), {{"class", s->detail.cls.title}}));
}

Response TrainingAdmin::ClassSummaryXlsx(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto s = training::SummarizeClass(d_.storage, d_.training, ctx.who(), *id);
  if (!s.ok())
    return d_.kit.Message(ctx, HttpStatusFor(s.status()), N_("Not available"), s.status());
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  using tabular::ColumnKind;
  const ClassRecord& cls = s->detail.cls;
  const std::string title = d_.kit.Tf(ctx, N_("{class}, {from} to {to}"),
                               {{"class", cls.title}, {"from", cls.start_date},
                                {"to", cls.end_date.empty() ? cls.start_date : cls.end_date}});
  tabular::Sheet summary{t(N_("Summary")),
                         {t(N_("Class")), t(N_("Enrolled")), t(N_("Attended")),
                          t(N_("Attendance rate"))}};
  summary.title = title;
  summary.kinds = {ColumnKind::kGeneral, ColumnKind::kGeneral, ColumnKind::kGeneral,
                   ColumnKind::kPercent};
  summary.rows.push_back(
      {cls.title, double(s->enrolled), double(s->attended), s->attendance_rate / 100});
  tabular::Sheet sessions{
      t(N_("Sessions")),
      {t(N_("Starts")), t(N_("Topic")), t(N_("Present")), t(N_("Late")), t(N_("Excused leave")),
       t(N_("Absent")), t(N_("Not marked"))}};
  sessions.title = title;
  sessions.kinds = {ColumnKind::kDateTime};
  for (const auto& c : s->sessions)
    sessions.rows.push_back({c.session.row.starts_at, c.session.row.topic, double(c.tally.present),
                             double(c.tally.late), double(c.tally.excused), double(c.tally.absent),
                             double(c.tally.unmarked)});
  tabular::Sheet branches{t(N_("Branches")), {t(N_("Party branch")), t(N_("Enrolled")), t(N_("Attended"))}};
  branches.title = title;
  return d_.kit.AuditedExport(
      ctx, d_.kit.XlsxDownload(ctx, {summary, sessions, branches}, fmt::format("class-{}-summary.xlsx", *id)),
      "export.class-summary", fmt::format("class {}", *id));
}

namespace {

// A member's classes in the hours table: "{class} {hours} h" each, marked
// when the hours were online, elsewhere or not completing.
std::string ClassesText(const AdminKit& kit, const AdminContext& ctx, const training::MemberLedger& l) {
  std::string classes;
  for (const auto& c : l.classes)
    classes += (classes.empty() ? "" : kit.T(ctx, N_("; "))) +
               kit.Tf(ctx, c.not_completing ? N_("{class} {hours} h (not completing: leave over 1/7)")
                           : c.outside      ? N_("{class} {hours} h (elsewhere)")
                           : !c.centralized ? N_("{class} {hours} h (online)")
                                            : N_("{class} {hours} h"),
                      {{"class", c.title}, {"hours", Num(c.credited)}});
  return classes;
}

data HoursRow(const AdminKit& kit, const AdminContext& ctx, const training::MemberLedger& l) {
  data row;
  row.set("member_id", std::to_string(l.member.id));
  row.set("name", l.member.name);
  row.set("branch", l.branch);
  row.set("category", kit.T(ctx, CategoryLabel(l.category)));
  row.set("total", Num(l.total));
  row.set("required", Num(l.required));
  if (l.below()) row.set("below", TemplateTrue());
  if (l.lacks_centralized()) row.set("no_centralized", TemplateTrue());
  if (l.falls_short()) row.set("short", TemplateTrue());
  row.set("classes", ClassesText(kit, ctx, l));
  return row;
}

// Each branch's total and average hours (name order) as table rows, and
// its average as the chart's bars.
void SetBranchTotals(const std::vector<training::MemberLedger>& report, data& body,
                     std::vector<Bar>& bars) {
  std::map<std::string, std::pair<double, int>> per_branch;  // total hours, members
  for (const auto& l : report) {
    per_branch[l.branch].first += l.total;
    per_branch[l.branch].second++;
  }
  data branches{data::type::list};
  for (const auto& [name, v] : per_branch) {
    data b;
    b.set("branch", name);
    b.set("total", Num(v.first));
    const double average = v.second ? v.first / v.second : 0;
    b.set("average", fmt::format("{:.1f}", average));
    branches.push_back(b);
    bars.push_back({name, std::round(average * 10) / 10});
  }
  body.set("branch_rows", branches);
  // The chart compares branches of any size: each one's average per
  // member, lowest first (ties keep the name order).
  std::stable_sort(bars.begin(), bars.end(),
                   [](const Bar& a, const Bar& b) { return a.value < b.value; });
}

// The counts above the table: members, below the hours, leaders, leaders
// without centralized training.
void SetHoursCounts(const std::vector<training::MemberLedger>& report, data& body) {
  std::size_t below = 0, leaders = 0, lacking = 0;
  for (const auto& l : report) {
    below += l.below();
    leaders += l.category == "leader";
    lacking += l.lacks_centralized();
  }
  body.set("below_count", std::to_string(below));
  body.set("member_count", std::to_string(report.size()));
  body.set("no_centralized_count", std::to_string(lacking));
  body.set("leader_count", std::to_string(leaders));
}

// The member table's rows on the page asked for (or all of them), with
// the pager and the "n to m of total" line.
void SetHoursRows(const AdminKit& kit, const AdminContext& ctx,
                  const std::vector<training::MemberLedger>& report, const HoursQuery& q,
                  TemplateData& body) {
  std::vector<const training::MemberLedger*> shown;
  for (const auto& l : report)
    if (!q.below_only || l.falls_short()) shown.push_back(&l);
  const auto total = static_cast<std::int64_t>(shown.size());
  const PageSpan span = q.all ? PageSpan{1, 1, 0, static_cast<int>(std::max<std::int64_t>(total, 1))}
                              : SpanOf(q.page, total, kHoursPerPage);
  data rows{data::type::list};
  for (std::int64_t i = span.offset; i < std::min(total, span.offset + span.per_page); ++i)
    rows.push_back(HoursRow(kit, ctx, *shown[i]));
  body.set("rows", rows);
  SetPager(kit, ctx, "/admin/training/hours", q.Filters(), span, body);
  if (span.pages > 1 || q.all)
    body.set("rows_text",
             kit.Tf(ctx, N_("Members {from} to {to} of {total}"),
                       {{"from", std::to_string(total ? span.offset + 1 : 0)},
                        {"to", std::to_string(std::min(total, span.offset + span.per_page))},
                        {"total", std::to_string(total)}}));
  if (span.pages > 1) body.set("all_link", "/admin/training/hours?" + q.FilterQuery() + "&all=1");
}

}  // namespace

// The requirement form's inputs, by field name.
const std::map<std::string, std::string> kRequirementFieldIds = {
    {"year", "r-year"}, {"leader", "r-leader"}, {"member", "r-member"}};

Response TrainingAdmin::HoursPage(const Request& req, const RouteParams&, AdminContext& ctx) {
  return HoursPageFor(ctx, req.query, Status::Ok(), nullptr, 200);
}

Response TrainingAdmin::HoursPageFor(AdminContext& ctx, const std::string& query,
                                     const Status& error, const http::Form* typed, int status) {
  const HoursQuery q = ReadHoursQuery(query, d_.content.Snapshot()->site().utc_offset_minutes);
  auto report = d_.hours.AnnualReport(ctx.who(), q.year, q.branch);
  if (!report.ok())
    return d_.kit.Message(ctx, HttpStatusFor(report.status()), N_("Not available"), report.status());
  data body;
  SetHoursRows(d_.kit, ctx, *report, q, body);
  std::vector<Bar> bars;
  SetBranchTotals(*report, body, bars);
  SetHoursCounts(*report, body);
  body.set("year", std::to_string(q.year));
  if (q.below_only) body.set("below_only", TemplateTrue());
  body.set("query", "?" + q.FilterQuery());
  if (auto req_hours = d_.hours.RequirementsFor(q.year); req_hours.ok()) {
    body.set("leader_hours", Num(req_hours->leader));
    body.set("member_hours", Num(req_hours->member));
    body.set("req_leader", Num(req_hours->leader));
    body.set("req_member", Num(req_hours->member));
  }
  body.set("req_year", std::to_string(q.year));
  if (typed)  // a refused requirement: its figures as typed
    for (const auto& [name, key] : {std::pair{"year", "req_year"}, {"leader", "req_leader"},
                                    {"member", "req_member"}})
      body.set(key, Trim(typed->Get(name)));
  d_.kit.SetFormErrors(ctx, error, kRequirementFieldIds, body);
  data branch_options{data::type::list};
  for (const auto& b : d_.org.Branches(ctx.who()).value())
    branch_options.push_back(
        SelectOption(std::to_string(b.unit.id), b.unit.name, q.branch == b.unit.id));
  body.set("branches", branch_options);
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) body.set("can_manage", TemplateTrue());
  body.set("chart", BarChartHtml(bars, d_.kit.T(ctx, N_(" h"))));
  return d_.kit.Page(ctx, "admin_hours", std::move(body),
                     d_.kit.Tf(ctx, N_("Training hours {year}"), {{"year", std::to_string(q.year)}}),
                     status);
}

Response TrainingAdmin::HoursExport(const Request& req, const RouteParams&, AdminContext& ctx,
                                bool xlsx) {
  const HoursQuery q = ReadHoursQuery(req.query, d_.content.Snapshot()->site().utc_offset_minutes);
  auto report = d_.hours.AnnualReport(ctx.who(), q.year, q.branch);
  if (!report.ok())
    return d_.kit.Message(ctx, HttpStatusFor(report.status()), N_("Not available"), report.status());
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  tabular::Sheet sheet{d_.kit.Tf(ctx, N_("Hours {year}"), {{"year", std::to_string(q.year)}}),
                       {t(N_("Member")), t(N_("Branch")), t(N_("Category")), t(N_("Hours")),
                        t(N_("Required")), t(N_("Below requirement")),
                        t(N_("Centralized training")), t(N_("Not completing (1/7 rule)"))}};
  sheet.title = d_.kit.Tf(ctx, N_("Training hours {year}"), {{"year", std::to_string(q.year)}});
  if (q.below_only) sheet.title += " · " + d_.kit.T(ctx, N_("only members short of the requirement"));
  for (const auto& l : *report) {
    if (q.below_only && !l.falls_short()) continue;
    std::string not_completing;
    for (const auto& c : l.classes)
      if (c.not_completing) not_completing += (not_completing.empty() ? "" : t(N_("; "))) + c.title;
    sheet.rows.push_back({l.member.name, l.branch, t(CategoryLabel(l.category)), l.total,
                          l.required, t(l.below() ? N_("yes") : N_("no")),
                          CentralizedCell(t, l), not_completing});
  }
  const std::string name = fmt::format("training-hours-{}", q.year);
  const std::string detail = fmt::format("{}: {} rows as {}", q.year, sheet.rows.size(),
                                         xlsx ? "XLSX" : "CSV");
  if (!xlsx)
    return d_.kit.AuditedExport(ctx, AdminKit::Download(tabular::ToCsv(sheet), tabular::kCsvMediaType, name + ".csv"),
                         "export.hours", detail);
  return d_.kit.AuditedExport(ctx, d_.kit.XlsxDownload(ctx, {sheet}, name + ".xlsx"), "export.hours", detail);
}

Response TrainingAdmin::SetRequirements(const Request& req, const RouteParams&, AdminContext& ctx) {
  const auto form = http::Form::Parse(req.body);
  std::vector<Status> unread;
  const auto number = [&](const char* name, const char* msgid) -> double {
    const std::string v = Trim(form.Get(name));
    const bool minus = v.starts_with('-');  // a number, if out of range
    if (auto d = ParseDecimal(minus ? v.substr(1) : v)) return minus ? -*d : *d;
    unread.push_back(Status::Invalid(msgid).WithField(name));
    return -1;
  };
  const int year = static_cast<int>(
      std::clamp(number("year", N_("Enter the year as four digits, such as 2026.")), 0.0, 9999.0));
  const training::Requirements r{
      number("leader", N_("Enter the hours as a number such as 24 or 1.5.")),
      number("member", N_("Enter the hours as a number such as 24 or 1.5."))};
  const Status s = unread.empty()
                       ? d_.hours.SetRequirements(ctx.who(), ctx.actor, year, r)
                       : FormProblems(std::move(unread), training::ValidateRequirements(year, r));
  if (s.ok()) return AdminKit::Done(fmt::format("/admin/training/hours?year={}", year), "saved");
  // Behind the form, the table of the year typed when it is one, else this year's.
  const std::string shown = year >= 2000 && year <= 2100 ? fmt::format("year={}", year) : "";
  return HoursPageFor(ctx, shown, s, &form, HttpStatusFor(s));
}

void TrainingAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  if (!auth::Can(ctx.who(), auth::Action::kViewRecords)) return;
  const std::string today = FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
  if (!training::InYearEndReminder(today)) return;
  const int year = std::stoi(today.substr(0, 4));
  auto ledgers = d_.hours.AnnualReport(ctx.who(), year, std::nullopt);
  if (!ledgers.ok()) return;
  const auto short_of = std::count_if(ledgers->begin(), ledgers->end(),
                                      [](const training::MemberLedger& l) { return l.falls_short(); });
  if (short_of == 0) return;
  body.set("training_short",
           d_.kit.TfN(ctx, "{n} member is short of {year}'s training (hours, or a leader's centralized training) with the year ending on 31 December.",
                      "{n} members are short of {year}'s training (hours, or a leader's centralized training) with the year ending on 31 December.",
                      static_cast<long>(short_of), {{"year", std::to_string(year)}}));
  body.set("training_short_year", std::to_string(year));
}

}  // namespace procura::web
