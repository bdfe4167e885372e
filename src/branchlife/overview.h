// The Party Committee's overview of every branch's organisational life:
// branches × months, which meetings were held, which due items are late or
// missing, and the attendance rate. Built from the stored records in one
// pass (a handful of queries, whatever the number of meetings).
#pragma once

#include <string>
#include <vector>

#include "branchlife/branch_life.h"

namespace procura::branchlife {

struct MonthCell {
  int month = 0;
  std::vector<std::string> held;  // kinds held in the month, by date
  // Where the due items ending in the month stand: "ok" (all met on time),
  // "late" (met, records late or overdue), "missing" (one or more missed),
  // "open" (the month is running or something is pending), "future".
  std::string state;
  std::size_t attended = 0, expected = 0;  // over the month's marked meetings
};

struct BranchRow {
  OrgUnitRecord branch;
  std::string secretary;
  std::vector<MonthCell> months;  // the selected months, in order
  // Due items ending in the selected months.
  int met = 0, late = 0, missing = 0, pending = 0;
  std::size_t attended = 0, expected = 0;
  std::vector<DueItem> due;  // every due item of the year
  // Heart-to-heart talks in the year (whatever the quarter): how many of
  // the current members other than the secretary the secretary has talked
  // with, of how many. Both 0 when the branch has no secretary.
  std::size_t talked = 0, to_talk = 0;
};

struct Overview {
  int year = 0;
  int quarter = 0;  // 1-4, or 0 for the whole year
  std::vector<BranchRow> rows;
  int met = 0, late = 0, missing = 0, pending = 0;
  std::size_t attended = 0, expected = 0;
  AppraisalCounts appraisal;
  // Share of expected attendance, 0 when nobody was expected.
  static double Rate(std::size_t attended, std::size_t expected) {
    return expected == 0 ? 0.0 : static_cast<double>(attended) / static_cast<double>(expected);
  }
};

// The overview of `year` (one quarter when `quarter` is 1-4) as of
// `today`. Every branch, in the organisation's order.
Result<Overview> BuildOverview(Storage& storage, const interact::WorkCalendar& cal, int year,
                               int quarter, const std::string& today, int utc_offset_minutes);

}  // namespace procura::branchlife
