#include "branchlife/clashes.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace procura::branchlife {
namespace {

// Minutes since midnight of "HH:MM", if it is one.
std::optional<int> MinutesOf(std::string_view hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (hhmm[i] < '0' || hhmm[i] > '9') return std::nullopt;
  const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0'), m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

struct Span {
  int from = 0, to = 0;  // minutes since midnight
  bool Overlaps(const Span& o) const { return from < o.to && o.from < to; }
};

std::optional<Span> MeetingSpan(const MeetingRecord& m) {
  const auto from = MinutesOf(m.starts_at);
  if (!from) return std::nullopt;
  const auto to = m.ends_at.empty() ? std::optional<int>(*from + kAssumedMeetingMinutes) : MinutesOf(m.ends_at);
  if (!to || *to <= *from) return std::nullopt;
  return Span{*from, *to};
}

// A session's day and hours; nullopt if its start does not parse.
std::optional<std::pair<std::string, Span>> SessionSpan(const SessionRow& s) {
  if (s.starts_at.size() != 16) return std::nullopt;
  const auto from = MinutesOf(std::string_view(s.starts_at).substr(11));
  if (!from) return std::nullopt;
  return std::pair{s.starts_at.substr(0, 10), Span{*from, *from + std::max(1, static_cast<int>(s.hours * 60))}};
}

// The current members of `branch` (nullopt: of every branch), by id → branch.
Result<std::map<std::int64_t, std::int64_t>> CurrentMembers(Storage& storage,
                                                            std::optional<std::int64_t> branch) {
  auto members = storage.org().ListMembers(branch);
  if (!members.ok()) return members.status();
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& m : *members)
    if (m.status != "transferred-out") out[m.id] = m.branch_id;
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
      if (!session || session->first != m.held_on || !session->second.Overlaps(span)) continue;
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
    if (const auto span = SessionSpan(s)) {
      if (first.empty() || span->first < first) first = span->first;
      if (span->first > last) last = span->first;
    }
  if (branches.empty() || first.empty()) return out;
  auto meetings = storage.branch_life().ListMeetings({std::nullopt, first, last, {}});
  if (!meetings.ok()) return meetings.status();
  for (const auto& s : sessions) {
    const auto session = SessionSpan(s);
    if (!session) continue;
    for (const auto& m : *meetings) {
      const auto span = MeetingSpan(m);
      if (m.held_on == session->first && span && span->Overlaps(session->second) &&
          branches.count(m.branch_id))
        out[s.id].push_back(m);
    }
  }
  for (auto& [id, list] : out)
    std::stable_sort(list.begin(), list.end(),
                     [](const MeetingRecord& a, const MeetingRecord& b) { return a.starts_at < b.starts_at; });
  return out;
}

}  // namespace procura::branchlife
