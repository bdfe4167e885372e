#include "web/admin/admin_handler.h"

#include <spdlog/spdlog.h>

#include "auth/password.h"
#include "core/text.h"
#include "http/multipart.h"

namespace procura::web {

namespace {

// Who may do what a refused route needs, for its 403 page: a user told
// only "not allowed" cannot ask for the right role.
const char* WhoMay(const Requirement& need) {
  using A = auth::Action;
  if (need.kind != Requirement::kAction) return N_("Your role does not allow this.");
  switch (need.action) {
    case A::kUseAdmin:
    case A::kHandleMessages:
      return N_("This needs the role of administrator, editor or reviewer.");
    case A::kWriteArticles:
      return N_("Writing articles needs the role of editor or reviewer; administrators do not "
                "write articles. Ask an administrator to add the role if you need it.");
    case A::kReviewColumn:
      return N_("This needs the role of reviewer of the article's column; an administrator "
                "assigns reviewers on the Columns page.");
    case A::kAnswerMessages:
      return N_("Approving a reply needs the role of reviewer or administrator.");
    case A::kViewRecords:
      return N_("The party records need the role of records officer, branch secretary or member.");
    case A::kManageRecords:
      return N_("Changing the party records needs the role of records officer.");
    default:
      return N_("This needs the role of administrator.");
  }
}

// True if absolute `url` is on this site: the configured public address's
// origin (behind a proxy that rewrites Host, that is what browsers name),
// or the host the request came to.
bool IsOnThisSite(std::string_view url, const Request& req, std::string_view public_url) {
  if (!public_url.empty() && !OriginOf(public_url).empty() && OriginOf(url) == OriginOf(public_url))
    return true;
  const std::string_view host = req.Header("host");
  if (host.empty()) return false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (url.substr(0, scheme.size()) != scheme) continue;
    const std::string_view rest = url.substr(scheme.size());
    return rest.substr(0, rest.find('/')) == host;
  }
  return false;
}

// The staff page a form came from (its Referer's path and query), for
// signing in again and going back there, where the form offers back what
// was typed: only a page of this site under /admin/; else the dashboard.
// The sign-in checks the address again (SafeNext).
std::string PageBeforeSessionEnded(const Request& req, std::string_view public_url) {
  const std::string_view referer = req.Header("referer");
  if (!IsOnThisSite(referer, req, public_url)) return "/admin/";
  const std::size_t path = referer.find('/', referer.find("://") + 3);
  if (path == std::string_view::npos) return "/admin/";
  const std::string_view target = referer.substr(path);
  return http::IsLocalRedirectTarget(target, "/admin/") ? std::string(target) : "/admin/";
}

}  // namespace

std::string_view OriginOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const size_t slash = url.find('/', scheme + 3);
  return url.substr(0, slash);
}

std::string AbsoluteUrl(const Request& req, std::string_view public_url, std::string_view path) {
  if (!OriginOf(public_url).empty()) return std::string(OriginOf(public_url)) + std::string(path);
  const std::string host(req.Header("host"));
  const bool local = host.rfind("127.0.0.1", 0) == 0 || host.rfind("localhost", 0) == 0;
  return (local ? "http://" : "https://") + host + std::string(path);
}

bool SameOrigin(const Request& req, std::string_view public_url) {
  std::string_view origin = req.Header("origin");
  if (origin.empty()) origin = req.Header("referer");
  return !origin.empty() && IsOnThisSite(origin, req, public_url);
}

void AdminSite::Add(http::Router& r, const char* method, const char* pattern, Requirement need,
                    Handler h) {
  routes_.push_back({method, pattern,
                     need.kind == Requirement::kNone ? "none"
                     : need.kind == Requirement::kSession
                         ? "session"
                         : std::string(auth::ActionName(need.action))});
  r.Add(method, pattern, [this, need, h = std::move(h)](const Request& q, const RouteParams& p) {
    return Guard(q, p, need, h);
  });
}

AdminContext AdminSite::ContextFor(const Request& req) {
  AdminContext ctx;
  ctx.actor.ip = req.remote_addr;
  ctx.path = req.path;
  if (!req.query.empty()) ctx.done = ParseQuery(req.query)["done"];
  if (std::string token = http::CookieValue(req, kSessionCookie); !token.empty()) {
    auto s = d_.accounts.Authenticate(token, req.remote_addr);
    if (s.ok() && s->has_value()) {
      ctx.session = std::move(*s);
      ctx.actor.id = ctx.session->principal.user_id;
      ctx.actor.name = ctx.session->principal.name;
    }
  }
  return ctx;
}

