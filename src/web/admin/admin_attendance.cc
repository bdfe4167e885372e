// AdminSite: attendance sheets, manual marking, the projector's check-in
// page and the participant's check-in. AttendanceService decides.
#include <fmt/format.h>

#include "core/clock.h"
#include "core/text.h"
#include "render/graphics.h"
#include "tabular/table.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// The absolute check-in URL the QR code carries, for the host the
// projector page was opened on.
std::string CheckinUrl(const Request& req, std::int64_t session, const std::string& token) {
  const std::string host(req.Header("host"));
  const bool local = host.rfind("127.0.0.1", 0) == 0 || host.rfind("localhost", 0) == 0;
  return fmt::format("{}://{}/admin/checkin/{}?t={}", local ? "http" : "https", host, session,
                     token);
}

}  // namespace

void SetTally(TemplateData& d, const training::MarkTally& t) {
  for (const auto& [k, v] : {std::pair{"present", t.present},
                             {"late", t.late},
                             {"excused", t.excused},
                             {"absent", t.absent},
                             {"unmarked", t.unmarked}})
    d.set(k, std::to_string(v));
}

Response AdminSite::SessionSheet(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  auto sheet = d_.attendance.Sheet(ctx.who(), *sid);
  if (!sheet.ok())
    return Message(ctx, HttpStatusFor(sheet.status()), N_("Not available"), sheet.status());
  const bool officer = ctx.who().Has(auth::Role::kRecordsOfficer);
  data body, lines{data::type::list};
  body.set("sid", std::to_string(*sid));
  body.set("class_id", std::to_string(sheet->cls.id));
  body.set("class_title", sheet->cls.title);
  body.set("starts", sheet->session.starts_at);
  body.set("topic", sheet->session.topic);
  body.set("lecturer", sheet->session.lecturer);
  body.set("hours", fmt::format("{:g}", sheet->session.hours));
  int n = 0;
  for (const auto& l : sheet->lines) {
    data row;
    row.set("n", std::to_string(++n));
    row.set("member_id", std::to_string(l.member.id));
    row.set("name", l.member.name);
    row.set("branch", l.branch);
    const std::string mark = l.mark ? l.mark->mark : "";
    row.set("mark", T(ctx, MarkLabel(mark)));
    row.set("reason", l.mark ? l.mark->reason : "");
    row.set("method", l.mark ? T(ctx, CheckinMethodLabel(l.mark->method)) : "");
    if (officer) {
      data options{data::type::list};
      for (const char* m : {"present", "late", "excused", "absent"})
        options.push_back(SelectOption(m, T(ctx, MarkLabel(m)), mark == m));
      row.set("options", options);
      row.set("can_manage", TemplateTrue());
    }
    lines.push_back(row);
  }
  body.set("lines", lines);
  SetTally(body, sheet->tally);
  if (officer) body.set("can_manage", TemplateTrue());
  return Page(ctx, "admin_session", std::move(body), Tf(ctx, N_("Attendance: {topic}"), {{"topic", sheet->session.topic}}));
}

Response AdminSite::SessionSheetXlsx(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  auto sheet = d_.attendance.Sheet(ctx.who(), *sid);
  if (!sheet.ok())
    return Message(ctx, HttpStatusFor(sheet.status()), N_("Not available"), sheet.status());
  const auto t = [&](std::string_view msgid) { return T(ctx, msgid); };
  tabular::Sheet out{t(N_("Attendance")),
                     {t(N_("No.")), t(N_("Name")), t(N_("Branch")), t(N_("Attendance")),
                      t(N_("Reason")), t(N_("Recorded"))}};
  double n = 0;
  for (const auto& l : sheet->lines)
    out.rows.push_back({++n, l.member.name, l.branch, t(MarkLabel(l.mark ? l.mark->mark : "")),
                        l.mark ? l.mark->reason : "",
                        l.mark ? t(CheckinMethodLabel(l.mark->method)) : ""});
  tabular::Sheet about{
      t(N_("Session")),
      {t(N_("Class")), t(N_("Session")), t(N_("Starts")), t(N_("Hours"))},
      {{sheet->cls.title, sheet->session.topic, sheet->session.starts_at, sheet->session.hours}}};
  return AuditedExport(ctx,
                       XlsxDownload(ctx, {out, about}, fmt::format("session-{}-attendance.xlsx", *sid)),
                       "export.attendance", fmt::format("session {}: {} rows", *sid, out.rows.size()));
}

