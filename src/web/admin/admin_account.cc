// AdminSite: one's own account: roles, password, newsroom language, and
// the sessions signed in elsewhere, which one can end after typing the
// password again.
#include <fmt/format.h>

#include "auth/user_agent.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"

namespace procura::web {

void AdminSite::FillAccount(const AdminContext& ctx, TemplateData& body) {
  body.set("name", ctx.who().name);
  std::string roles;  // in words, in the reader's language ("编辑、审核人")
  for (auto r : ctx.who().roles)
    roles += (roles.empty() ? "" : T(ctx, N_(", "))) + T(ctx, RoleLabel(auth::RoleName(r)));
  body.set("roles", roles);
  const std::string chosen = ctx.who().lang;
  data langs{data::type::list};
  langs.push_back(SelectOption("", T(ctx, "The site's language"), chosen.empty()));
  langs.push_back(SelectOption("zh-CN", T(ctx, LanguageLabel("zh-CN")), chosen == "zh-CN"));
  langs.push_back(SelectOption("en", T(ctx, LanguageLabel("en")), chosen == "en"));
  body.set("langs", langs);
  const auth::SessionPolicy& policy = d_.accounts.session_policy();
  body.set("lifetime", Tf(ctx, N_("Each browser or device you signed in from, while its session "
                                  "lasts ({minutes} minutes without use, {hours} hours at most)."),
                          {{"minutes", std::to_string(policy.idle_seconds / 60)},
                           {"hours", std::to_string(policy.absolute_seconds / 3600)}}));
  auto sessions = d_.accounts.ListSessions(*ctx.session);
  if (!sessions.ok()) return;
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  data rows{data::type::list};
  for (const auto& s : *sessions) {
    data row;
    row.set("created", FormatLocalTime(s.created_at, off));
    row.set("seen", FormatLocalTime(s.last_seen_at, off));
    row.set("ip", s.ip.empty() ? T(ctx, N_("not known")) : s.ip);
    row.set("browser", BrowserText(ctx, s.user_agent));
    if (s.current) row.set("current", TemplateTrue());
    rows.push_back(row);
  }
  body.set("sessions", rows);
  if (sessions->size() > 1) body.set("has_others", TemplateTrue());
}

// "Chrome · Windows", "微信 · Android": what a person recognises of a
// session's User-Agent header; "not known" for what we do not recognise.
std::string AdminSite::BrowserText(const AdminContext& ctx, const std::string& user_agent) const {
  const std::string text = auth::JoinDescription(
      auth::DescribeUserAgent(user_agent), " · ", [&](std::string_view s) { return T(ctx, s); });
  return text.empty() ? T(ctx, N_("not known")) : text;
}

Response AdminSite::AccountPage(const Request& req, const RouteParams&, AdminContext& ctx) {
  data body;
  FillAccount(ctx, body);
  auto q = ParseQuery(req.query);
  if (q["changed"] == "1") body.set("done", TemplateTrue());
  if (q["language"] == "1") body.set("language_done", TemplateTrue());
  if (auto n = ParsePositiveId(q["ended"]))
    body.set("sessions_done", Tf(ctx, *n == 1 ? N_("{n} other session was ended.")
                                              : N_("{n} other sessions were ended."),
                                 {{"n", std::to_string(*n)}}));
  return Page(ctx, "admin_account", std::move(body), N_("Your account"));
}

Response AdminSite::AccountError(const AdminContext& ctx, const std::string& key,
                                 const std::string& message) {
  data body;
  FillAccount(ctx, body);
  body.set(key, message);
  return Page(ctx, "admin_account", std::move(body), N_("Your account"), 422);
}

Response AdminSite::ChangeLanguage(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form form = http::Form::Parse(req.body);
  if (Status s = d_.accounts.SetLanguage(ctx.who().user_id, form.Get("lang"), ctx.actor); !s.ok())
    return Message(ctx, s.code() == Status::Code::kInvalidArgument ? 422 : 500,
                   N_("Language not changed"), s);
  return SeeOther("/admin/account?language=1");
}

Response AdminSite::ChangePassword(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form form = http::Form::Parse(req.body);
  if (form.Get("new_password") != form.Get("new_password_again"))
    return AccountError(ctx, "error",
                        T(ctx, N_("The two new passwords differ. Type the same password twice.")));
  auto renewed = d_.accounts.ChangeOwnPassword(ctx.who().user_id, form.Get("current_password"),
                                               form.Get("new_password"), ctx.actor,
                                               req.Header("user-agent"));
  if (!renewed.ok()) return AccountError(ctx, "error", ErrorText(ctx, renewed.status()));
  // Every other session has ended; this browser continues in a new one.
  Response res = SeeOther("/admin/account?changed=1");
  res.headers.emplace_back("Set-Cookie", http::SetCookie(kSessionCookie, renewed->token));
  return res;
}

Response AdminSite::EndOtherSessions(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form form = http::Form::Parse(req.body);
  auto ended = d_.accounts.EndOtherSessions(*ctx.session, form.Get("password"), ctx.actor);
  if (!ended.ok()) {
    if (ended.status().code() != Status::Code::kDenied)
      return Message(ctx, 500, N_("Sessions not ended"), ended.status());
    return AccountError(ctx, "sessions_error", ErrorText(ctx, ended.status()));
  }
  return SeeOther(fmt::format("/admin/account?ended={}#h-sessions", *ended));
}

}  // namespace procura::web