std::optional<Response> AdminSite::StaffNotFound(const Request& req) {
  if (req.path.rfind("/admin/", 0) != 0 || (req.method != "GET" && req.method != "HEAD"))
    return std::nullopt;
  AdminContext ctx = ContextFor(req);
  if (!ctx.session) return std::nullopt;
  Response res = Message(ctx, 404, N_("Not found"),
                         N_("There is no newsroom page at {path}. The menu above leads to "
                            "every page you may use."),
                         {{"path", req.path}});
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

Response AdminSite::Guard(const Request& req, const RouteParams& p, Requirement need,
                          const Handler& h) {
  AdminContext ctx = ContextFor(req);
  Response res;
  const bool post = req.method == "POST";
  std::string csrf;  // from the form, or the header for script calls
  if (post) {
    const std::string_view type = req.Header("content-type");
    if (type.rfind("multipart/form-data", 0) == 0) {
      auto parts = http::ParseMultipart(type, req.body);
      if (parts.ok())
        if (const http::FormPart* p = http::FindPart(*parts, "_csrf")) csrf = std::string(p->data);
    } else {
      csrf = http::Form::Parse(req.body).Get("_csrf");
    }
    if (csrf.empty()) csrf = std::string(req.Header("x-csrf-token"));
  }
  const auto allowed = [&] {
    return need.kind != Requirement::kAction || auth::MayAttempt(ctx.who(), need.action);
  };
  if (post && !SameOrigin(req, d_.content.Snapshot()->site().public_url)) {
    d_.audit.Record(ctx.actor, "denied.origin", "route", {}, req.method + " " + req.path);
    res = Message(ctx, 403, N_("Request refused"),
                  N_("This form was sent from another site (Origin check failed)."));
  } else if (need.kind != Requirement::kNone && !ctx.session) {
    res = post ? SessionEnded(ctx, req) : SeeOther("/admin/login?next=" + UrlEncode(req.target));
  } else if (post && need.kind != Requirement::kNone &&
             !auth::ConstantTimeEquals(csrf, ctx.session->csrf_token)) {
    d_.audit.Record(ctx.actor, "denied.csrf", "route", {}, req.method + " " + req.path);
    res = Message(ctx, 403, N_("Request refused"),
                  N_("The form's security token is missing or out of date. Reload the page "
                     "and try again."));
  } else if (MustEnrolMfa(ctx) && req.path.rfind("/admin/account", 0) != 0 &&
             req.path != "/admin/logout") {
    res = post ? Message(ctx, 403, N_("Set up two-step sign-in first"),
                         N_("Your role needs two-step sign-in. Set it up on your account page."))
               : SeeOther("/admin/account/mfa");
  } else if (!allowed()) {
    d_.audit.Record(ctx.actor, "denied.permission", "route", {}, req.method + " " + req.path);
    res = Message(ctx, 403, N_("Not allowed"), WhoMay(need));
  } else {
    try {
      res = h(req, p, ctx);
    } catch (const std::exception& e) {
      spdlog::error("admin handler {} threw: {}", req.path, e.what());
      res = Message(ctx, 500, N_("Service error"), N_("Something went wrong; it has been logged."));
    }
  }
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

void AdminSite::AddRoutes(http::Router& r) {
  const Requirement none{Requirement::kNone}, session{Requirement::kSession};
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  Add(r, "GET", "/admin/login", none, bind(&AdminSite::LoginForm));
  Add(r, "POST", "/admin/login", none, bind(&AdminSite::Login));
  Add(r, "POST", "/admin/logout", session, bind(&AdminSite::Logout));
  Add(r, "GET", "/admin/", session, bind(&AdminSite::Dashboard));
  Add(r, "GET", "/admin/account", session, bind(&AdminSite::AccountPage));
  Add(r, "POST", "/admin/account/password", session, bind(&AdminSite::ChangePassword));
  Add(r, "POST", "/admin/account/language", session, bind(&AdminSite::ChangeLanguage));
  Add(r, "POST", "/admin/account/sessions/end-others", session,
      bind(&AdminSite::EndOtherSessions));
  Add(r, "GET", "/admin/account/mfa", session, bind(&AdminSite::MfaPage));
  Add(r, "POST", "/admin/account/mfa/start", session, bind(&AdminSite::MfaStart));
  Add(r, "POST", "/admin/account/mfa/confirm", session, bind(&AdminSite::MfaConfirm));
  Add(r, "POST", "/admin/login/mfa", none, bind(&AdminSite::LoginSecondFactor));
}

// A form sent after its session ended: nothing was saved; a link signs in
// again and returns to the form's page.
http::Response AdminSite::SessionEnded(const AdminContext& ctx, const http::Request& req) {
  TemplateData body;
  body.set("heading", T(ctx, N_("Please sign in")));
  body.set("message", T(ctx, N_("Your session has ended, so what you sent was not saved. Sign in again to go back to the page; text typed there in an article or a meeting's record is offered back.")));
  const std::string page = PageBeforeSessionEnded(req, d_.content.Snapshot()->site().public_url);
  body.set("sign_in", "/admin/login?next=" + UrlEncode(page));
  return Page(ctx, "admin_message", std::move(body), N_("Please sign in"), 403);
}

}  // namespace procura::web
