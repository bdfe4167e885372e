// Time values and their display. procura stores instants as Unix seconds
// (UTC) and shows them in the site's fixed UTC offset (China Standard Time,
// +08:00, has no daylight saving).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace procura {

using UnixSeconds = std::int64_t;

// The current time, UTC. The only place procura reads the wall clock.
UnixSeconds NowUnix();

// Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" read as local time at
// `offset_minutes` east of UTC, or with a trailing "Z" / "+HH:MM" offset.
// Years 1900 to 9999 (before 1970 as negative seconds: members born or
// admitted before then are on record). Returns nullopt on any malformed or
// out-of-range input.
std::optional<UnixSeconds> ParseLocalTime(std::string_view text, int offset_minutes);

// True for a valid calendar date written exactly "YYYY-MM-DD".
bool IsIsoDate(std::string_view text);

// "2022-07-14" for `t` seen at `offset_minutes` east of UTC.
std::string FormatDate(UnixSeconds t, int offset_minutes);

// "July 14, 2022" (the seed page's style).
std::string FormatLongDate(UnixSeconds t, int offset_minutes);

// RFC 3339 with offset, e.g. "2022-07-14T09:00:00+08:00" (for <time datetime>).
std::string FormatRfc3339(UnixSeconds t, int offset_minutes);

// "2022-07-14 09:00" (`with_seconds`: "2022-07-14 09:00:05") for `t` seen at
// `offset_minutes` east of UTC: how staff pages show a moment.
std::string FormatLocalTime(UnixSeconds t, int offset_minutes, bool with_seconds = false);

// "09:00": the time of day of `t` at `offset_minutes` east of UTC (check-in
// windows, meeting times).
std::string FormatClockTime(UnixSeconds t, int offset_minutes);

// "UTC+08:00" for an offset of 480 minutes.
std::string FormatUtcOffset(int offset_minutes);

// RFC 7231 IMF-fixdate in GMT, e.g. "Thu, 14 Jul 2022 01:00:00 GMT".
std::string FormatHttpDate(UnixSeconds t);

// ISO 8601 UTC with milliseconds for logs, e.g. "2026-11-24T19:35:39.123Z".
std::string FormatLogTimestampNow();

}  // namespace procura
