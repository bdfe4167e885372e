// AttendanceAdmin: its routes, attendance sheets, manual marking, the
// projector's check-in page and the participant's check-in.
// AttendanceService decides.
#include <fmt/format.h>

#include "core/clock.h"
#include "core/text.h"
#include "render/graphics.h"
#include "tabular/table.h"
#include "web/admin/admin_attendance.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// The absolute check-in URL the QR code carries.
std::string CheckinUrl(const Request& req, std::string_view public_url, std::int64_t session,
                       const std::string& token) {
  return AbsoluteUrl(req, public_url, fmt::format("/admin/checkin/{}?t={}", session, token));
}

}  // namespace

void AttendanceAdmin::AddRoutes(http::Router& r) {
  const Requirement session = NeedsSession(), view = Needs(auth::Action::kViewRecords),
                    manage = Needs(auth::Action::kManageRecords);
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/training/sessions/{sid}", view, bind(&AttendanceAdmin::SessionSheet));
  kit.Add(r, "GET", "/admin/training/sessions/{sid}/sheet.xlsx", view,
          bind(&AttendanceAdmin::SessionSheetXlsx));
  kit.Add(r, "POST", "/admin/training/sessions/{sid}/mark", manage,
          bind(&AttendanceAdmin::MarkAttendance));
  kit.Add(r, "POST", "/admin/training/sessions/{sid}/marks", manage,
          bind(&AttendanceAdmin::SaveSheet));
  kit.Add(r, "GET", "/admin/training/sessions/{sid}/checkin", manage,
          bind(&AttendanceAdmin::ProjectorPage));
  kit.Add(r, "GET", "/admin/training/sessions/{sid}/checkin.json", manage,
          bind(&AttendanceAdmin::ProjectorLive));
  kit.Add(r, "GET", "/admin/checkin/{sid}", session, bind(&AttendanceAdmin::CheckinForm));
  kit.Add(r, "POST", "/admin/checkin/{sid}", session, bind(&AttendanceAdmin::CheckIn));
  kit.AddSignInPurpose([this](const AdminContext& ctx, const std::string& next) {
    return SignInPurpose(ctx, next);
  });
}

std::string AttendanceAdmin::SignInPurpose(const AdminContext& ctx, const std::string& next) {
  const std::string_view prefix = "/admin/checkin/";
  const auto t = next.find("?t=");
  if (next.rfind(prefix, 0) != 0 || t == std::string::npos) return "";
  auto invitation = d_.attendance.Invitation(std::string_view(next).substr(t + 3), nullptr);
  if (!invitation.ok() || next.substr(prefix.size(), t - prefix.size()) !=
                              std::to_string(invitation->session.id))
    return "";
  return d_.kit.Tf(ctx, N_("Sign in to check in to {class}: {session}, {starts}."),
                   {{"class", invitation->cls.title},
                    {"session", invitation->session.topic},
                    {"starts", invitation->session.starts_at}});
}

void SetTally(TemplateData& d, const training::MarkTally& t) {
  for (const auto& [k, v] : {std::pair{"present", t.present},
                             {"late", t.late},
                             {"excused", t.excused},
                             {"absent", t.absent},
                             {"unmarked", t.unmarked}})
    d.set(k, std::to_string(v));
}

Response AttendanceAdmin::SessionSheet(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  return RenderSheet(ctx, *sid, {}, Status::Ok());
}

Response AttendanceAdmin::RenderSheet(AdminContext& ctx, std::int64_t sid,
                                const std::map<std::int64_t, training::MarkChange>& typed,
                                const Status& error) {
  auto sheet = d_.attendance.Sheet(ctx.who(), sid);
  if (!sheet.ok())
    return d_.kit.Message(ctx, HttpStatusFor(sheet.status()), N_("Not available"), sheet.status());
  const bool officer = ctx.who().Has(auth::Role::kRecordsOfficer);
  std::map<std::string, std::string> beside, field_ids;  // field → message, field → input id
  for (const Status& one : error.problems()) {
    if (one.field().empty()) continue;  // listed in the summary only
    field_ids[one.field()] = one.field();
    beside[one.field()] += d_.kit.ErrorText(ctx, one);
  }
  data body, lines{data::type::list};
  d_.kit.SetFormErrors(ctx, error, field_ids, body);
  body.set("sid", std::to_string(sid));
  body.set("class_id", std::to_string(sheet->cls.id));
  body.set("class_title", sheet->cls.title);
  body.set("starts", sheet->session.starts_at);
  body.set("topic", sheet->session.topic);
  if (!sheet->session.lecturer.empty()) body.set("lecturer", sheet->session.lecturer);  // none: no row
  body.set("hours", fmt::format("{:g}", sheet->session.hours));
  int n = 0;
  for (const auto& l : sheet->lines) {
    const std::string id = std::to_string(l.member.id);
    const auto kept = typed.find(l.member.id);
    const std::string stored = l.mark ? l.mark->mark : "";
    const std::string mark = kept != typed.end() ? kept->second.mark : stored;
    const std::string reason =
        kept != typed.end() ? kept->second.reason : (l.mark ? l.mark->reason : "");
    data row;
    row.set("n", std::to_string(++n));
    row.set("member_id", id);
    row.set("name", l.member.name);
    row.set("branch", l.branch);
    row.set("mark", d_.kit.T(ctx, MarkLabel(stored)));
    row.set("reason", reason);
    row.set("method", l.mark ? d_.kit.T(ctx, CheckinMethodLabel(l.mark->method)) : "");
    if (!stored.empty()) row.set("marked", TemplateTrue());
    if (officer) {
      data options{data::type::list};
      for (const char* m : {"", "present", "late", "excused", "absent"})
        options.push_back(SelectOption(m, d_.kit.T(ctx, MarkLabel(m)), mark == m));
      row.set("options", options);
      row.set("can_manage", TemplateTrue());
    }
    for (const char* f : {"mark", "reason"})
      if (auto e = beside.find(std::string(f) + "-" + id); e != beside.end())
        row.set(std::string("err_") + f, e->second);
    lines.push_back(row);
  }
  body.set("lines", lines);
  if (sheet->lines.empty()) body.set("nobody", TemplateTrue());
  SetTally(body, sheet->tally);
  if (officer) body.set("can_manage", TemplateTrue());
  return d_.kit.Page(ctx, "admin_session", std::move(body),
              d_.kit.Tf(ctx, N_("Attendance: {topic}"), {{"topic", sheet->session.topic}}),
              error.ok() ? 200 : HttpStatusFor(error));
}

