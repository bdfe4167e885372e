// The demo's applicants for membership: fictitious people (their names say
// so) at each stage of 发展党员, dated back from today so that the pages
// always show someone ready for the next step.
#include "app/demo_applicants.h"

#include <vector>

namespace procura::app {

Status LoadApplicants(Storage& tx, UnixSeconds now, int utc_offset_minutes) {
  auto units = tx.org().ListUnits();
  if (!units.ok()) return units.status();
  std::vector<std::int64_t> branches;
  for (const auto& u : *units)
    if (u.kind == "branch") branches.push_back(u.id);
  if (branches.size() < 3) return Status::Ok();
  const auto ago = [&](int days) {
    return days < 0 ? std::string() : FormatDate(now - days * 86400LL, utc_offset_minutes);
  };
  struct Entry {
    const char* name;
    const char* gender;
    const char* birth;
    std::size_t branch;
    int applied, activist, candidate, admitted;  // days ago; -1: not reached
  };
  const Entry kEntries[] = {
      {"示例 王晓", "female", "2000-04-12", 0, 200, -1, -1, -1},
      {"示例 李敏", "male", "1998-09-30", 0, 600, 430, -1, -1},
      {"示例 周宁", "female", "1999-02-03", 1, 400, 240, -1, -1},
      {"示例 陈静", "female", "1997-11-21", 1, 900, 700, 60, -1},
      {"示例 刘洋", "male", "1996-06-15", 2, 1100, 950, 500, 120},
  };
  for (const Entry& e : kEntries) {
    ApplicantRecord a{0,          e.name,         e.gender,          e.birth, branches[e.branch], "",
                      ago(e.applied), ago(e.activist), ago(e.candidate), ago(e.admitted)};
    a.created_at = now;
    if (!a.admitted_on.empty()) {
      MemberRecord m{0, a.name, a.gender, a.birth_date, a.admitted_on, a.branch_id, "", "probationary",
                     std::nullopt, true};
      auto id = tx.org().InsertMember(m);
      if (!id.ok()) return id.status();
      a.member_id = *id;
      // Two full members of the branch sponsored them (入党介绍人).
      auto members = tx.org().ListMembers(a.branch_id);
      if (!members.ok()) return members.status();
      for (const auto& sponsor : *members) {
        if (sponsor.status != "full" || a.sponsor2_id) continue;
        (a.sponsor1_id ? a.sponsor2_id : a.sponsor1_id) = sponsor.id;
      }
    }
    auto id = tx.org().InsertApplicant(a);
    if (!id.ok()) return id.status();
  }
  return Status::Ok();
}

}  // namespace procura::app
