// DuesService: who may see and record party dues, and the years built
// from the stored bases and payments.
#include "org/dues.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "org/dues_year.h"

namespace procura::org {

using auth::Role;

namespace {

YearMonth ThisMonth(const std::string& today) {
  return {std::stoi(today.substr(0, 4)), std::stoi(today.substr(5, 2))};
}

// A member is listed in a year while in the Party, or if the year holds
// their dues.
bool Listed(const MemberRecord& m, const std::vector<DuesBaseRecord>& bases,
            const std::vector<DuesPaymentRecord>& paid, int year) {
  if (m.current()) return true;
  return std::any_of(bases.begin(), bases.end(), [&](const auto& b) { return b.year == year; }) ||
         std::any_of(paid.begin(), paid.end(), [&](const auto& p) { return p.year == year; });
}

// Builds the year of every branch in `units`, from one read of each table.
Result<std::vector<BranchDues>> BuildBranches(Storage& storage, const std::vector<OrgUnitRecord>& units,
                                              std::optional<std::int64_t> only, int year,
                                              const YearMonth& now);

}  // namespace

Result<BranchDues> BranchDuesOn(Storage& storage, std::int64_t branch, const std::string& today) {
  auto units = storage.org().ListUnits();
  if (!units.ok()) return units.status();
  for (const auto& u : *units) {
    if (u.id != branch || u.kind != "branch") continue;
    const YearMonth now = ThisMonth(today);
    auto built = BuildBranches(storage, {u}, branch, now.year, now);
    if (!built.ok()) return built.status();
    return std::move(built->front());
  }
  return Status::NotFound(N_("No such branch."));
}

std::string DuesService::Today() const { return FormatDate(NowUnix(), offset_minutes_); }

Status DuesService::CheckBranch(const auth::Principal& who, std::int64_t branch) {
  if (who.Has(Role::kRecordsOfficer)) return Status::Ok();
  auto own = org_.OwnBranch(who);
  if (!own.ok()) return own.status();
  if (own->has_value() && **own == branch) return Status::Ok();
  return Status::Denied(N_("You may see only your own branch's dues."));
}

Result<std::optional<std::int64_t>> DuesService::OwnMember(const auth::Principal& who) {
  auto m = storage_.org().MemberForUser(who.user_id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{(*m)->id};
}

Result<MemberRecord> DuesService::MemberInReach(const auth::Principal& who, std::int64_t member) {
  auto m = storage_.org().GetMember(member);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound(N_("No such member."));
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, (*m)->branch_id));
  return **m;
}

