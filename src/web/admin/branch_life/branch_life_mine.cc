// BranchLifeAdmin: a member's own year (我的组织生活), and the meetings
// still ahead of them as an iCalendar file for their phone's calendar.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/clock.h"
#include "core/labels.h"
#include "render/calendar.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/same_origin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

using kainjow::mustache::data;

namespace {

// True while `m` has not started: a meeting later today is still ahead.
bool StillAhead(const MeetingRecord& m, UnixSeconds now, int offset) {
  auto start = branchlife::MeetingStart(m, offset);
  return start && *start > now;
}

// The calendar reminds the member a day and an hour before each meeting.
const std::vector<int> kRemindBeforeMin = {24 * 60, 60};

}  // namespace

Response BranchLifeAdmin::Mine(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto year = YearOf(req);
  if (!year)
    return kit.Message(ctx, 400, N_("Not available"), N_("Choose a year from 2000 to next year."));
  auto mine = d_.life.Mine(ctx.who(), *year);
  if (!mine.ok())
    return kit.Message(ctx, HttpStatusFor(mine.status()), N_("Not available"), mine.status());
  // What is coming up first, soonest first; then what was held, newest
  // first (a phone shows the next meeting without scrolling past the year).
  const UnixSeconds now = NowUnix();
  data body, upcoming{data::type::list}, held{data::type::list};
  std::vector<data> held_rows;  // oldest first, as stored
  for (const auto& r : mine->meetings) {
    data row;
    row.set("day", r.meeting.held_on);
    row.set("kind", KindText(ctx, r.meeting.kind));
    row.set("topic", r.meeting.topic);
    // Still to come: not started, and the member not yet checked in (check-in
    // opens before the start). When and where, for the member to come.
    if (r.mark.empty() && StillAhead(r.meeting, now, d_.life.utc_offset())) {
      row.set("time", r.meeting.starts_at);
      if (!r.meeting.place.empty()) row.set("place", r.meeting.place);
      upcoming.push_back(row);
      continue;
    }
    row.set("mark", r.mark.empty() ? kit.T(ctx, N_("Not marked")) : kit.T(ctx, MarkLabel(r.mark)));
    held_rows.push_back(std::move(row));
  }
  for (auto it = held_rows.rbegin(); it != held_rows.rend(); ++it) held.push_back(*it);
  const size_t held_count = held_rows.size();
  if (held_count < mine->meetings.size()) body.set("has_upcoming", TemplateTrue());
  if (held_count > 0) body.set("has_held", TemplateTrue());
  body.set("upcoming", upcoming);
  body.set("rows", held);
  body.set("name", mine->member.name);
  body.set("branch", mine->branch_name);
  body.set("attended", std::to_string(mine->attended));
  body.set("hours", fmt::format("{:g}", mine->training_hours));
  body.set("attended_text", kit.TfN(ctx, "{attended} of {n} meeting", "{attended} of {n} meetings",
                                    long(held_count), {{"attended", std::to_string(mine->attended)}}));
  body.set("year", std::to_string(*year));
  if (mine->meetings.empty()) body.set("none", TemplateTrue());
  return kit.Page(
      ctx, "admin_life_mine", std::move(body),
      kit.Tf(ctx, N_("My organisational life {year}"), {{"year", std::to_string(*year)}}));
}

