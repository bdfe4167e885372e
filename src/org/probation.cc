// Probation: when a probationary member's year ends, and whose ends soon.
#include "org/probation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "org/applicant_steps.h"

namespace procura::org {

std::string YearsAfter(const std::string& day, int years) {
  if (!IsIsoDate(day)) return "";
  const int year = std::stoi(day.substr(0, 4)) + years;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  std::string month_day = day.substr(5);
  if (month_day == "02-29" && !leap) month_day = "02-28";
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

namespace {

// The members of `who`'s branches (Denied for anyone without records),
// with each branch's name.
struct MembersInReach {
  std::vector<MemberRecord> members;
  std::map<std::int64_t, std::string> branch_names;
};
Result<MembersInReach> ReadMembersInReach(Storage& storage, OrgService& org,
                                          const auth::Principal& who) {
  auto branches = org.Branches(who);
  if (!branches.ok()) return branches.status();
  MembersInReach out;
  for (const auto& b : *branches) out.branch_names[b.unit.id] = b.unit.name;
  auto members = storage.org().ListMembers(
      out.branch_names.size() == 1 ? std::optional(out.branch_names.begin()->first) : std::nullopt);
  if (!members.ok()) return members.status();
  for (auto& m : *members)
    if (out.branch_names.count(m.branch_id)) out.members.push_back(std::move(m));
  return out;
}

void SortByDay(std::vector<ProbationDue>& list) {
  std::sort(list.begin(), list.end(),
            [](const auto& a, const auto& b) { return a.ends_on < b.ends_on; });
}

}  // namespace

Result<std::vector<ProbationDue>> ProbationsEnding(Storage& storage, OrgService& org,
                                                   const auth::Principal& who,
                                                   const std::string& today, int days) {
  auto reach = ReadMembersInReach(storage, org, who);
  if (!reach.ok()) return reach.status();
  std::vector<ProbationDue> out;
  for (const auto& m : reach->members) {
    if (m.status != "probationary") continue;
    const std::string ends = ProbationEnds(m.joined_date);
    if (ends.empty()) continue;
    const int left = DaysBetween(today, ends);
    if (left > days) continue;
    out.push_back({m, reach->branch_names[m.branch_id], ends, left});
  }
  SortByDay(out);
  return out;
}

Result<std::vector<ProbationDue>> FullApprovalsAwaited(Storage& storage, OrgService& org,
                                                       const auth::Principal& who,
                                                       const std::string& today) {
  auto reach = ReadMembersInReach(storage, org, who);
  if (!reach.ok()) return reach.status();
  std::vector<ProbationDue> out;
  for (const auto& m : reach->members) {
    const std::string due = m.status == "full" ? FullApprovalDue(m, today) : "";
    if (!due.empty())
      out.push_back({m, reach->branch_names[m.branch_id], due, DaysBetween(today, due)});
  }
  SortByDay(out);
  return out;
}

std::string FullApprovalDue(const MemberRecord& m, const std::string& today) {
  if (m.full_date.empty() || !m.full_approved_on.empty()) return "";
  if (OneYearAfter(m.full_date) < today) return "";
  return MonthsAfter(m.full_date, 3);
}

}  // namespace procura::org
