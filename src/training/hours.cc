#include "training/hours.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace procura::training {

double CreditFor(const CreditRow& r) {
  if (r.mark == "present") return r.hours;
  if (r.mark == "late") return r.hours * r.late_credit;
  return 0;
}

bool ExceedsLeaveLimit(double excused, double class_hours, bool full_time) {
  return full_time && class_hours > 0 && excused * 7 > class_hours + 1e-9;
}

std::map<std::int64_t, std::vector<ClassCredit>> FoldCredits(
    const std::vector<CreditRow>& rows, const std::map<std::int64_t, double>& class_hours) {
  std::map<std::int64_t, std::vector<ClassCredit>> by_member;
  for (const auto& r : rows) {
    std::vector<ClassCredit>& out = by_member[r.member_id];
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const ClassCredit& c) { return c.class_id == r.class_id; });
    if (it == out.end()) {
      const auto h = class_hours.find(r.class_id);
      out.push_back(
          {r.class_id, r.class_title, 0, 0, h == class_hours.end() ? 0 : h->second, r.full_time});
      it = out.end() - 1;
      it->centralized = !r.online;
    }
    it->credited += CreditFor(r);
    if (r.mark == "excused") it->excused += r.hours;
  }
  for (auto& [member, classes] : by_member)
    for (auto& c : classes)
      c.not_completing = ExceedsLeaveLimit(c.excused, c.class_hours, c.full_time);
  return by_member;
}

Result<Requirements> HoursService::RequirementsFor(int year) {
  Requirements r;
  auto leader = storage_.attendance().Requirement(year, "leader");
  auto member = storage_.attendance().Requirement(year, "member");
  if (!leader.ok() || !member.ok()) return leader.ok() ? member.status() : leader.status();
  if (leader->has_value()) r.leader = **leader;
  if (member->has_value()) r.member = **member;
  return r;
}

Status ValidateRequirements(int year, const Requirements& r) {
  std::vector<Status> problems;
  if (year < 2000 || year > 2100)
    problems.push_back(Status::Invalid(N_("The year must be between 2000 and 2100.")).WithField("year"));
  for (const auto& [h, field] : {std::pair{r.leader, "leader"}, {r.member, "member"}})
    if (!(h >= 0 && h <= 1000))
      problems.push_back(Status::Invalid(N_("Hours must be between 0 and 1000.")).WithField(field));
  return Status::AllOf(std::move(problems));
}

Status HoursService::SetRequirements(const auth::Principal& who, const auth::Actor& actor, int year,
                                     const Requirements& r) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer sets requirements."));
  PROCURA_RETURN_IF_ERROR(ValidateRequirements(year, r));
  auto before = RequirementsFor(year);
  if (!before.ok()) return before.status();
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.attendance().SetRequirement(year, "leader", r.leader));
    PROCURA_RETURN_IF_ERROR(tx.attendance().SetRequirement(year, "member", r.member));
    return audit_.Write(tx, actor, "training.requirements", "year", year,
                        fmt::format("leaders {:g} -> {:g} h, members {:g} -> {:g} h",
                                    before->leader, r.leader, before->member, r.member));
  }));
  return Status::Ok();
}

Result<std::vector<MemberLedger>> HoursService::AnnualReport(const auth::Principal& who, int year,
                                                             std::optional<std::int64_t> branch) {
  auto branches = org_.Branches(who);  // Denied for anyone without records access
  if (!branches.ok()) return branches.status();
  std::map<std::int64_t, std::string> visible;
  for (const auto& b : *branches) visible[b.unit.id] = b.unit.name;
  if (branch && !visible.count(*branch))  // the officer sees every standing branch
    return who.Has(auth::Role::kRecordsOfficer) ? Status::NotFound(N_("There is no such branch."))
                                                : Status::Denied(N_("You may not see that branch."));
  auto req = RequirementsFor(year);
  auto rows = storage_.attendance().CreditRows(year, std::nullopt);
  auto members = storage_.org().ListMembers(std::nullopt);
  auto posts = storage_.org().ListPosts();
  auto former = storage_.org().ListFormerPosts(std::nullopt);
  auto outside = storage_.attendance().ListOutsideTraining(std::nullopt, year);
  if (!req.ok() || !rows.ok() || !members.ok() || !posts.ok() || !former.ok() || !outside.ok())
    return Status::Internal("hours report: the records could not be read");
  std::map<std::int64_t, double> class_hours;
  std::set<std::int64_t> classes;
  for (const auto& r : *rows) classes.insert(r.class_id);
  for (std::int64_t id : classes) {
    auto sessions = storage_.training().ListSessions(id);
    if (!sessions.ok()) return sessions.status();
    for (const auto& s : *sessions) class_hours[id] += s.hours;
  }
  auto credits = FoldCredits(*rows, class_hours);
  for (const auto& t : *outside) {
    if (!t.counts()) continue;  // a member's report awaiting the records officer, or returned
    ClassCredit c{0, fmt::format("{} ({})", t.title, t.organizer), t.hours, 0, t.hours};
    c.outside = true;
    c.centralized = IsCentralized(t);
    credits[t.member_id].push_back(std::move(c));
  }
  std::set<std::int64_t> leaders;
  for (const auto& p : *posts)
    if (PostCountsIn(year, p.since)) leaders.insert(p.member_id);
  for (const auto& p : *former)
    if (FormerPostCountsIn(year, p.since, p.ended_on)) leaders.insert(p.member_id);
  std::vector<MemberLedger> out;
  for (const auto& m : *members) {
    if (!m.current() || !visible.count(m.branch_id)) continue;
    if (branch && m.branch_id != *branch) continue;
    MemberLedger l{m, visible[m.branch_id], leaders.count(m.id) ? "leader" : "member"};
    l.required = l.category == "leader" ? req->leader : req->member;
    if (auto it = credits.find(m.id); it != credits.end()) l.classes = std::move(it->second);
    for (const auto& c : l.classes) l.total += c.credited;
    out.push_back(std::move(l));
  }
  std::stable_sort(out.begin(), out.end(), [](const MemberLedger& a, const MemberLedger& b) {
    return std::tie(a.branch, a.member.name) < std::tie(b.branch, b.member.name);
  });
  return out;
}

}  // namespace procura::training