namespace {

Result<std::vector<BranchDues>> BuildBranches(Storage& storage, const std::vector<OrgUnitRecord>& units,
                                              std::optional<std::int64_t> only, int year,
                                              const YearMonth& now) {
  auto members = storage.org().ListMembers(only);
  auto bases = storage.dues().ListBases(year, only);
  auto before = storage.dues().ListBases(year - 1, only);
  auto paid = storage.dues().ListPayments(year - 1, year, only);
  if (!members.ok()) return members.status();
  if (!bases.ok()) return bases.status();
  if (!before.ok()) return before.status();
  if (!paid.ok()) return paid.status();
  std::map<std::int64_t, std::vector<DuesBaseRecord>> bases_of;
  std::map<std::int64_t, std::vector<DuesPaymentRecord>> paid_of;
  for (auto* list : {&*bases, &*before})
    for (auto& b : *list) bases_of[b.member_id].push_back(b);
  for (auto& p : *paid) paid_of[p.member_id].push_back(p);
  std::vector<BranchDues> out;
  for (const auto& unit : units) {
    BranchDues b;
    b.branch = unit;
    b.year = year;
    for (const auto& m : *members) {
      if (m.branch_id != unit.id) continue;
      const auto& mb = bases_of[m.id];
      const auto& mp = paid_of[m.id];
      if (!Listed(m, mb, mp, year)) continue;
      MemberDues d = ComputeMemberDues(m, year, now, mb, mp);
      d.branch_name = unit.name;
      b.paid_fen += d.paid_fen;
      b.owed_fen += d.owed_fen;
      b.without_base += !d.base;
      b.six_months_behind += d.unpaid_streak >= 6;
      b.rows.push_back(std::move(d));
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

Result<std::vector<BranchDues>> DuesService::Overview(const auth::Principal& who, int year) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  std::optional<std::int64_t> only;
  if (!who.Has(Role::kRecordsOfficer)) {
    auto own = org_.OwnBranch(who);
    if (!own.ok()) return own.status();
    if (!own->has_value())
      return Status::Denied(N_("Party dues are for the records officer and branch secretaries."));
    only = **own;
  }
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  std::vector<OrgUnitRecord> branches;
  for (const auto& u : *units)
    if (u.standing_branch() && (!only || u.id == *only)) branches.push_back(u);
  return BuildBranches(storage_, branches, only, year, ThisMonth(Today()));
}

Result<BranchDues> DuesService::Branch(const auth::Principal& who, std::int64_t branch, int year) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  for (const auto& u : *units) {
    if (u.id != branch || u.kind != "branch") continue;
    auto built = BuildBranches(storage_, {u}, branch, year, ThisMonth(Today()));
    if (!built.ok()) return built.status();
    return std::move(built->front());
  }
  return Status::NotFound(N_("No such branch."));
}

Result<MemberDues> DuesService::Member(const auth::Principal& who, std::int64_t member, int year) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  auto own = OwnMember(who);
  if (!own.ok()) return own.status();
  auto m = storage_.org().GetMember(member);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound(N_("No such member."));
  if (*own != member) PROCURA_RETURN_IF_ERROR(CheckBranch(who, (*m)->branch_id));
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  for (const auto& u : *units) {
    if (u.id != (*m)->branch_id) continue;
    auto built = BuildBranches(storage_, {u}, u.id, year, ThisMonth(Today()));
    if (!built.ok()) return built.status();
    for (auto& row : built->front().rows)
      if (row.member.id == member) return std::move(row);
    return ComputeMemberDues(**m, year, ThisMonth(Today()), {}, {});
  }
  return Status::NotFound(N_("No such branch."));
}

Status DuesService::SetBase(const auth::Principal& who, const auth::Actor& actor,
                            std::int64_t member, int year, const std::string& category,
                            std::int64_t amount_fen) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  auto m = MemberInReach(who, member);
  if (!m.ok()) return m.status();
  if (!IsDuesCategory(category))
    return Status::Invalid(N_("Choose in service, retired or a fixed amount.")).WithField("category");
  const std::int64_t monthly = MonthlyDuesFen(category, amount_fen);
  if (amount_fen <= 0 || monthly <= 0)
    return Status::Invalid(N_("The amount is too small to give any dues.")).WithField("amount");
  const DuesBaseRecord b{member, year, category, category == "fixed" ? 0 : amount_fen, monthly,
                         who.user_id, NowUnix()};
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto old = tx.dues().GetBase(member, year);
    if (!old.ok()) return old.status();
    PROCURA_RETURN_IF_ERROR(tx.dues().PutBase(b));
    const std::string was = *old ? fmt::format("{} {} → ", (*old)->category,
                                               FormatYuan((*old)->monthly_fen))
                                 : std::string();
    return audit_.Write(tx, actor, "dues.base", "member", member,
                        fmt::format("{}: {}{} {} a month (base {})", year, was, category,
                                    FormatYuan(monthly), FormatYuan(b.base_fen)));
  });
}

Result<std::size_t> DuesService::CarryOver(const auth::Principal& who, const auth::Actor& actor,
                                           std::int64_t branch, int year) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year - 1));
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  std::size_t set = 0;
  Status s = storage_.InTransaction([&](Storage& tx) -> Status {
    auto members = tx.org().ListMembers(branch);
    auto now = tx.dues().ListBases(year, branch);
    auto before = tx.dues().ListBases(year - 1, branch);
    if (!members.ok()) return members.status();
    if (!now.ok()) return now.status();
    if (!before.ok()) return before.status();
    std::set<std::int64_t> has;
    for (const auto& b : *now) has.insert(b.member_id);
    std::set<std::int64_t> current;
    for (const auto& m : *members)
      if (m.current()) current.insert(m.id);
    for (const auto& b : *before) {
      if (has.count(b.member_id) || !current.count(b.member_id)) continue;
      const std::int64_t monthly =
          b.category == "fixed" ? b.monthly_fen : MonthlyDuesFen(b.category, b.base_fen);
      if (monthly <= 0) continue;
      PROCURA_RETURN_IF_ERROR(tx.dues().PutBase(
          {b.member_id, year, b.category, b.base_fen, monthly, who.user_id, NowUnix()}));
      ++set;
    }
    if (set == 0) return Status::Ok();
    return audit_.Write(tx, actor, "dues.carry-over", "branch", branch,
                        fmt::format("{} from {}: {} members", year, year - 1, set));
  });
  if (!s.ok()) return s;
  return set;
}

}  // namespace procura::org
