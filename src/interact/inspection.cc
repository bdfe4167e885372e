#include "interact/inspection.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"

#include "interact/work_calendar.h"

namespace procura::interact {
namespace {

constexpr UnixSeconds kDay = 86400;

int DaysSince(UnixSeconds then, UnixSeconds now) { return static_cast<int>((now - then) / kDay); }

std::string ColumnUrl(const ColumnRecord& c) { return "/columns/" + c.slug + "/"; }

// The newest publication per column (0: none).
std::map<std::int64_t, UnixSeconds> LatestByColumn(const std::vector<ArticleRecord>& published) {
  std::map<std::int64_t, UnixSeconds> latest;
  for (const auto& a : published)
    if (a.published_at) latest[a.column_id] = std::max(latest[a.column_id], *a.published_at);
  return latest;
}

Indicator HomePage(const std::vector<ArticleRecord>& published, UnixSeconds now, int offset) {
  Indicator i{"home-page", N_("Home page updated"),
              N_("Veto: the home page not updated for 2 weeks"), true};
  UnixSeconds newest = 0;
  for (const auto& a : published)
    if (a.published_at) newest = std::max(newest, *a.published_at);
  if (newest == 0) {
    i.state = "fail";
    i.measured = N_("Nothing is published.");
    return i;
  }
  const int days = DaysSince(newest, now);
  i.measured = N_("Last update {date}, {days} days ago.");
  i.measured_args = {{"date", LocalDay(newest, offset)}, {"days", std::to_string(days)}};
  i.state = days >= kHomeStaleDays ? "fail" : days >= kHomeStaleDays - kWarnAheadDays ? "warn" : "pass";
  return i;
}

// News columns stale for 2 weeks (veto at 5), and notice and policy
// columns stale for 6 months (veto at 1); each warns 3 days ahead.
void StaleColumns(const std::vector<ColumnRecord>& columns,
                  const std::map<std::int64_t, UnixSeconds>& latest, UnixSeconds now, int offset,
                  std::vector<Indicator>& out) {
  Indicator news{"stale-news-columns", N_("News columns updated"),
                 N_("Veto: 5 or more news columns not updated for 2 weeks"), true};
  Indicator notice{"stale-notice-columns", N_("Notice and policy columns updated"),
                   N_("Veto: a notice or policy column not updated for 6 months"), true};
  int stale_news = 0, soon_news = 0, stale_notice = 0, soon_notice = 0;
  for (const auto& c : columns) {
    if (c.hidden || c.column_type == "other") continue;
    auto it = latest.find(c.id);
    if (it == latest.end()) continue;  // empty: its own indicator
    const bool is_news = c.column_type == "news";
    const int limit = is_news ? kNewsStaleDays : kNoticeStaleDays;
    const int days = DaysSince(it->second, now);
    if (days < limit - kWarnAheadDays) continue;
    const bool stale = days >= limit;
    (is_news ? (stale ? stale_news : soon_news) : (stale ? stale_notice : soon_notice))++;
    (is_news ? news : notice)
        .items.push_back({c.name, ColumnUrl(c), LocalDay(it->second, offset)});
  }
  news.measured = N_("{stale} stale, {soon} stale within 3 days.");
  news.measured_args = {{"stale", std::to_string(stale_news)}, {"soon", std::to_string(soon_news)}};
  news.state = stale_news >= kStaleNewsColumnsVeto                ? "fail"
               : stale_news + soon_news >= kStaleNewsColumnsVeto ? "warn"
                                                                 : "pass";
  notice.measured = news.measured;
  notice.measured_args = {{"stale", std::to_string(stale_notice)},
                          {"soon", std::to_string(soon_notice)}};
  notice.state = stale_notice > 0 ? "fail" : soon_notice > 0 ? "warn" : "pass";
  out.push_back(std::move(news));
  out.push_back(std::move(notice));
}

void EmptyAndLongUnupdated(const std::vector<ColumnRecord>& columns,
                           const std::map<std::int64_t, UnixSeconds>& latest, UnixSeconds now,
                           int offset, std::vector<Indicator>& out) {
  Indicator empty{"empty-columns", N_("Columns with content"),
                  N_("Veto: 5 or more empty columns"), true};
  Indicator old{"long-unupdated-columns", N_("Columns updated within a year"),
                N_("Veto: 10 or more columns not updated for over a year"), true};
  std::vector<std::int64_t> parents;
  for (const auto& c : columns)
    if (c.parent_id) parents.push_back(*c.parent_id);
  for (const auto& c : columns) {
    if (c.hidden) continue;
    // A column whose articles live in its sub-columns is a heading, not empty.
    if (std::find(parents.begin(), parents.end(), c.id) != parents.end()) continue;
    auto it = latest.find(c.id);
    if (it == latest.end()) empty.items.push_back({c.name, ColumnUrl(c), ""});
    else if (DaysSince(it->second, now) >= kLongUnupdatedDays)
      old.items.push_back({c.name, ColumnUrl(c), LocalDay(it->second, offset)});
  }
  const auto judge = [](Indicator& i, int veto) {
    const int n = static_cast<int>(i.items.size());
    i.measured = N_("{n} found.");
    i.measured_args = {{"n", std::to_string(n)}};
    i.state = n >= veto ? "fail" : n >= veto - 1 ? "warn" : "pass";
  };
  judge(empty, kEmptyColumnsVeto);
  judge(old, kLongUnupdatedColumnsVeto);
  out.push_back(std::move(empty));
  out.push_back(std::move(old));
}

}  // namespace

int InspectionReport::Count(std::string_view state) const {
  return static_cast<int>(std::count_if(indicators.begin(), indicators.end(),
                                        [&](const Indicator& i) { return i.state == state; }));
}

std::string InspectionReport::Summary() const {
  std::string out;
  for (const auto& i : indicators) out += (out.empty() ? "" : ";") + i.key + "=" + i.state;
  return out;
}

tabular::Sheet InspectionSheet(const InspectionReport& report, int offset, const Translate& tr) {
  tabular::Sheet sheet{tr(N_("Inspection"), {}),
                       {tr(N_("Indicator"), {}), tr(N_("Rule"), {}), tr(N_("Kind"), {}),
                        tr(N_("Result"), {}), tr(N_("Measured"), {}), tr(N_("Item"), {}),
                        tr(N_("Address"), {}), tr(N_("Detail"), {})}};
  sheet.title = tr(N_("Site self-inspection, {time}"),
                   {{"time", FormatLocalTime(report.at, offset)}});
  for (const auto& i : report.indicators) {
    const std::string state = tr(i.state == "fail"   ? N_("fails")
                                 : i.state == "warn" ? N_("about to fail")
                                 : i.state == "pass" ? N_("passes")
                                                     : N_("not measured"),
                                 {});
    sheet.rows.push_back({tr(i.name, {}), tr(i.rule, {}),
                          tr(i.veto ? N_("veto") : N_("points"), {}), state,
                          tr(i.measured, i.measured_args), std::string(), std::string(),
                          std::string()});
    for (const auto& o : i.items)
      sheet.rows.push_back({tr(i.name, {}), std::string(), std::string(), std::string(),
                            std::string(), o.title, o.url, o.detail});
  }
  return sheet;
}

Result<InspectionReport> InspectAndRecord(Storage& storage, UnixSeconds now,
                                          const InspectOptions& options) {
  auto report = Inspect(storage, now, options);
  if (!report.ok()) return report;
  PROCURA_RETURN_IF_ERROR(storage.inspection().AppendRun(
      {0, now, report->Count("fail"), report->Count("warn"), report->Summary()}));
  return report;
}

Result<InspectionReport> Inspect(Storage& storage, UnixSeconds now, const InspectOptions& opt) {
  auto published = storage.content().ListPublishedSummaries();
  if (!published.ok()) return published.status();
  auto columns = storage.content().ListColumns();
  if (!columns.ok()) return columns.status();
  InspectionReport report;
  report.at = now;
  const auto latest = LatestByColumn(*published);
  report.indicators.push_back(HomePage(*published, now, opt.utc_offset_minutes));
  StaleColumns(*columns, latest, now, opt.utc_offset_minutes, report.indicators);
  EmptyAndLongUnupdated(*columns, latest, now, opt.utc_offset_minutes, report.indicators);
  PROCURA_RETURN_IF_ERROR(
      detail::ContentIndicators(storage, *published, now, opt, report.indicators));
  return report;
}

}  // namespace procura::interact
