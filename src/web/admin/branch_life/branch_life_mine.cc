// BranchLifeAdmin: a member's own year (我的组织生活), and their next
// meeting and training session for the dashboard.
#include <fmt/format.h>

#include <vector>

#include "core/clock.h"
#include "core/labels.h"
#include "web/admin/branch_life/branch_life_admin.h"
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
      row.set("time", branchlife::MeetingHours(r.meeting));
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
  CalendarLinkPart(ctx, body);
  return kit.Page(
      ctx, "admin_life_mine", std::move(body),
      kit.Tf(ctx, N_("My organisational life {year}"), {{"year", std::to_string(*year)}}));
}

void BranchLifeAdmin::MyNextMeeting(const AdminContext& ctx, TemplateData& body) const {
  const UnixSeconds now = NowUnix();
  if (auto m = NextMeetingOf(ctx, now)) {
    body.set("my_calendar", TemplateTrue());
    body.set("my_next_when", m->held_on + " " + branchlife::MeetingHours(*m));
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