Response AdminSite::MarkAttendance(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const auto form = http::Form::Parse(req.body);
  auto member = ParsePositiveId(form.Get("member"));
  if (!member) return Message(ctx, 422, N_("Not marked"), N_("Choose a member."));
  Status s =
      d_.attendance.Mark(ctx.who(), ctx.actor, *sid, *member, form.Get("mark"), form.Get("reason"));
  if (!s.ok()) return Message(ctx, HttpStatusFor(s), N_("Not marked"), s);
  return Done(fmt::format("/admin/training/sessions/{}#m{}", *sid, *member), "marked");
}

Response AdminSite::ProjectorPage(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  auto v = d_.attendance.Projector(ctx.who(), *sid, NowUnix());
  if (!v.ok())
    return Message(ctx, HttpStatusFor(v.status()), N_("Not available"), v.status());
  data body;
  if (!v->closed.empty()) {
    body.set("closed", Tf(ctx, v->closed, v->closed_args));
  } else {
    const std::string url = CheckinUrl(req, *sid, v->token);
    auto svg = QrSvg(url, "Check-in QR code for " + v->session.topic);
    if (!svg.ok()) return Message(ctx, 500, N_("No QR code"), svg.status());
    body.set("qr_svg", *svg);
    body.set("checkin_url", url);
  }
  body.set("sid", std::to_string(*sid));
  body.set("class_id", std::to_string(v->cls.id));
  body.set("class_title", v->cls.title);
  body.set("topic", v->session.topic);
  body.set("starts", v->session.starts_at);
  body.set("checked_in", std::to_string(v->checked_in));
  body.set("enrolled", std::to_string(v->enrolled));
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  body.set("opens", FormatRfc3339(v->window.opens, offset).substr(11, 5));
  body.set("closes", FormatRfc3339(v->window.closes, offset).substr(11, 5));
  return Page(ctx, "admin_projector", std::move(body), Tf(ctx, N_("Check-in: {topic}"), {{"topic", v->session.topic}}));
}

Response AdminSite::ProjectorLive(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid)
    return Response::Text(
        404, "{\"error\":\"" + JsonEscape(T(ctx, N_("There is no such session."))) + "\"}",
        "application/json");
  const UnixSeconds now = NowUnix();
  auto v = d_.attendance.Projector(ctx.who(), *sid, now);
  if (!v.ok())
    return Response::Text(HttpStatusFor(v.status()),
                          "{\"error\":\"" + JsonEscape(ErrorText(ctx, v.status())) + "\"}",
                          "application/json");
  const bool open = v->closed.empty();
  const std::string url = open ? CheckinUrl(req, *sid, v->token) : "";
  auto svg =
      open ? QrSvg(url, "Check-in QR code for " + v->session.topic) : Result<std::string>("");
  return Response::Text(
      200,
      fmt::format("{{\"checked_in\":{},\"enrolled\":{},\"closed\":\"{}\",\"url\":\"{}\","
                  "\"svg\":\"{}\",\"refresh_in\":{}}}",
                  v->checked_in, v->enrolled, JsonEscape(open ? "" : Tf(ctx, v->closed, v->closed_args)), JsonEscape(url),
                  JsonEscape(svg.ok() ? *svg : ""),
                  open ? std::max<std::int64_t>(1, v->token_expires - now) : 30),
      "application/json");
}

Response AdminSite::CheckinForm(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const std::string token = ParseQuery(req.query)["t"];
  data body;
  body.set("sid", std::to_string(*sid));
  body.set("token", token);
  if (Status may = d_.attendance.MayOpenCheckin(ctx.who(), *sid); !may.ok())
    return Message(ctx, HttpStatusFor(may), N_("Not available"), may);
  auto s = d_.storage.training().GetSession(*sid);
  if (!s.ok() || !s->has_value())
    return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  body.set("topic", (*s)->topic);
  body.set("starts", (*s)->starts_at);
  return Page(ctx, "admin_checkin", std::move(body), N_("Check in"));
}

Response AdminSite::CheckIn(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const std::string token = http::Form::Parse(req.body).Get("t");
  auto r = d_.attendance.CheckIn(ctx.who(), ctx.actor, *sid, token, NowUnix());
  if (!r.ok())
    return Message(ctx, HttpStatusFor(r.status()), N_("Not checked in"), r.status());
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  const std::string at = FormatRfc3339(r->at, offset).substr(11, 5);
  const bool late = r->mark == "late";
  if (r->already)
    return Message(ctx, 200, N_("Already checked in"),
                   late ? N_("{topic}: you were already checked in, late, at {time}.")
                        : N_("{topic}: you were already checked in, on time, at {time}."),
                   {{"topic", r->session.topic}, {"time", at}});
  return Message(ctx, 200, N_("Checked in"),
                 late ? N_("{topic}: you are checked in, late, at {time}.")
                      : N_("{topic}: you are checked in, on time, at {time}."),
                 {{"topic", r->session.topic}, {"time", at}});
}

}  // namespace procura::web
