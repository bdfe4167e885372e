#include "interact/work_calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <charconv>

namespace procura::interact {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

std::optional<year_month_day> ParseDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& out) {
    auto r = std::from_chars(s.data() + at, s.data() + at + len, out);
    return r.ec == std::errc() && r.ptr == s.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string FormatDay(sys_days d) {
  const year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

bool IsWeekend(sys_days d) {
  const std::chrono::weekday w{d};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

}  // namespace

bool IsValidDay(std::string_view day) { return ParseDay(day).has_value(); }

std::string AddDays(const std::string& day, int n) {
  auto ymd = ParseDay(day);
  if (!ymd) return day;
  return FormatDay(sys_days{*ymd} + std::chrono::days{n});
}

std::string LocalDay(UnixSeconds t, int utc_offset_minutes) {
  const auto secs = std::chrono::sys_seconds{std::chrono::seconds{t + utc_offset_minutes * 60}};
  return FormatDay(std::chrono::floor<std::chrono::days>(secs));
}

Result<std::vector<CalendarDay>> ParseCalendar(std::string_view text) {
  std::vector<CalendarDay> out;
  int line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) continue;
    const auto bad = [&](const char* msgid) {
      return Status::Invalid(msgid, {{"line", std::to_string(line_no)}}).WithField("calendar");
    };
    const std::size_t sp1 = line.find(' ');
    const std::string_view day_text = line.substr(0, sp1);
    auto ymd = ParseDay(day_text);
    if (!ymd) return bad(N_("Line {line}: start with a date like 2026-10-01."));
    std::string_view rest = sp1 == std::string_view::npos ? "" : line.substr(sp1 + 1);
    const std::size_t sp2 = rest.find(' ');
    const std::string_view kind = rest.substr(0, sp2);
    const std::string note(sp2 == std::string_view::npos ? "" : rest.substr(sp2 + 1));
    if (kind != "holiday" && kind != "workday")
      return bad(N_("Line {line}: after the date write holiday or workday."));
    const bool weekend = IsWeekend(sys_days{*ymd});
    if (kind == "holiday" && weekend)
      return bad(N_("Line {line}: that date is a weekend day, which is not a working day anyway."));
    if (kind == "workday" && !weekend)
      return bad(N_("Line {line}: that date is a weekday, which is a working day anyway."));
    out.push_back({std::string(day_text), std::string(kind), note});
  }
  return out;
}

std::string FormatCalendar(const std::vector<CalendarDay>& days) {
  std::string out;
  for (const auto& d : days) out += d.day + " " + d.kind + (d.note.empty() ? "" : " " + d.note) + "\n";
  return out;
}

WorkCalendar::WorkCalendar(const std::vector<CalendarDay>& exceptions) {
  for (const auto& d : exceptions) exceptions_[d.day] = d.kind == "workday";
}

bool WorkCalendar::IsWorkingDay(const std::string& day) const {
  if (auto it = exceptions_.find(day); it != exceptions_.end()) return it->second;
  auto ymd = ParseDay(day);
  return ymd && !IsWeekend(sys_days{*ymd});
}

std::string WorkCalendar::AddWorkingDays(const std::string& day, int n) const {
  auto ymd = ParseDay(day);
  if (!ymd) return day;
  sys_days d{*ymd};
  for (int counted = 0, guard = 0; counted < n && guard < 3660; ++guard) {
    d += std::chrono::days{1};
    if (IsWorkingDay(FormatDay(d))) ++counted;
  }
  return FormatDay(d);
}

int WorkCalendar::WorkingDaysBetween(const std::string& from, const std::string& to) const {
  auto a = ParseDay(from);
  auto b = ParseDay(to);
  if (!a || !b) return 0;
  int n = 0;
  for (sys_days d = sys_days{*a} + std::chrono::days{1}; d <= sys_days{*b} && n < 3660;
       d += std::chrono::days{1})
    n += IsWorkingDay(FormatDay(d));
  return n;
}

std::vector<int> YearsMissing(const std::vector<CalendarDay>& days, std::string_view today) {
  const auto now = ParseDay(today);
  if (!now) return {};
  const int this_year = int(now->year());
  std::vector<int> wanted{this_year};
  if (unsigned(now->month()) == 12) wanted.push_back(this_year + 1);
  std::vector<int> missing;
  for (int y : wanted) {
    const std::string prefix = fmt::format("{:04}-", y);
    const bool listed = std::any_of(days.begin(), days.end(), [&](const CalendarDay& d) {
      return d.day.compare(0, prefix.size(), prefix) == 0;
    });
    if (!listed) missing.push_back(y);
  }
  return missing;
}

}  // namespace procura::interact