Response AttendanceAdmin::SaveSheet(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const auto form = http::Form::Parse(req.body);
  std::map<std::int64_t, training::MarkChange> typed;
  for (const auto& [name, value] : form.pairs()) {
    if (name.rfind("mark-", 0) != 0) continue;
    auto member = ParsePositiveId(name.substr(5));
    if (!member) continue;
    typed[*member] = {*member, value, form.Get("reason-" + name.substr(5))};
  }
  std::vector<training::MarkChange> rows;
  for (const auto& [member, row] : typed) rows.push_back(row);
  auto saved = d_.attendance.MarkMany(ctx.who(), ctx.actor, *sid, rows, form.Get("fill"));
  if (!saved.ok()) {
    if (saved.status().code() != Status::Code::kInvalidArgument)
      return d_.kit.Message(ctx, HttpStatusFor(saved.status()), N_("Not saved"), saved.status());
    return RenderSheet(ctx, *sid, typed, saved.status());
  }
  return AdminKit::Done(fmt::format("/admin/training/sessions/{}", *sid), "marked");
}

Response AttendanceAdmin::SessionSheetXlsx(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  auto sheet = d_.attendance.Sheet(ctx.who(), *sid);
  if (!sheet.ok())
    return d_.kit.Message(ctx, HttpStatusFor(sheet.status()), N_("Not available"), sheet.status());
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  tabular::Sheet out{t(N_("Attendance")),
                     {t(N_("No.")), t(N_("Name")), t(N_("Branch")), t(N_("Attendance")),
                      t(N_("Reason")), t(N_("Recorded")), t(N_("Time recorded"))}};
  out.title = d_.kit.Tf(ctx, N_("{class}: {topic}, {starts}"),
                 {{"class", sheet->cls.title},
                  {"topic", sheet->session.topic},
                  {"starts", sheet->session.starts_at}});
  out.kinds.assign(7, tabular::ColumnKind::kGeneral);
  out.kinds[6] = tabular::ColumnKind::kDateTime;
  double n = 0;
  for (const auto& l : sheet->lines)
    out.rows.push_back({++n, l.member.name, l.branch, t(MarkLabel(l.mark ? l.mark->mark : "")),
                        l.mark ? l.mark->reason : "",
                        l.mark ? t(CheckinMethodLabel(l.mark->method)) : "",
                        l.mark ? FormatLocalTime(l.mark->marked_at, offset) : ""});
  tabular::Sheet about{
      t(N_("Session")),
      {t(N_("Class")), t(N_("Session")), t(N_("Starts")), t(N_("Hours"))},
      {{sheet->cls.title, sheet->session.topic, sheet->session.starts_at, sheet->session.hours}}};
  about.kinds = {tabular::ColumnKind::kGeneral, tabular::ColumnKind::kGeneral,
                 tabular::ColumnKind::kDateTime};
  return d_.kit.AuditedExport(ctx,
                       d_.kit.XlsxDownload(ctx, {out, about}, fmt::format("session-{}-attendance.xlsx", *sid)),
                       "export.attendance", fmt::format("session {}: {} rows", *sid, out.rows.size()));
}

