// Probation: when a probationary member's year ends, and whose ends soon.
#include "org/probation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"

namespace procura::org {

std::string OneYearAfter(const std::string& day) {
  if (!IsIsoDate(day)) return "";
  const int year = std::stoi(day.substr(0, 4)) + 1;
  std::string month_day = day.substr(5);
  if (month_day == "02-29") month_day = "02-28";
  return fmt::format("{:04}-{}", year, month_day);
}

int DaysBetween(const std::string& from, const std::string& to) {
  auto a = ParseLocalTime(from, 0), b = ParseLocalTime(to, 0);
  if (!a || !b) return 0;
  return static_cast<int>((*b - *a) / 86400);
}

int PartyStandingYears(const std::string& full_date, const std::string& today) {
  if (!IsIsoDate(full_date) || !IsIsoDate(today) || today < full_date) return 0;
  int years = std::stoi(today.substr(0, 4)) - std::stoi(full_date.substr(0, 4));
  if (today.substr(5) < full_date.substr(5)) --years;
  return years;
}

Result<std::vector<ProbationDue>> ProbationsEnding(Storage& storage, OrgService& org,
                                                   const auth::Principal& who,
                                                   const std::string& today, int days) {
  auto branches = org.Branches(who);
  if (!branches.ok()) return branches.status();
  std::map<std::int64_t, std::string> names;
  for (const auto& b : *branches) names[b.unit.id] = b.unit.name;
  auto members = storage.org().ListMembers(names.size() == 1 ? std::optional(names.begin()->first)
                                                             : std::nullopt);
  if (!members.ok()) return members.status();
  std::vector<ProbationDue> out;
  for (const auto& m : *members) {
    auto branch = names.find(m.branch_id);
    if (m.status != "probationary" || branch == names.end()) continue;
    const std::string ends = ProbationEnds(m.joined_date);
    if (ends.empty()) continue;
    const int left = DaysBetween(today, ends);
    if (left > days) continue;
    out.push_back({m, branch->second, ends, left});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.ends_on < b.ends_on; });
  return out;
}

}  // namespace procura::org
