// Internal to the dues service: a calendar month, and one member's year
// computed from the loaded bases and payments (dues_rules.cc).
#pragma once

#include <vector>

#include "org/dues.h"

namespace procura::org {

struct YearMonth {
  int year = 0, month = 0;
  int Compare(const YearMonth& o) const {
    if (year != o.year) return year < o.year ? -1 : 1;
    return month == o.month ? 0 : month < o.month ? -1 : 1;
  }
  YearMonth Previous() const { return month == 1 ? YearMonth{year - 1, 12} : YearMonth{year, month - 1}; }
};

// Ok for 2000..2100; Invalid naming "year" otherwise.
Status CheckDuesYear(int year);

// `bases` hold the year's and the year before's; `paid` the payments of
// both years. `now` is this month.
MemberDues ComputeMemberDues(const MemberRecord& m, int year, const YearMonth& now,
                             const std::vector<DuesBaseRecord>& bases,
                             const std::vector<DuesPaymentRecord>& paid);

}  // namespace procura::org
