// The demo's party dues: plausible incomes and pensions, the dues the
// 2008 rates give, and payment habits drawn from each member's id, so the
// same demo is made every time.
#include "app/demo_dues.h"

#include <fmt/format.h>

#include "interact/work_calendar.h"
#include "org/dues.h"

namespace procura::app {
namespace {

// A small deterministic generator (one per member).
struct Draw {
  std::uint64_t state;
  explicit Draw(std::int64_t seed) : state(static_cast<std::uint64_t>(seed) * 0x9E3779B97F4A7C15ULL + 1) {}
  int Below(int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
  }
};

DuesBaseRecord BaseFor(const MemberRecord& m, int year, Draw& d) {
  DuesBaseRecord b{m.id, year, "in-service", 0, 0, std::nullopt, 0};
  const int kind = d.Below(100);
  if (kind < 3) {
    b.category = "fixed";
    b.monthly_fen = kind == 0 ? 20 : 100;
    return b;
  }
  if (kind < 15) {
    b.category = "retired";
    b.base_fen = (3000 + d.Below(400) * 10) * 100;
  } else {
    b.base_fen = (3500 + d.Below(1100) * 10) * 100;
  }
  b.monthly_fen = org::MonthlyDuesFen(b.category, b.base_fen);
  return b;
}

}  // namespace

Status LoadDues(Storage& tx, UnixSeconds now, int utc_offset_minutes) {
  const std::string today = interact::LocalDay(now, utc_offset_minutes);
  const int this_year = std::stoi(today.substr(0, 4));
  const int this_month = std::stoi(today.substr(5, 2));
  auto members = tx.org().ListMembers(std::nullopt);
  if (!members.ok()) return members.status();
  int behind_six = 0;
  for (const auto& m : *members) {
    if (!m.current()) continue;
    Draw d(m.id);
    // Paid through this many months back: most up to last month or this
    // one, some a few months behind, two members half a year or more.
    const int habit = d.Below(100);
    int unpaid_back = habit < 45 ? 0 : habit < 85 ? 1 : habit < 95 ? 2 + d.Below(3) : 0;
    if (habit >= 95 && behind_six < 2) unpaid_back = 7 + behind_six++;
    for (int year : {this_year - 1, this_year}) {
      DuesBaseRecord b = BaseFor(m, year, d);
      b.set_at = now;
      PROCURA_RETURN_IF_ERROR(tx.dues().PutBase(b));
      for (int month = 1; month <= 12; ++month) {
        const int back = (this_year - year) * 12 + this_month - month;  // 0 = this month
        if (back < unpaid_back || back < 0) continue;
        const int day = back == 0 ? std::min(5, std::stoi(today.substr(8, 2))) : 5 + d.Below(20);
        const std::string paid_on = fmt::format("{}-{:02}-{:02}", year, month, day);
        if (paid_on > today) continue;
        PROCURA_RETURN_IF_ERROR(tx.dues().InsertPayment({m.id, year, month, b.monthly_fen, paid_on,
                                                         std::nullopt, now}));
      }
    }
  }
  return Status::Ok();
}

}  // namespace procura::app
