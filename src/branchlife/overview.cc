#include "branchlife/overview.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "branchlife/talks.h"

namespace procura::branchlife {
namespace {

// Everything the overview reads, loaded once.
struct Loaded {
  std::vector<OrgUnitRecord> branches;
  std::map<std::int64_t, std::vector<MemberRecord>> members;  // by branch, current only
  std::map<std::int64_t, std::set<std::int64_t>> committee;   // branch → members with posts
  std::set<std::int64_t> committee_members_on_record;          // branches
  std::map<std::int64_t, std::set<std::int64_t>> group_members;
  std::map<std::int64_t, std::vector<std::int64_t>> groups;   // branch → group ids
  std::map<std::int64_t, std::string> secretary;               // branch → name
  std::map<std::int64_t, std::int64_t> secretary_id;           // branch → member
  std::map<std::int64_t, std::vector<TalkRecord>> talks;       // by branch
  std::map<std::int64_t, std::vector<MeetingRecord>> meetings;  // by branch
  std::map<std::int64_t, std::vector<MeetingMarkRecord>> marks;  // by meeting
};

Status Load(Storage& s, int year, Loaded& out) {
  auto units = s.org().ListUnits();
  auto members = s.org().ListMembers(std::nullopt);
  auto posts = s.org().ListPosts();
  auto groups = s.branch_life().ListGroups(std::nullopt);
  const MeetingFilter f{{}, fmt::format("{:04}-01-01", year), fmt::format("{:04}-12-31", year), {}};
  auto meetings = s.branch_life().ListMeetings(f);
  auto marks = s.branch_life().ListMeetingMarks(f);
  auto talks = s.branch_life().ListTalks(std::nullopt, f.from_day, f.to_day);
  if (!units.ok() || !members.ok() || !posts.ok() || !groups.ok() || !meetings.ok() || !marks.ok() ||
      !talks.ok())
    return Status::Internal("overview: the records could not be read");
  for (const auto& u : *units)
    if (u.standing_branch()) out.branches.push_back(u);
  std::map<std::int64_t, std::string> names;
  for (const auto& m : *members) {
    names[m.id] = m.name;
    if (m.current()) out.members[m.branch_id].push_back(m);
  }
  for (const auto& p : *posts) {
    out.committee[p.unit_id].insert(p.member_id);
    if (IsCommitteeMemberPost(p.post)) out.committee_members_on_record.insert(p.unit_id);
    if (p.post == "secretary") {
      out.secretary[p.unit_id] = names[p.member_id];
      out.secretary_id[p.unit_id] = p.member_id;
    }
  }
  for (const auto& g : *groups) out.groups[g.branch_id].push_back(g.id);
  auto gm = s.branch_life().ListGroupMembers(std::nullopt);  // every group's, in one read
  if (!gm.ok()) return gm.status();
  for (const auto& x : *gm) out.group_members[x.group_id].insert(x.member_id);
  for (auto& m : *meetings) out.meetings[m.branch_id].push_back(std::move(m));
  for (auto& k : *marks) out.marks[k.meeting_id].push_back(std::move(k));
  for (auto& t : *talks) out.talks[t.branch_id].push_back(std::move(t));
  return Status::Ok();
}

// How many are expected at `m`, and how many of them attended.
std::pair<std::size_t, std::size_t> Attendance(const Loaded& l, const MeetingRecord& m) {
  std::set<std::int64_t> expected;
  const auto members = l.members.find(m.branch_id);
  if (members == l.members.end()) return {0, 0};
  const std::set<std::int64_t>* only = nullptr;
  static const std::set<std::int64_t> none;
  if (m.kind == "committee") {
    auto c = l.committee.find(m.branch_id);
    only = c == l.committee.end() ? &none : &c->second;
  } else if (m.kind == "group" && m.group_id) {
    auto g = l.group_members.find(*m.group_id);
    only = g == l.group_members.end() ? &none : &g->second;
  }
  for (const auto& mem : members->second)
    if (!only || only->count(mem.id)) expected.insert(mem.id);
  std::size_t attended = 0;
  if (auto marks = l.marks.find(m.id); marks != l.marks.end())
    for (const auto& k : marks->second)
      attended += expected.count(k.member_id) && training::Attended(k.mark);
  return {attended, expected.size()};
}

int MonthOf(const std::string& day) { return std::stoi(day.substr(5, 2)); }

// The cell state for the due items ending in `month`.
std::string CellState(const std::vector<const DueItem*>& items, int year, int month,
                      const std::string& today) {
  const std::string first = fmt::format("{:04}-{:02}-01", year, month);
  if (today < first) return "future";
  bool late = false, open = false;
  for (const DueItem* d : items) {
    if (d->state == DueState::kMissing) return "missing";
    late |= d->state == DueState::kMetLate;
    open |= d->state != DueState::kMet && d->state != DueState::kMetLate;
  }
  return late ? "late" : open ? "open" : "ok";
}

}  // namespace

Result<Overview> BuildOverview(Storage& storage, const interact::WorkCalendar& cal, int year,
                               int quarter, const std::string& today, int offset) {
  Loaded l;
  PROCURA_RETURN_IF_ERROR(Load(storage, year, l));
  Overview o;
  o.year = year;
  o.quarter = quarter >= 1 && quarter <= 4 ? quarter : 0;
  const int first_month = o.quarter ? o.quarter * 3 - 2 : 1;
  const int last_month = o.quarter ? o.quarter * 3 : 12;
  for (const auto& b : l.branches) {
    BranchRow row;
    row.branch = b;
    row.secretary = l.secretary[b.id];
    if (const auto sec = l.secretary_id.find(b.id); sec != l.secretary_id.end()) {
      const auto& members = l.members[b.id];
      row.to_talk = static_cast<std::size_t>(std::count_if(
          members.begin(), members.end(), [&](const MemberRecord& m) { return m.id != sec->second; }));
      row.talked = row.to_talk - NotYetTalked(sec->second, members, l.talks[b.id]).size();
    }
    BranchMeetings bm{l.groups[b.id], l.meetings[b.id],
                      HasCommittee(l.members[b.id].size(), l.committee_members_on_record.count(b.id) > 0)};
    row.due = DueItems(bm, year, today, cal, offset);
    for (int month = first_month; month <= last_month; ++month) {
      MonthCell cell;
      cell.month = month;
      for (const auto& m : bm.meetings) {
        if (MonthOf(m.held_on) != month || m.held_on > today) continue;
        cell.held.push_back(m.kind);
        if (l.marks.count(m.id)) {
          auto [attended, expected] = Attendance(l, m);
          cell.attended += attended, cell.expected += expected;
        }
      }
      std::vector<const DueItem*> ending;
      for (const auto& d : row.due)
        if (MonthOf(d.period.last_day) == month) ending.push_back(&d);
      cell.state = CellState(ending, year, month, today);
      for (const DueItem* d : ending) {
        switch (d->state) {
          case DueState::kMet: ++row.met; break;
          case DueState::kMetLate: ++row.late; break;
          case DueState::kMissing: ++row.missing; break;
          case DueState::kUpcoming: break;
          default: ++row.pending;
        }
      }
      row.attended += cell.attended, row.expected += cell.expected;
      row.months.push_back(std::move(cell));
    }
    o.met += row.met, o.late += row.late, o.missing += row.missing, o.pending += row.pending;
    o.attended += row.attended, o.expected += row.expected;
    o.rows.push_back(std::move(row));
  }
  auto ratings = storage.branch_life().ListAppraisals(year, std::nullopt);
  if (!ratings.ok()) return ratings.status();
  o.appraisal = BranchLifeService::Count(*ratings);
  return o;
}

}  // namespace procura::branchlife
