// AdminSite: sign-in (password, then the second factor if set) and sign-out.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"

namespace procura::web {

namespace {

// Only local admin paths are followed after sign-in.
std::string SafeNext(const std::string& next) {
  return http::IsLocalRedirectTarget(next, "/admin/") ? next : "/admin/";
}

}  // namespace

void AdminSite::SetSignInPurpose(const AdminContext& ctx, const std::string& next,
                                 TemplateData& body) {
  for (const auto& purpose : sign_in_purposes_)  // the areas' check-in URLs
    if (std::string said = purpose(ctx, next); !said.empty()) {
      body.set("purpose", said);
      return;
    }
}

void AdminSite::SetFirstAccountHint(TemplateData& body) {
  if (has_accounts_.load(std::memory_order_relaxed)) return;
  auto users = d_.storage.users().ListUsers();
  if (!users.ok()) return;
  if (!users->empty()) {
    has_accounts_.store(true, std::memory_order_relaxed);
    return;
  }
  body.set("no_accounts", TemplateTrue());
  body.set("first_account_command", "build/procura user add NAME --role admin --data DIR");
}

Response AdminSite::LoginForm(const Request& req, const RouteParams&, AdminContext& ctx) {
  if (ctx.session) return SeeOther("/admin/");
  const std::string token = auth::RandomToken();
  data body;
  body.set("login_token", token);
  auto q = ParseQuery(req.query);
  body.set("next", SafeNext(q["next"]));
  SetSignInPurpose(ctx, SafeNext(q["next"]), body);
  SetFirstAccountHint(body);
  Response res = Page(ctx, "admin_login", std::move(body), N_("Sign in"));
  res.SetHeader("Set-Cookie", http::SetCookie(kLoginCookie, token, 3600));
  return res;
}

Response AdminSite::Login(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form form = http::Form::Parse(req.body);
  const std::string cookie = http::CookieValue(req, kLoginCookie);
  if (cookie.empty() || !auth::ConstantTimeEquals(cookie, form.Get("_csrf"))) {
    return Message(ctx, 403, N_("Request refused"),
                   N_("The sign-in form is out of date. Reload the page and sign in again."));
  }
  const std::string name = Utf8Prefix(form.Get("name"), 64);
  auto outcome = d_.accounts.Login(name, form.Get("password").substr(0, 1024), req.remote_addr,
                                   req.Header("user-agent"));
  if (!outcome.ok()) {
    const std::string token = auth::RandomToken();
    data body;
    body.set("login_token", token);
    body.set("next", SafeNext(form.Get("next")));
    body.set("name", name);
    body.set("error", ErrorText(ctx, outcome.status()));
    SetSignInPurpose(ctx, SafeNext(form.Get("next")), body);
    SetFirstAccountHint(body);
    Response res = Page(ctx, "admin_login", std::move(body), N_("Sign in"),
                        outcome.status().code() == Status::Code::kDenied ? 401 : 500);
    res.SetHeader("Set-Cookie", http::SetCookie(kLoginCookie, token, 3600));
    return res;
  }
  if (!outcome->mfa_ticket.empty())  // the password was right: now the second step
    return SecondFactorForm(ctx, cookie, outcome->mfa_ticket, SafeNext(form.Get("next")), "", 200);
  return FinishSignIn(ctx, *outcome, SafeNext(form.Get("next")));
}

Response AdminSite::FinishSignIn(AdminContext& ctx, const auth::LoginOutcome& outcome,
                                 std::string next) {
  if (ctx.session) {  // a new token at every sign-in; end the old session
    (void)d_.accounts.Logout(ctx.session->token_hash, ctx.actor);
  }
  // Every role lands on its own dashboard at /admin/ (or where it was going).
  Response res = SeeOther(next);
  res.headers.emplace_back("Set-Cookie", http::SetCookie(kSessionCookie, outcome.token));
  res.headers.emplace_back("Set-Cookie", http::SetCookie(kLoginCookie, "", 0));
  return res;
}

Response AdminSite::SecondFactorForm(const AdminContext& ctx, const std::string& login_token,
                                     const std::string& ticket, const std::string& next,
                                     const std::string& error, int status) {
  data body;
  body.set("login_token", login_token);
  body.set("ticket", ticket);
  body.set("next", next);
  if (!error.empty()) body.set("error", error);
  return Page(ctx, "admin_login_mfa", std::move(body), N_("Two-step sign-in"), status);
}

// The second step: the sign-in form's token (cookie) still guards it, and
// the ticket from the first step says whose password was right.
Response AdminSite::LoginSecondFactor(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form form = http::Form::Parse(req.body);
  const std::string cookie = http::CookieValue(req, kLoginCookie);
  if (cookie.empty() || !auth::ConstantTimeEquals(cookie, form.Get("_csrf")))
    return Message(ctx, 403, N_("Request refused"),
                   N_("The sign-in form is out of date. Reload the page and sign in again."));
  const std::string ticket = form.Get("ticket").substr(0, 128);
  const std::string next = SafeNext(form.Get("next"));
  auto outcome = d_.accounts.CompleteSecondFactor(ticket, form.Get("code"), req.remote_addr,
                                                  req.Header("user-agent"));
  if (!outcome.ok())
    return SecondFactorForm(ctx, cookie, ticket, next, ErrorText(ctx, outcome.status()), 401);
  return FinishSignIn(ctx, *outcome, next);
}

Response AdminSite::Logout(const Request&, const RouteParams&, AdminContext& ctx) {
  (void)d_.accounts.Logout(ctx.session->token_hash, ctx.actor);
  Response res = SeeOther("/admin/login");
  res.SetHeader("Set-Cookie", http::SetCookie(kSessionCookie, "", 0));
  return res;
}

}  // namespace procura::web
