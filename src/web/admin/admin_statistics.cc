// SiteReportsAdmin: its routes, and the visit and publishing statistics for
// the annual report (政府网站工作年度报表) — views and unique visitors by
// month (an SVG chart with the same figures as a table), posts and views
// per column, the most read articles, and the public messages; XLSX in the
// report's layout.
#include "web/admin/admin_site_reports.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"
#include "interact/work_calendar.h"
#include "web/admin/admin_handler.h"

namespace procura::web {

void SiteReportsAdmin::AddRoutes(http::Router& r) {
  const Requirement admin{Requirement::kAction, auth::Action::kManageSite};
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/statistics", admin, bind(&SiteReportsAdmin::StatisticsPage));
  kit.Add(r, "GET", "/admin/statistics.xlsx", admin, bind(&SiteReportsAdmin::StatisticsXlsx));
  kit.Add(r, "GET", "/admin/inspection", admin, bind(&SiteReportsAdmin::InspectionPage));
  kit.Add(r, "POST", "/admin/inspection/run", admin, bind(&SiteReportsAdmin::RecordInspection));
  kit.Add(r, "GET", "/admin/inspection.xlsx", admin, bind(&SiteReportsAdmin::InspectionXlsx));
  kit.Add(r, "GET", "/admin/publishing", admin, bind(&SiteReportsAdmin::PublishingPage));
  kit.Add(r, "POST", "/admin/publishing/forget", admin, bind(&SiteReportsAdmin::ForgetExport));
  kit.AddDashboardPart([this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
}

SiteReportsAdmin::YearStats SiteReportsAdmin::CollectYearStats(int year) {
  YearStats y;
  y.year = year;
  const std::string prefix = std::to_string(year);
  y.months.assign(12, {0, 0});
  for (const auto& v : d_.storage.inspection().PageViews(prefix).value()) {
    const int month = std::stoi(v.day.substr(5, 2)) - 1;
    if (month < 0 || month > 11) continue;
    y.months[month].first += v.views;
    y.total_views += v.views;
    if (v.kind == "column") y.column_views[v.object_id] += v.views;
    if (v.kind == "article") y.article_views[v.object_id] += v.views;
  }
  for (const auto& [day, n] : d_.storage.inspection().Visitors(prefix).value()) {
    const int month = std::stoi(day.substr(5, 2)) - 1;
    if (month >= 0 && month < 12) y.months[month].second += n;
    y.total_visitors += n;
  }
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  for (const auto& a : d_.storage.content().ListPublishedSummaries().value())
    if (a.published_at && interact::LocalDay(*a.published_at, off).rfind(prefix, 0) == 0) {
      ++y.posts[a.column_id];
      ++y.total_posts;
    }
  auto messages = d_.mailbox.Statistics(year);
  if (messages.ok())
    for (const auto& m : *messages) {
      y.messages_received += m.received;
      y.messages_answered += m.answered;
    }
  return y;
}

TemplateData SiteReportsAdmin::MonthRows(const YearStats& y) {
  std::int64_t peak = 1;
  for (const auto& [views, visitors] : y.months) peak = std::max(peak, views);
  data months{data::type::list};
  for (int m = 0; m < 12; ++m) {
    data row;
    row.set("month", fmt::format("{}-{:02}", y.year, m + 1));
    row.set("views", std::to_string(y.months[m].first));
    row.set("visitors", std::to_string(y.months[m].second));
    // The bar chart: 12 bars in a 600 × 200 box, scaled to the busiest month.
    const int height = static_cast<int>(180 * y.months[m].first / peak);
    row.set("x", std::to_string(10 + m * 49));
    row.set("y", std::to_string(190 - height));
    row.set("h", std::to_string(height));
    row.set("label_x", std::to_string(10 + m * 49 + 20));
    row.set("label", std::to_string(m + 1));
    months.push_back(row);
  }
  return months;
}

TemplateData SiteReportsAdmin::TopArticles(const YearStats& y) {
  std::vector<std::pair<std::int64_t, std::int64_t>> top(y.article_views.begin(), y.article_views.end());
  std::sort(top.begin(), top.end(), [](auto& a, auto& b) { return a.second > b.second; });
  data articles{data::type::list};
  for (std::size_t i = 0; i < top.size() && i < 20; ++i) {
    auto a = d_.storage.content().GetArticle(top[i].first);
    data row;
    row.set("title", a.ok() && a->has_value() ? (*a)->title : "#" + std::to_string(top[i].first));
    row.set("url", fmt::format("/articles/{}/", top[i].first));
    row.set("views", std::to_string(top[i].second));
    articles.push_back(row);
  }
  return articles;
}

Response SiteReportsAdmin::StatisticsPage(const Request& req, const Params&, AdminContext& ctx) {
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  const int this_year = std::stoi(interact::LocalDay(NowUnix(), off).substr(0, 4));
  const auto q = ParseQuery(req.query);
  int year = this_year;
  if (q.count("year")) {
    auto y = ParsePositiveId(q.at("year"));
    if (!y || *y < 2000 || *y > this_year)
      return d_.kit.Message(ctx, 400, N_("Not available"),
                     Status::Invalid(N_("Choose a year from 2000 to this year.")));
    year = static_cast<int>(*y);
  }
  const YearStats y = CollectYearStats(year);
  data body;
  body.set("year", std::to_string(year));
  body.set("months", MonthRows(y));
  body.set("total_views", std::to_string(y.total_views));
  // A chart of twelve empty months says nothing: the page says so instead.
  if (y.total_views > 0) body.set("has_views", TemplateTrue());
  if (auto logs = d_.storage.inspection().CountLogImports(); logs.ok() && logs->total > 0)
    body.set("log_imports",
             d_.kit.Tf(ctx, N_("Also counted: the access logs of the site's static copy (procura stats "
                        "import-log), {n} so far; the latest, {name}, on {date}."),
                {{"n", std::to_string(logs->total)},
                 {"name", logs->latest_name},
                 {"date", FormatLocalTime(logs->latest_at,
                                          d_.content.Snapshot()->site().utc_offset_minutes)}}));
  body.set("total_visitors", std::to_string(y.total_visitors));
  body.set("total_posts", std::to_string(y.total_posts));
  body.set("messages_received", std::to_string(y.messages_received));
  body.set("messages_answered", std::to_string(y.messages_answered));
  data columns{data::type::list};
  for (const auto& c : d_.storage.content().ListColumns().value()) {
    data row;
    row.set("name", c.name);
    row.set("posts", std::to_string(y.posts.count(c.id) ? y.posts.at(c.id) : 0));
    row.set("views", std::to_string(y.column_views.count(c.id) ? y.column_views.at(c.id) : 0));
    columns.push_back(row);
  }
  body.set("columns", columns);
  body.set("articles", TopArticles(y));
  data years{data::type::list};
  for (int v = this_year; v >= this_year - 5; --v)
    years.push_back(SelectOption(std::to_string(v), std::to_string(v), v == year));
  body.set("years", years);
  return d_.kit.Page(ctx, "admin_statistics", std::move(body), N_("Statistics"));
}

Response SiteReportsAdmin::StatisticsXlsx(const Request& req, const Params&, AdminContext& ctx) {
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  const auto q = ParseQuery(req.query);
  const int this_year = std::stoi(interact::LocalDay(NowUnix(), off).substr(0, 4));
  const int year = q.count("year") ? static_cast<int>(ParsePositiveId(q.at("year")).value_or(this_year))
                                   : this_year;
  if (year < 2000 || year > this_year)
    return d_.kit.Message(ctx, 400, N_("Not exported"), Status::Invalid(N_("Choose a year from 2000 to this year.")));
  const YearStats y = CollectYearStats(year);
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  const SiteRecord& site = d_.content.Snapshot()->site();
  tabular::Sheet report{t(N_("Annual report")), {t(N_("Statistic")), t(N_("Value"))}};
  report.title = d_.kit.Tf(ctx, N_("Government website annual report, {year}"), {{"year", std::to_string(year)}});
  report.rows = {{t(N_("Website name")), site.name},
                 {t(N_("Home page address")), site.public_url},
                 {t(N_("Site identification code")), site.site_code},
                 {t(N_("ICP filing number")), site.icp},
                 {t(N_("Unique visitors (sum of daily)")), double(y.total_visitors)},
                 {t(N_("Page views")), double(y.total_views)},
                 {t(N_("Items published")), double(y.total_posts)},
                 {t(N_("Messages received (valid)")), double(y.messages_received)},
                 {t(N_("Messages answered")), double(y.messages_answered)}};
  tabular::Sheet monthly{t(N_("By month")), {t(N_("Month")), t(N_("Page views")), t(N_("Unique visitors (sum of daily)"))}};
  for (int m = 0; m < 12; ++m)
    monthly.rows.push_back({fmt::format("{}-{:02}", year, m + 1), double(y.months[m].first),
                            double(y.months[m].second)});
  tabular::Sheet columns{t(N_("By column")), {t(N_("Column")), t(N_("Items published")), t(N_("Column page views"))}};
  for (const auto& c : d_.storage.content().ListColumns().value())
    columns.rows.push_back({c.name, double(y.posts.count(c.id) ? y.posts.at(c.id) : 0),
                            double(y.column_views.count(c.id) ? y.column_views.at(c.id) : 0)});
  return d_.kit.AuditedExport(ctx, d_.kit.XlsxDownload(ctx, {report, monthly, columns}, fmt::format("annual-report-{}.xlsx", year)),
                       "export.statistics", std::to_string(year));
}

}  // namespace procura::web
