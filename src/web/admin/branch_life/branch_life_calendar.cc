// BranchLifeAdmin: what is ahead of a member as iCalendar, downloaded once
// (mine.ics) or subscribed to at the member's secret calendar address
// (/admin/calendar/TOKEN.ics), which their calendar app fetches again on
// its own, without signing in. The address is made, replaced and stopped
// from the member's year (我的组织生活).
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/clock.h"
#include "render/calendar.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/same_origin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

using kainjow::mustache::data;

namespace {

// The calendar reminds the member a day and an hour before each event.
const std::vector<int> kRemindBeforeMin = {24 * 60, 60};

// The address's path for `token`.
std::string FeedPath(const std::string& token) { return "/admin/calendar/" + token + ".ics"; }

// Search engines must not index a personal address (and, as for every
// newsroom answer, the guard makes it Cache-Control: no-store).
Response CalendarResponse(std::string text) {
  Response res = Response::Text(200, std::move(text), render::kCalendarMediaType);
  res.SetHeader("X-Robots-Tag", "noindex");
  return res;
}

}  // namespace

// Their branch's meetings (this year's and next year's; none for an
// account without a member record) and the sessions of the training
// classes they are enrolled in, still ahead. One event
// each, soonest first, stable UIDs so that a second import or fetch
// updates rather than duplicates.
Result<std::string> BranchLifeAdmin::CalendarOf(const Request& req, const AdminContext& ctx) const {
  AdminKit& kit = d_.kit;
  const UnixSeconds now = NowUnix();
  const int offset = d_.life.utc_offset();
  const std::string public_url = d_.content.Snapshot()->site().public_url;
  const std::string origin = AbsoluteUrl(req, public_url, "");
  const auto scheme_end = origin.find("://");
  const std::string host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
  std::vector<render::CalendarEvent> events;
  const int year = std::stoi(Today().substr(0, 4));
  for (int y : {year, year + 1}) {
    auto mine = d_.life.Mine(ctx.who(), y);
    // An account no longer linked to a member (or never) has no branch
    // meetings; its calendar stays a calendar, with the training sessions.
    if (!mine.ok() && mine.status().code() == Status::Code::kNotFound) break;
    if (!mine.ok()) return mine.status();
    for (const auto& r : mine->meetings) {
      const MeetingRecord& m = r.meeting;
      auto start = branchlife::MeetingStart(m, offset);
      if (!start || *start <= now) continue;
      render::CalendarEvent e;
      e.uid = fmt::format("meeting-{}@{}", m.id, host);
      e.start = *start;
      e.end = branchlife::MeetingEnd(m, offset);
      e.summary =
          kit.Tf(ctx, N_("{kind}: {topic}"), {{"kind", KindText(ctx, m.kind)}, {"topic", m.topic}});
      e.location = m.place;
      e.description = mine->branch_name;
      e.url = AbsoluteUrl(req, public_url, "/admin/branch-life/mine");
      events.push_back(std::move(e));
    }
  }
  auto sessions = d_.training.MySessionsAhead(ctx.who(), now);
  if (!sessions.ok()) return sessions.status();
  for (const auto& a : *sessions) {
    render::CalendarEvent e;
    e.uid = fmt::format("training-session-{}@{}", a.session.id, host);
    e.start = a.start;
    // A session's hours are its length in the calendar.
    if (a.session.hours > 0) e.end = a.start + static_cast<UnixSeconds>(a.session.hours * 3600);
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
  return render::CalendarFile(kit.T(ctx, N_("My party meetings and training")), events, now);
}

Response BranchLifeAdmin::MineCalendar(const Request& req, const Params&, AdminContext& ctx) {
  auto text = CalendarOf(req, ctx);
  if (!text.ok())
    return d_.kit.Message(ctx, HttpStatusFor(text.status()), N_("Not available"), text.status());
  return AdminKit::Download(std::move(text).value(), render::kCalendarMediaType,
                            "party-calendar.ics");
}

// Read as the address's owner: their rights, their language. Any token
// that opens nothing (malformed, replaced, stopped, a disabled user) gets
// the same 404.
Response BranchLifeAdmin::CalendarFeed(const Request& req, const Params& p, AdminContext& ctx) {
  const std::string& file = p.at("file");
  const std::string token = file.ends_with(".ics") ? file.substr(0, file.size() - 4) : "";
  auto reader = d_.calendar_links.Open(token, NowUnix());
  if (!reader.ok())
    return d_.kit.Message(ctx, HttpStatusFor(reader.status()), N_("Not available"), reader.status());
  if (!reader->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"),
                          N_("This calendar address is not in use: it was stopped or replaced by "
                             "a new one. Make a new one on your organisational life page."));
  ctx.session = auth::Session{(*reader)->principal, "", "", false};
  auto text = CalendarOf(req, ctx);
  if (!text.ok())
    return d_.kit.Message(ctx, HttpStatusFor(text.status()), N_("Not available"), text.status());
  return CalendarResponse(std::move(text).value());
}

// Made (or replaced) and shown once, on this page, never in a URL the
// browser keeps: only its hash is stored.
Response BranchLifeAdmin::MakeCalendarLink(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto token = d_.calendar_links.Make(ctx.who().user_id, ctx.actor);
  if (!token.ok())
    return kit.Message(ctx, HttpStatusFor(token.status()), N_("Not saved"), token.status());
  const std::string public_url = d_.content.Snapshot()->site().public_url;
  const std::string address = AbsoluteUrl(req, public_url, FeedPath(*token));
  const auto scheme_end = address.find("://");
  data body;
  body.set("address", address);
  body.set("webcal", scheme_end == std::string::npos
                         ? address : "webcal" + address.substr(scheme_end));
  // Every newsroom answer is Cache-Control: no-store (AdminSite::Guard).
  return kit.Page(ctx, "admin_life_calendar_link", std::move(body), N_("Your calendar address"));
}

Response BranchLifeAdmin::StopCalendarLink(const Request&, const Params&, AdminContext& ctx) {
  if (Status s = d_.calendar_links.Stop(ctx.who().user_id, ctx.actor); !s.ok())
    return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return AdminKit::SeeOther("/admin/branch-life/mine?done=calendar-stopped#calendar-link");
}

// Folded away until the member has an address (or has just stopped it):
// then it stays open, saying when it was made and last fetched.
void BranchLifeAdmin::CalendarLinkPart(const AdminContext& ctx, TemplateData& body) {
  if (ctx.done == "calendar-stopped") body.set("calendar_open", TemplateTrue());
  auto link = d_.calendar_links.Find(ctx.who().user_id);
  if (!link.ok() || !link->has_value()) return;
  body.set("calendar_open", TemplateTrue());
  const int offset = d_.life.utc_offset();
  body.set("calendar_link_since", FormatLocalTime((*link)->created_at, offset));
  if ((*link)->last_read_at)
    body.set("calendar_link_read", FormatLocalTime(*(*link)->last_read_at, offset));
}

}  // namespace procura::web