// What is ahead of the member as an .ics file: their branch's meetings
// (this year's and next year's) and the sessions of the training classes
// they are enrolled in. One event each, soonest first, stable UIDs so that
// importing the file again updates rather than duplicates, reminders a day
// and an hour before.
Response BranchLifeAdmin::MineCalendar(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  const UnixSeconds now = NowUnix();
  const std::string public_url = d_.content.Snapshot()->site().public_url;
  const std::string origin = AbsoluteUrl(req, public_url, "");
  const auto scheme_end = origin.find("://");
  const std::string host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
  std::vector<render::CalendarEvent> events;
  const int year = std::stoi(Today().substr(0, 4));
  for (int y : {year, year + 1}) {
    auto mine = d_.life.Mine(ctx.who(), y);
    if (!mine.ok())
      return kit.Message(ctx, HttpStatusFor(mine.status()), N_("Not available"), mine.status());
    for (const auto& r : mine->meetings) {
      const MeetingRecord& m = r.meeting;
      auto start = branchlife::MeetingStart(m, d_.life.utc_offset());
      if (!start || *start <= now) continue;
      render::CalendarEvent e;
      e.uid = fmt::format("meeting-{}@{}", m.id, host);
      e.start = *start;
      e.summary =
          kit.Tf(ctx, N_("{kind}: {topic}"), {{"kind", KindText(ctx, m.kind)}, {"topic", m.topic}});
      e.location = m.place;
      e.description = mine->branch_name;
      e.url = AbsoluteUrl(req, public_url, "/admin/branch-life/mine");
      events.push_back(std::move(e));
    }
  }
  auto sessions = d_.training.MySessionsAhead(ctx.who(), now);
  if (!sessions.ok())
    return kit.Message(ctx, HttpStatusFor(sessions.status()), N_("Not available"),
                       sessions.status());
  for (const auto& a : *sessions) {
    render::CalendarEvent e;
    e.uid = fmt::format("training-session-{}@{}", a.session.id, host);
    e.start = a.start;
    e.summary =
        kit.Tf(ctx, N_("{class}: {topic}"), {{"class", a.cls.title}, {"topic", a.session.topic}});
    e.location = a.venue;
    if (!a.session.lecturer.empty())
      e.description = kit.Tf(ctx, N_("Lecturer: {name}"), {{"name", a.session.lecturer}});
    e.url = AbsoluteUrl(req, public_url, fmt::format("/admin/training/{}", a.cls.id));
    events.push_back(std::move(e));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.start < b.start; });
  for (auto& e : events) e.alarms_before_min = kRemindBeforeMin;
  return AdminKit::Download(
      render::CalendarFile(kit.T(ctx, N_("My party meetings and training")), events, now),
      render::kCalendarMediaType, "party-calendar.ics");
}

void BranchLifeAdmin::MyNextMeeting(const AdminContext& ctx, TemplateData& body) const {
  const UnixSeconds now = NowUnix();
  if (auto m = NextMeetingOf(ctx, now)) {
    body.set("my_calendar", TemplateTrue());
    body.set("my_next_when", m->held_on + " " + m->starts_at);
    body.set("my_next_what", d_.kit.Tf(ctx, N_("{kind}: {topic}"),
                                       {{"kind", KindText(ctx, m->kind)}, {"topic", m->topic}}));
    if (!m->place.empty())
      body.set("my_next_place", d_.kit.Tf(ctx, N_("Place: {place}"), {{"place", m->place}}));
  }
  auto sessions = d_.training.MySessionsAhead(ctx.who(), now);
  if (!sessions.ok() || sessions->empty()) return;
  const training::SessionAhead& a = sessions->front();
  body.set("my_calendar", TemplateTrue());
  body.set("my_session_when", a.session.starts_at);
  body.set("my_session_class_id", std::to_string(a.cls.id));
  body.set("my_session_what", d_.kit.Tf(ctx, N_("{class}: {topic}"),
                                        {{"class", a.cls.title}, {"topic", a.session.topic}}));
  if (!a.venue.empty())
    body.set("my_session_place", d_.kit.Tf(ctx, N_("Place: {place}"), {{"place", a.venue}}));
}

std::optional<MeetingRecord> BranchLifeAdmin::NextMeetingOf(const AdminContext& ctx,
                                                            UnixSeconds now) const {
  const int year = std::stoi(Today().substr(0, 4));
  for (int y : {year, year + 1}) {
    auto mine = d_.life.Mine(ctx.who(), y);
    if (!mine.ok()) return std::nullopt;
    for (const auto& r : mine->meetings)
      if (r.mark.empty() && StillAhead(r.meeting, now, d_.life.utc_offset())) return r.meeting;
  }
  return std::nullopt;
}

}  // namespace procura::web
