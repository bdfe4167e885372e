// iCalendar (RFC 5545) files, for a member's phone or desktop calendar:
// meetings still to come, each with reminders. Written with libical, which
// escapes text and folds long lines (never inside a UTF-8 character).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace procura::render {

struct CalendarEvent {
  std::string uid;          // stable and unique, e.g. "meeting-42@example.org"
  UnixSeconds start = 0;    // written in UTC ("…Z"), so no time-zone block is needed
  std::optional<UnixSeconds> end;  // DTEND when known (after start); none: see below
  std::string summary;      // what the calendar shows; any text
  std::string location;     // "" for none
  std::string description;  // "" for none
  std::string url;          // "" for none
  // Display alarms, each this many minutes before the start (0 or more).
  std::vector<int> alarms_before_min;
};

// A VCALENDAR (METHOD:PUBLISH) holding `events` in the given order, with
// CRLF line ends; `name` becomes the calendar's display name (X-WR-CALNAME)
// and `stamp` each event's DTSTAMP. An event without an end (a meeting
// whose end was not given) has no DTEND: by RFC 5545 3.6.1 it then ends
// when it starts; an end not after the start is left out the same way.
std::string CalendarFile(const std::string& name, const std::vector<CalendarEvent>& events,
                         UnixSeconds stamp);

// The media type of CalendarFile's output.
inline constexpr const char* kCalendarMediaType = "text/calendar; charset=utf-8";

}  // namespace procura::render
