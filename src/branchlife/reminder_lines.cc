#include "branchlife/reminder_lines.h"

#include <fmt/format.h>

#include <algorithm>

#include "branchlife/branch_life.h"
#include "branchlife/talks.h"
#include "org/applicants.h"
#include "org/dues.h"
#include "org/probation.h"

namespace procura::branchlife {
namespace {

// True while the year's organisational life meeting is close: its due item
// due soon (the year ends within kDueSoonDays), or one planned within as many
// days.
bool LifeMeetingClose(const BranchMeetings& bm, const std::vector<DueItem>& due, const std::string& today) {
  for (const auto& d : due) {
    if (d.rule != "life-meeting") continue;
    if (d.state == DueState::kDueSoon) return true;
    if (d.state != DueState::kScheduled) return false;
    return std::any_of(bm.meetings.begin(), bm.meetings.end(), [&](const MeetingRecord& m) {
      return m.kind == "life-meeting" && m.held_on >= today && org::DaysBetween(today, m.held_on) <= kDueSoonDays;
    });
  }
  return false;
}

// Before a close life meeting, how many members the secretary has still
// to talk with, and which committee members with each other (谈心谈话
// comes first); none when every talk is held.
std::vector<std::string> TalkLines(Storage& storage, const BranchRecords& b, int year, const Say& say) {
  auto posts = storage.org().ListPosts();
  auto talks = storage.branch_life().ListTalks(b.branch_id, fmt::format("{:04}-01-01", year),
                                               fmt::format("{:04}-12-31", year));
  if (!posts.ok() || !talks.ok()) return {};
  const std::int64_t sec = SecretaryOf(b.branch_id, *posts);
  std::vector<MemberRecord> members;
  for (const auto& m : *b.members)
    if (m.branch_id == b.branch_id) members.push_back(m);
  std::vector<std::string> lines;
  if (const auto left = sec ? NotYetTalked(sec, members, *talks) : std::vector<MemberRecord>(); !left.empty())
    lines.push_back("- " + say.Plural("Before the organisational life meeting the secretary has still to talk with {n} member: {names}.",
                                      "Before the organisational life meeting the secretary has still to talk with {n} members: {names}.",
                                      static_cast<long>(left.size()), {{"names", JoinNames(left)}}));
  if (const std::string pairs =
          JoinPairs(CommitteePairsNotYetTalked(b.branch_id, *posts, members, *talks), say(N_("{a} with {b}"), {}));
      !pairs.empty())
    lines.push_back("- " + say(N_("Committee members still to talk with each other: {pairs}."), {{"pairs", pairs}}));
  return lines;
}

}  // namespace

Result<std::vector<std::string>> MeetingLines(Storage& storage, const BranchRecords& b,
                                              const interact::WorkCalendar& cal,
                                              const std::string& today, int offset,
                                              const Say& say) {
  const int year = std::stoi(today.substr(0, 4));
  auto groups = storage.branch_life().ListGroups(b.branch_id);
  auto meetings = storage.branch_life().ListMeetings(
      {b.branch_id, fmt::format("{:04}-01-01", year), fmt::format("{:04}-12-31", year), {}});
  if (!groups.ok() || !meetings.ok()) return Status::Internal("reminders: meetings not readable");
  BranchMeetings bm;
  for (const auto& g : *groups) bm.group_ids.push_back(g.id);
  bm.meetings = std::move(*meetings);
  auto has_committee = BranchHasCommittee(storage, b.branch_id);
  if (!has_committee.ok()) return has_committee.status();
  bm.has_committee = *has_committee;
  std::vector<std::string> lines;
  const std::vector<DueItem> due = DueItems(bm, year, today, cal, offset);
  for (const auto& d : due) {
    if (!ActionableNow(d, today)) continue;
    const Rule* rule = FindRule(d.rule);
    std::string group;
    for (const auto& g : *groups)
      if (d.group_id == g.id) group = " · " + g.name;
    const std::string state =
        d.state == DueState::kDueSoon ? say(N_("Due soon: by {day}"), {{"day", d.period.last_day}})
        : d.state == DueState::kMissing ? say(N_("Missing"), {})
                                        : say(N_("Records overdue or due by {day}"), {{"day", d.records_due}});
    lines.push_back("- " + say(N_("{rule} ({period}): {state}"),
                               {{"rule", say(rule ? rule->name : d.rule, {}) + group},
                                {"period", d.period.label},
                                {"state", state}}));
  }
  if (LifeMeetingClose(bm, due, today))
    for (auto& line : TalkLines(storage, b, year, say)) lines.push_back(std::move(line));
  return lines;
}

std::vector<std::string> MemberLines(const BranchRecords& b, const std::string& today,
                                     const Say& say) {
  std::vector<std::string> lines;
  for (const auto& m : *b.members) {
    if (m.branch_id != b.branch_id) continue;
    if (m.status == "probationary") {
      const std::string ends = org::ProbationEnds(m.joined_date);
      if (ends.empty() || org::DaysBetween(today, ends) > 30) continue;
      lines.push_back("- " + say(ends < today ? N_("{name}'s probation ended on {day}: the branch meeting should discuss full membership.")
                                              : N_("{name}'s probation ends on {day}: the branch meeting should discuss full membership."),
                                 {{"name", m.name}, {"day", ends}}));
    } else if (m.status == "full") {
      const std::string due = org::FullApprovalDue(m, today);
      if (due.empty() || due >= today) continue;
      lines.push_back("- " + say(N_("{name}'s full membership (from {day}) still awaits the higher committee's approval, due by {due}."),
                                 {{"name", m.name}, {"day", m.full_date}, {"due", due}}));
    }
  }
  return lines;
}

std::vector<std::string> DuesLines(Storage& storage, const BranchRecords& b,
                                   const std::string& today, const Say& say) {
  auto dues = org::BranchDuesOn(storage, b.branch_id, today);
  if (!dues.ok()) return {};
  int owing = 0;
  for (const auto& d : dues->rows) owing += d.unpaid_streak >= 3;
  if (owing == 0) return {};
  return {"- " + say.Plural("{n} member has not paid party dues for three months or more.",
                            "{n} members have not paid party dues for three months or more.",
                            owing)};
}

std::vector<std::string> ApplicantLines(Storage& storage, const BranchRecords& b,
                                        const std::string& today, const Say& say) {
  auto applicants = storage.org().ListApplicants(b.branch_id);
  if (!applicants.ok()) return {};
  std::vector<std::string> lines;
  const auto ready = std::count_if(applicants->begin(), applicants->end(), [&](const auto& a) {
    return org::StageOf(a) == org::ApplicantStage::kActivist && org::EarliestNextStage(a) <= today;
  });
  if (ready > 0)
    lines.push_back("- " + say(N_("Activists trained for a year or more, ready to be named candidates: {n}."),
                               {{"n", std::to_string(ready)}}));
  auto steps = storage.org().ListApplicantSteps(b.branch_id);
  auto members = storage.org().ListMembers(b.branch_id);
  std::size_t late = 0;
  if (steps.ok() && members.ok())
    for (const auto& a : *applicants)
      for (const auto& step : org::Checklist(a, *steps, today, org::ProbationOver(a, *members)))
        late += step.overdue;
  if (late > 0)
    lines.push_back("- " + say(N_("Steps of the way in past their deadline: {n}."),
                               {{"n", std::to_string(late)}}));
  return lines;
}

}  // namespace procura::branchlife
