// What else is on while a branch meets: a training session that some of
// the branch's members are enrolled in, or another meeting of the branch,
// whose hours overlap the meeting's. The meeting's page lists them, so a
// secretary who planned over the Party Committee's class sees it and can
// move one (members cannot be in two places).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/storage.h"

namespace procura::branchlife {

// A meeting without an end is taken to last this long.
inline constexpr int kAssumedMeetingMinutes = 120;

struct Clash {
  bool training = false;     // else another meeting of the branch
  std::string title;         // the session's topic and class, or the meeting's topic
  std::string kind;          // a meeting's kind ("" for training)
  std::string starts;        // "YYYY-MM-DD HH:MM"
  std::string url;           // its admin page
  std::size_t enrolled = 0;  // the branch's members enrolled (training)
};

// The sessions and meetings overlapping `m` (same day, hours overlapping;
// a session lasts its hours), sessions first, by start. None for a
// meeting whose time does not parse.
Result<std::vector<Clash>> ClashesWith(Storage& storage, const MeetingRecord& m);

// The other way round, for the class page: for each of `sessions` (by
// id) the meetings overlapping it of the branches that have members
// enrolled in class `c`, by start; a session with none is absent.
Result<std::map<std::int64_t, std::vector<MeetingRecord>>> BranchMeetingsDuring(
    Storage& storage, const ClassRecord& c, const std::vector<SessionRow>& sessions);

}  // namespace procura::branchlife
