// The working-day calendar for deadlines: Monday to Friday are working
// days, Saturday and Sunday are not, except for the listed days — public
// holidays and days off in lieu on weekdays, make-up working days (调休
// 上班) on weekends. The list comes from data/work-calendar-cn.txt, which
// the admin replaces in the newsroom when the State Council's yearly
// notice appears.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/mailbox_repository.h"

namespace procura::interact {

// The shipped calendar (data/work-calendar-cn.txt), as text.
std::string_view DefaultCalendarText();

// Parses calendar text: one "YYYY-MM-DD holiday|workday note" per line,
// '#' starts a comment. Invalid naming the first bad line; a holiday on a
// weekend or a workday on a weekday is an error too (it would change
// nothing, so it is a typo).
Result<std::vector<CalendarDay>> ParseCalendar(std::string_view text);
// The days as calendar text (ParseCalendar reads it back).
std::string FormatCalendar(const std::vector<CalendarDay>& days);

// The years whose holidays `days` should list by `today` ("YYYY-MM-DD")
// but do not, oldest first: this year, and from December on next year too
// (the State Council's notice for it appears in November). Without them a
// deadline counts every weekday as a working day, 国庆节 included. Empty
// when the calendar is up to date or `today` is malformed.
std::vector<int> YearsMissing(const std::vector<CalendarDay>& days, std::string_view today);

// True if `day` is "YYYY-MM-DD" and a real date.
bool IsValidDay(std::string_view day);
// The date `n` days after `day` (n may be negative).
std::string AddDays(const std::string& day, int n);
// The local date ("YYYY-MM-DD") of `t` at `utc_offset_minutes`.
std::string LocalDay(UnixSeconds t, int utc_offset_minutes);

class WorkCalendar {
 public:
  explicit WorkCalendar(const std::vector<CalendarDay>& exceptions);
  bool IsWorkingDay(const std::string& day) const;
  // The working day that is `n` working days after `day` (day itself is
  // not counted: a message received on Friday with n = 1 is due Monday).
  std::string AddWorkingDays(const std::string& day, int n) const;
  // Working days after `from` up to and including `to` (0 if to <= from).
  int WorkingDaysBetween(const std::string& from, const std::string& to) const;

 private:
  std::map<std::string, bool> exceptions_;  // day → is a working day
};

}  // namespace procura::interact
