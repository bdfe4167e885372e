// DuesService: payments — one member's months, a branch's month for
// several members, and a mistaken payment removed.
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/clock.h"
#include "org/dues.h"
#include "org/dues_year.h"

namespace procura::org {

namespace {

// A day paid is a real day, not after today, and not before the year
// before the dues' year (dues are paid ahead, but not years ahead).
Status CheckPaidOn(const std::string& paid_on, const std::string& today, int year) {
  if (!IsIsoDate(paid_on))
    return Status::Invalid(N_("Enter the day paid as YYYY-MM-DD.")).WithField("paid_on");
  if (paid_on > today)
    return Status::Invalid(N_("The day paid cannot be in the future.")).WithField("paid_on");
  if (paid_on < fmt::format("{:04}-01-01", year - 1))
    return Status::Invalid(N_("The day paid is too early for {year}'s dues: at the earliest, 1 January {last}."),
                           {{"year", std::to_string(year)}, {"last", std::to_string(year - 1)}})
        .WithField("paid_on");
  return Status::Ok();
}

}  // namespace

Status DuesService::RecordPayments(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t member, int year, const std::vector<int>& months,
                                   const std::string& paid_on) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  auto m = MemberInReach(who, member);
  if (!m.ok()) return m.status();
  if (months.empty())
    return Status::Invalid(N_("Tick at least one month.")).WithField("months");
  for (int month : months)
    if (month < 1 || month > 12)
      return Status::Invalid(N_("A month must be between 1 and 12.")).WithField("months");
  PROCURA_RETURN_IF_ERROR(CheckPaidOn(paid_on, Today(), year));
  const std::set<int> unique(months.begin(), months.end());
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto base = tx.dues().GetBase(member, year);
    if (!base.ok()) return base.status();
    if (!*base)
      return Status::Invalid(N_("Set the member's dues for the year before recording payments."))
          .WithField("months");
    const UnixSeconds now = NowUnix();
    for (int month : unique) {
      Status s = tx.dues().InsertPayment(
          {member, year, month, (*base)->monthly_fen, paid_on, who.user_id, now});
      if (s.code() == Status::Code::kAlreadyExists)
        return Status::Exists(N_("Month {month} is paid already."), {{"month", std::to_string(month)}})
            .WithField("months");
      PROCURA_RETURN_IF_ERROR(s);
    }
    std::string list;
    for (int month : unique) list += (list.empty() ? "" : ",") + std::to_string(month);
    return audit_.Write(tx, actor, "dues.pay", "member", member,
                        fmt::format("{} months {}: {} each, paid {}", year, list,
                                    FormatYuan((*base)->monthly_fen), paid_on));
  });
}

Status DuesService::UndoPayment(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t member, int year, int month,
                                const std::string& reason) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  auto m = MemberInReach(who, member);
  if (!m.ok()) return m.status();
  if (month < 1 || month > 12)
    return Status::Invalid(N_("A month must be between 1 and 12.")).WithField("month");
  if (reason.empty() || reason.size() > 500)
    return Status::Invalid(N_("Say why the payment is removed (up to 500 bytes).")).WithField("reason");
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto paid = tx.dues().ListPayments(year, year, (*m).branch_id);
    if (!paid.ok()) return paid.status();
    std::string was;
    for (const auto& p : *paid)
      if (p.member_id == member && p.month == month)
        was = fmt::format("{} paid {}", FormatYuan(p.amount_fen), p.paid_on);
    PROCURA_RETURN_IF_ERROR(tx.dues().DeletePayment(member, year, month));
    return audit_.Write(tx, actor, "dues.undo", "member", member,
                        fmt::format("{}-{:02}: {} removed: {}", year, month, was, reason));
  });
}

Status DuesService::RecordMonth(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t branch, int year, int month,
                                const std::vector<std::int64_t>& members,
                                const std::string& paid_on) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  if (month < 1 || month > 12)
    return Status::Invalid(N_("A month must be between 1 and 12.")).WithField("month");
  if (members.empty())
    return Status::Invalid(N_("Tick the members who paid.")).WithField("members");
  PROCURA_RETURN_IF_ERROR(CheckPaidOn(paid_on, Today(), year));
  const std::set<std::int64_t> ticked(members.begin(), members.end());
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto in_branch = tx.org().ListMembers(branch);
    auto bases = tx.dues().ListBases(year, branch);
    auto paid = tx.dues().ListPayments(year, year, branch);
    if (!in_branch.ok()) return in_branch.status();
    if (!bases.ok()) return bases.status();
    if (!paid.ok()) return paid.status();
    std::map<std::int64_t, std::string> names;
    for (const auto& m : *in_branch) names[m.id] = m.name;
    std::map<std::int64_t, std::int64_t> monthly;
    for (const auto& b : *bases) monthly[b.member_id] = b.monthly_fen;
    std::set<std::int64_t> done;
    for (const auto& p : *paid)
      if (p.month == month) done.insert(p.member_id);
    std::vector<Status> problems;
    for (std::int64_t id : ticked) {
      if (!names.count(id))
        problems.push_back(Status::Invalid(N_("A ticked member is not in the branch.")).WithField("members"));
      else if (!monthly.count(id))
        problems.push_back(Status::Invalid(N_("{name} has no dues set for the year."), {{"name", names[id]}})
                               .WithField("members"));
      else if (done.count(id))
        problems.push_back(Status::Exists(N_("{name} has paid month {month} already."),
                                          {{"name", names[id]}, {"month", std::to_string(month)}})
                               .WithField("members"));
    }
    if (!problems.empty()) return Status::AllOf(std::move(problems));
    const UnixSeconds now = NowUnix();
    std::int64_t total = 0;
    for (std::int64_t id : ticked) {
      PROCURA_RETURN_IF_ERROR(
          tx.dues().InsertPayment({id, year, month, monthly[id], paid_on, who.user_id, now}));
      total += monthly[id];
    }
    return audit_.Write(tx, actor, "dues.pay-month", "branch", branch,
                        ticked.size() == 1
                            ? fmt::format("{}-{:02}: 1 member, {} in all, paid {}", year, month,
                                          FormatYuan(total), paid_on)
                            : fmt::format("{}-{:02}: {} members, {} in all, paid {}", year, month,
                                          ticked.size(), FormatYuan(total), paid_on));
  });
}

}  // namespace procura::org