Response AttendanceAdmin::MarkAttendance(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const auto form = http::Form::Parse(req.body);
  auto member = ParsePositiveId(form.Get("member"));
  if (!member) return d_.kit.Message(ctx, 422, N_("Not marked"), N_("Choose a member."));
  Status s =
      d_.attendance.Mark(ctx.who(), ctx.actor, *sid, *member, form.Get("mark"), form.Get("reason"));
  if (s.code() == Status::Code::kInvalidArgument && !s.field().empty()) {
    const training::MarkChange row{*member, form.Get("mark"), form.Get("reason")};
    return RenderSheet(ctx, *sid, {{*member, row}}, s);
  }
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not marked"), s);
  return AdminKit::Done(fmt::format("/admin/training/sessions/{}#m{}", *sid, *member), "marked");
}

Response AttendanceAdmin::ProjectorPage(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  auto v = d_.attendance.Projector(ctx.who(), *sid, NowUnix());
  if (!v.ok())
    return d_.kit.Message(ctx, HttpStatusFor(v.status()), N_("Not available"), v.status());
  data body;
  if (!v->closed.empty()) {
    body.set("closed", d_.kit.Tf(ctx, v->closed, v->closed_args));
  } else {
    const std::string url = CheckinUrl(req, d_.content.Snapshot()->site().public_url, *sid, v->token);
    auto svg = QrSvg(url, "Check-in QR code for " + v->session.topic);
    if (!svg.ok()) return d_.kit.Message(ctx, 500, N_("No QR code"), svg.status());
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
  return d_.kit.Page(ctx, "admin_projector", std::move(body), d_.kit.Tf(ctx, N_("Check-in: {topic}"), {{"topic", v->session.topic}}));
}

Response AttendanceAdmin::ProjectorLive(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid)
    return Response::Text(
        404, "{\"error\":\"" + JsonEscape(d_.kit.T(ctx, N_("There is no such session."))) + "\"}",
        "application/json");
  const UnixSeconds now = NowUnix();
  auto v = d_.attendance.Projector(ctx.who(), *sid, now);
  if (!v.ok())
    return Response::Text(HttpStatusFor(v.status()),
                          "{\"error\":\"" + JsonEscape(d_.kit.ErrorText(ctx, v.status())) + "\"}",
                          "application/json");
  const bool open = v->closed.empty();
  const std::string url = open ? CheckinUrl(req, d_.content.Snapshot()->site().public_url, *sid, v->token) : "";
  auto svg =
      open ? QrSvg(url, "Check-in QR code for " + v->session.topic) : Result<std::string>("");
  return Response::Text(
      200,
      fmt::format("{{\"checked_in\":{},\"enrolled\":{},\"closed\":\"{}\",\"url\":\"{}\","
                  "\"svg\":\"{}\",\"refresh_in\":{}}}",
                  v->checked_in, v->enrolled, JsonEscape(open ? "" : d_.kit.Tf(ctx, v->closed, v->closed_args)), JsonEscape(url),
                  JsonEscape(svg.ok() ? *svg : ""),
                  open ? std::max<std::int64_t>(1, v->token_expires - now) : 30),
      "application/json");
}

Response AttendanceAdmin::CheckinForm(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const std::string token = ParseQuery(req.query)["t"];
  data body;
  body.set("sid", std::to_string(*sid));
  body.set("token", token);
  if (Status may = d_.attendance.MayOpenCheckin(ctx.who(), *sid); !may.ok())
    return d_.kit.Message(ctx, HttpStatusFor(may), N_("Not available"), may);
  auto invitation = d_.attendance.Invitation(token, &ctx.who());
  if (!invitation.ok() || invitation->session.id != *sid)
    return d_.kit.Message(ctx, 422, N_("Not checked in"),
                   N_("This check-in code is not valid. Scan the code on the screen."));
  body.set("class_title", invitation->cls.title);
  body.set("topic", invitation->session.topic);
  body.set("starts", invitation->session.starts_at);
  body.set("member", invitation->member_name);
  return d_.kit.Page(ctx, "admin_checkin", std::move(body), N_("Check in"));
}

Response AttendanceAdmin::CheckIn(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  if (!sid) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  const std::string token = http::Form::Parse(req.body).Get("t");
  auto r = d_.attendance.CheckIn(ctx.who(), ctx.actor, *sid, token, NowUnix());
  if (!r.ok())
    return d_.kit.Message(ctx, HttpStatusFor(r.status()), N_("Not checked in"), r.status());
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  const std::string at = FormatRfc3339(r->at, offset).substr(11, 5);
  const bool late = r->mark == "late";
  const MessageArgs args{{"name", r->member_name},
                         {"class", r->cls.title},
                         {"topic", r->session.topic},
                         {"time", at}};
  if (r->already)
    return d_.kit.Message(ctx, 200, N_("Already checked in"),
                   late ? N_("{name}, you were already checked in to {class}: {topic}, late, at "
                             "{time}.")
                        : N_("{name}, you were already checked in to {class}: {topic}, on time, "
                             "at {time}."),
                   args);
  return d_.kit.Message(ctx, 200, N_("Checked in"),
                 late ? N_("{name}, you are checked in to {class}: {topic}, late, at {time}.")
                      : N_("{name}, you are checked in to {class}: {topic}, on time, at {time}."),
                 args);
}

}  // namespace procura::web
