// The demo's applicants for membership: fictitious people (their names say
// so) at each stage of 发展党员, dated back from today so that the pages
// always show someone ready for the next step.
#include "app/demo_applicants.h"

#include <functional>
#include <vector>

namespace procura::app {

namespace {

// The steps each demo applicant has behind them (days ago), so that their
// pages show records, what is missing before admission, and a deadline.
struct DemoStep {
  const char* name;  // the applicant's
  const char* step;
  int days_ago;
  int people;  // full members of the branch named with it
};
constexpr DemoStep kSteps[] = {
    {"示例 李敏", "talk", 590, 1},           {"示例 李敏", "activist_filed", 425, 0},
    {"示例 李敏", "contacts", 425, 2},       {"示例 李敏", "assessment", 100, 0},
    {"示例 周宁", "talk", 380, 1},           {"示例 周宁", "activist_filed", 235, 0},
    {"示例 周宁", "contacts", 235, 2},       {"示例 周宁", "assessment", 60, 0},
    {"示例 陈静", "talk", 880, 1},           {"示例 陈静", "contacts", 690, 2},
    {"示例 陈静", "candidate_filed", 55, 0}, {"示例 陈静", "political_review", 30, 0},
    {"示例 陈静", "training", 20, 0},        {"示例 刘洋", "talk", 1080, 1},
    {"示例 刘洋", "contacts", 940, 2},       {"示例 刘洋", "candidate_filed", 495, 0},
    {"示例 刘洋", "political_review", 300, 0}, {"示例 刘洋", "training", 250, 0},
    {"示例 刘洋", "committee_review", 140, 0}, {"示例 刘洋", "publicity", 135, 0},
    {"示例 刘洋", "pre_review", 128, 0},     {"示例 刘洋", "form", 125, 0},
    {"示例 刘洋", "upper_talk", 100, 0},     {"示例 刘洋", "approval", 90, 0},
    {"示例 刘洋", "oath", 80, 0},
};

Status LoadSteps(Storage& tx, const ApplicantRecord& a, std::int64_t id,
                 const std::function<std::string(int)>& ago) {
  auto members = tx.org().ListMembers(a.branch_id);
  if (!members.ok()) return members.status();
  std::vector<std::int64_t> full;
  for (const auto& m : *members)
    if (m.status == "full" && m.id != a.member_id) full.push_back(m.id);
  for (const DemoStep& s : kSteps) {
    if (a.name != s.name) continue;
    ApplicantStepRecord r{id, s.step, ago(s.days_ago), ""};
    // Contacts and talkers other than the sponsors, where the branch has them.
    if (s.people >= 1 && full.size() >= 4) r.person1_id = full[2];
    if (s.people == 2 && full.size() >= 4) r.person2_id = full[3];
    if (s.people == 2 && !r.person2_id) continue;
    PROCURA_RETURN_IF_ERROR(tx.org().PutApplicantStep(r));
  }
  return Status::Ok();
}

}  // namespace

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
    PROCURA_RETURN_IF_ERROR(LoadSteps(tx, a, *id, ago));
  }
  return Status::Ok();
}

}  // namespace procura::app
