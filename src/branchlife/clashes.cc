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

Status TrainingClashes(Storage& storage, const MeetingRecord& m, const Span& span,
                       std::vector<Clash>& out) {
  auto classes = storage.training().ListClasses();
  if (!classes.ok()) return classes.status();
  auto members = storage.org().ListMembers(m.branch_id);
  if (!members.ok()) return members.status();
  std::set<std::int64_t> branch;
  for (const auto& member : *members)
    if (member.status != "transferred-out") branch.insert(member.id);
  for (const auto& c : *classes) {
    if (m.held_on < c.start_date || m.held_on > c.end_date) continue;
    auto sessions = storage.training().ListSessions(c.id);
    if (!sessions.ok()) return sessions.status();
    std::optional<std::size_t> enrolled;  // read once a session clashes
    for (const auto& s : *sessions) {
      if (s.starts_at.size() != 16 || s.starts_at.substr(0, 10) != m.held_on) continue;
      const auto from = MinutesOf(std::string_view(s.starts_at).substr(11));
      if (!from) continue;
      const Span session{*from, *from + std::max(1, static_cast<int>(s.hours * 60))};
      if (!session.Overlaps(span)) continue;
      if (!enrolled) {
        auto list = storage.training().ListEnrollments(c.id);
        if (!list.ok()) return list.status();
        enrolled = static_cast<std::size_t>(std::count_if(
            list->begin(), list->end(), [&](const EnrollmentRecord& e) {
              return !e.withdrawn_at && branch.count(e.member_id) > 0;
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

}  // namespace procura::branchlife
