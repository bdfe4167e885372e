#include "branchlife/clashes.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "branchlife/branch_life.h"
#include "training/attendance.h"

namespace procura::branchlife {
namespace {

// A stretch of time, read at UTC (only overlaps are compared, so the
// site's offset does not matter).
struct Span {
  UnixSeconds from = 0, to = 0;
  bool Overlaps(const Span& o) const { return from < o.to && o.from < to; }
};

std::optional<Span> MeetingSpan(const MeetingRecord& m) {
  const auto from = MeetingStart(m, 0);
  if (!from) return std::nullopt;
  const auto to = m.ends_at.empty() ? std::optional(*from + kAssumedMeetingMinutes * 60) : MeetingEnd(m, 0);
  if (!to || *to <= *from) return std::nullopt;
  return Span{*from, *to};
}

// A session lasts its hours (a minute at least).
std::optional<Span> SessionSpan(const SessionRow& s) {
  const auto from = training::ParseSessionStart(s.starts_at, 0);
  if (!from) return std::nullopt;
  return Span{*from, *from + std::max<UnixSeconds>(60, static_cast<UnixSeconds>(s.hours * 3600))};
}

// The current members of `branch` (nullopt: of every branch), by id → branch.
Result<std::map<std::int64_t, std::int64_t>> CurrentMembers(Storage& storage,
                                                            std::optional<std::int64_t> branch) {
  auto members = storage.org().ListMembers(branch);
  if (!members.ok()) return members.status();
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& m : *members)
    if (m.current()) out[m.id] = m.branch_id;
  return out;
}

Status TrainingClashes(Storage& storage, const MeetingRecord& m, const Span& span,
                       std::vector<Clash>& out) {
  auto classes = storage.training().ListClasses();
  if (!classes.ok()) return classes.status();
  auto branch = CurrentMembers(storage, m.branch_id);
  if (!branch.ok()) return branch.status();
  for (const auto& c : *classes) {  // every class: a session may lie outside its dates
    auto sessions = storage.training().ListSessions(c.id);
    if (!sessions.ok()) return sessions.status();
    std::optional<std::size_t> enrolled;  // read once a session clashes
    for (const auto& s : *sessions) {
      const auto session = SessionSpan(s);
      if (!session || !session->Overlaps(span)) continue;
      if (!enrolled) {
        auto list = storage.training().ListEnrollments(c.id);
        if (!list.ok()) return list.status();
        enrolled = static_cast<std::size_t>(std::count_if(
            list->begin(), list->end(), [&](const EnrollmentRecord& e) {
              return !e.withdrawn_at && branch->count(e.member_id) > 0;
            }));
      }
      if (*enrolled == 0) break;
      out.push_back({true, s.topic.empty() ? c.title : s.topic + " · " + c.title, "", s.starts_at,
                     fmt::format("/admin/training/{}#sessions", c.id), *enrolled});
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Clash>> ClashesWith(Storage& storage, const MeetingRecord& m) {
  std::vector<Clash> out;
  const auto span = MeetingSpan(m);
  if (!span) return out;
  PROCURA_RETURN_IF_ERROR(TrainingClashes(storage, m, *span, out));
  auto same_day = storage.branch_life().ListMeetings({m.branch_id, m.held_on, m.held_on, {}});
  if (!same_day.ok()) return same_day.status();
  for (const auto& other : *same_day) {
    const auto other_span = MeetingSpan(other);
    if (other.id == m.id || !other_span || !other_span->Overlaps(*span)) continue;
    out.push_back({false, other.topic, other.kind, other.held_on + " " + other.starts_at,
                   fmt::format("/admin/meetings/{}", other.id), 0});
  }
  std::stable_sort(out.begin(), out.end(), [](const Clash& a, const Clash& b) {
    return a.training != b.training ? a.training : a.starts < b.starts;
  });
  return out;
}

Result<std::map<std::int64_t, std::vector<MeetingRecord>>> BranchMeetingsDuring(
    Storage& storage, const ClassRecord& c, const std::vector<SessionRow>& sessions) {
  std::map<std::int64_t, std::vector<MeetingRecord>> out;
  auto enrolments = storage.training().ListEnrollments(c.id);
  if (!enrolments.ok()) return enrolments.status();
  auto members = CurrentMembers(storage, std::nullopt);
  if (!members.ok()) return members.status();
  std::set<std::int64_t> branches;  // with members enrolled
  for (const auto& e : *enrolments)
    if (auto it = members->find(e.member_id); !e.withdrawn_at && it != members->end())
      branches.insert(it->second);
  std::string first, last;  // the sessions' days, which may lie outside the class's dates
  for (const auto& s : sessions)
    if (SessionSpan(s)) {
      const std::string day = s.starts_at.substr(0, 10);
      if (first.empty() || day < first) first = day;
      last = std::max(last, day);
    }
  if (branches.empty() || first.empty()) return out;
  auto meetings = storage.branch_life().ListMeetings({std::nullopt, first, last, {}});
  if (!meetings.ok()) return meetings.status();
  for (const auto& s : sessions) {
    const auto session = SessionSpan(s);
    if (!session) continue;
    for (const auto& m : *meetings) {
      const auto span = MeetingSpan(m);
      if (span && span->Overlaps(*session) && branches.count(m.branch_id))
        out[s.id].push_back(m);
    }
  }
  for (auto& [id, list] : out)
    std::stable_sort(list.begin(), list.end(),
                     [](const MeetingRecord& a, const MeetingRecord& b) { return a.starts_at < b.starts_at; });
  return out;
}

}  // namespace procura::branchlife
