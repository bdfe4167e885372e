#include "render/calendar.h"

#include <libical/ical.h>

#include <memory>

namespace procura::render {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype Utc(UnixSeconds t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t), 0, icaltimezone_get_utc_timezone());
}

icalcomponent* Alarm(int minutes_before, const std::string& text) {
  icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
  icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
  icalcomponent_add_property(
      alarm, icalproperty_new_trigger(icaltriggertype_from_int(-60 * minutes_before)));
  icalcomponent_add_property(alarm, icalproperty_new_description(text.c_str()));
  return alarm;
}

icalcomponent* Event(const CalendarEvent& e, UnixSeconds stamp) {
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(Utc(stamp)));
  icalcomponent_add_property(ev, icalproperty_new_dtstart(Utc(e.start)));
  if (e.end && *e.end > e.start)
    icalcomponent_add_property(ev, icalproperty_new_dtend(Utc(*e.end)));
  icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
  if (!e.location.empty())
    icalcomponent_add_property(ev, icalproperty_new_location(e.location.c_str()));
  if (!e.description.empty())
    icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
  if (!e.url.empty()) icalcomponent_add_property(ev, icalproperty_new_url(e.url.c_str()));
  for (int minutes : e.alarms_before_min)
    icalcomponent_add_component(ev, Alarm(minutes, e.summary));
  return ev;
}

}  // namespace

std::string CalendarFile(const std::string& name, const std::vector<CalendarEvent>& events,
                         UnixSeconds stamp) {
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//procura//procura//ZH"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalproperty* cal_name = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(cal_name, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), cal_name);
  for (const auto& e : events) icalcomponent_add_component(cal.get(), Event(e, stamp));
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out = text ? text : "";
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace procura::render
