// CalendarFile read back by libical's own parser, and its lines as
// RFC 5545 wants them: CRLF, at most 75 octets, folded between characters.
#include "render/calendar.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <string>
#include <vector>

namespace procura::render {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

CalendarEvent LongEvent() {
  CalendarEvent e;
  e.uid = "meeting-42@example.org";
  e.start = 1764896400;  // 2025-12-05 01:00 UTC, 09:00 in Beijing
  e.summary =
      "主题党日：学习贯彻党的二十届四中全会精神，深入开展中央八项规定精神学习教育; a, b\\c\nd";
  e.location = "第五会议室（三楼）";
  e.description = "第一党支部";
  e.url = "https://example.org/admin/branch-life/mine";
  e.alarms_before_min = {24 * 60, 60};
  return e;
}

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

TEST(Calendar, ReadsBackEveryField) {
  const std::string text = CalendarFile("我的组织生活", {LongEvent()}, 1764800000);
  Component cal(icalparser_parse_string(text.c_str()));
  ASSERT_TRUE(cal) << text;
  EXPECT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  icalcomponent* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(ev, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(ev), "meeting-42@example.org");
  EXPECT_EQ(std::string(icalcomponent_get_summary(ev)), LongEvent().summary);
  EXPECT_EQ(std::string(icalcomponent_get_location(ev)), "第五会议室（三楼）");
  EXPECT_EQ(std::string(icalcomponent_get_description(ev)), "第一党支部");
  const icaltimetype start = icalcomponent_get_dtstart(ev);
  EXPECT_TRUE(icaltime_is_utc(start));
  EXPECT_EQ(icaltime_as_timet(start), 1764896400);
  EXPECT_NE(text.find("DTSTART:20251205T010000Z\r\n"), std::string::npos) << text;
  std::vector<int> triggers;
  for (icalcomponent* a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); a;
       a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT)) {
    icalproperty* t = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
    ASSERT_NE(t, nullptr);
    triggers.push_back(icaldurationtype_as_int(icalproperty_get_trigger(t).duration));
  }
  EXPECT_EQ(triggers, (std::vector<int>{-86400, -3600}));
  EXPECT_NE(text.find("X-WR-CALNAME:我的组织生活\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("METHOD:PUBLISH\r\n"), std::string::npos);
}

TEST(Calendar, AnEndIsWrittenOnlyWhenItComesAfterTheStart) {
  render::CalendarEvent ended = LongEvent(), open = LongEvent(), backwards = LongEvent();
  ended.end = ended.start + 2 * 3600;
  backwards.end = backwards.start;
  const std::string text = CalendarFile("x", {ended}, 1764800000);
  Component cal(icalparser_parse_string(text.c_str()));
  ASSERT_TRUE(cal) << text;
  icalcomponent* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(ev, nullptr);
  EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtend(ev)), 1764896400 + 7200);
  EXPECT_NE(text.find("DTEND:20251205T030000Z\r\n"), std::string::npos) << text;
  EXPECT_EQ(CalendarFile("x", {open}, 1764800000).find("DTEND"), std::string::npos);
  EXPECT_EQ(CalendarFile("x", {backwards}, 1764800000).find("DTEND"), std::string::npos);
}

TEST(Calendar, LinesAreCrlfShortAndFoldedBetweenCharacters) {
  const std::string text = CalendarFile("x", {LongEvent(), LongEvent()}, 1764800000);
  ASSERT_GE(text.size(), 2u);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  size_t lines = 0;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find("\r\n", at);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF at " << at;
    const std::string line = text.substr(at, end - at);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    EXPECT_TRUE(ValidUtf8(line)) << "a fold inside a character: " << line;
    at = end + 2;
    ++lines;
  }
  EXPECT_GT(lines, 20u);
}

TEST(Calendar, EmptyCalendarIsStillValid) {
  const std::string text = CalendarFile("x", {}, 1764800000);
  Component cal(icalparser_parse_string(text.c_str()));
  ASSERT_TRUE(cal);
  EXPECT_EQ(icalcomponent_count_components(cal.get(), ICAL_VEVENT_COMPONENT), 0);
  EXPECT_EQ(text.find("LOCATION"), std::string::npos);
}

}  // namespace
}  // namespace procura::render
