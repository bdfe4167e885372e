// AdminSite: sign-in, own account, audit log, columns.
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
  auto outcome = d_.accounts.Login(name, form.Get("password").substr(0, 1024), req.remote_addr);
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
  auto outcome = d_.accounts.CompleteSecondFactor(ticket, form.Get("code"), req.remote_addr);
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

Response AdminSite::AccountPage(const Request& req, const RouteParams&, AdminContext& ctx) {
  data body;
  body.set("name", ctx.who().name);
  std::string roles;  // in words, in the reader's language ("编辑、审核人")
  for (auto r : ctx.who().roles)
    roles += (roles.empty() ? "" : T(ctx, N_(", "))) + T(ctx, RoleLabel(auth::RoleName(r)));
  body.set("roles", roles);
  auto q = ParseQuery(req.query);
  if (q["changed"] == "1") body.set("done", TemplateTrue());
  if (q["language"] == "1") body.set("language_done", TemplateTrue());
  const std::string chosen = ctx.who().lang;
  data langs{data::type::list};
  langs.push_back(SelectOption("", T(ctx, "The site's language"), chosen.empty()));
  langs.push_back(SelectOption("zh-CN", T(ctx, N_("Chinese")), chosen == "zh-CN"));
  langs.push_back(SelectOption("en", T(ctx, N_("English")), chosen == "en"));
  body.set("langs", langs);
  return Page(ctx, "admin_account", std::move(body), N_("Your account"));
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
  data body;
  body.set("name", ctx.who().name);
  if (form.Get("new_password") != form.Get("new_password_again")) {
    body.set("error", T(ctx, N_("The two new passwords differ. Type the same password twice.")));
    return Page(ctx, "admin_account", std::move(body), N_("Your account"), 422);
  }
  auto renewed = d_.accounts.ChangeOwnPassword(ctx.who().user_id, form.Get("current_password"),
                                               form.Get("new_password"), ctx.actor);
  if (!renewed.ok()) {
    body.set("error", ErrorText(ctx, renewed.status()));
    return Page(ctx, "admin_account", std::move(body), N_("Your account"), 422);
  }
  // Every other session has ended; this browser continues in a new one.
  Response res = SeeOther("/admin/account?changed=1");
  res.headers.emplace_back("Set-Cookie", http::SetCookie(kSessionCookie, renewed->token));
  return res;
}

namespace {
AuditFilter AuditFilterFrom(const std::string& query, int offset_minutes) {
  auto q = ParseQuery(query);
  AuditFilter f;
  f.actor = Utf8Prefix(q["actor"], 64);
  f.action = Utf8Prefix(q["action"], 64);
  f.object_type = Utf8Prefix(q["object"], 32);
  if (auto t = ParseLocalTime(q["from"], offset_minutes)) f.from = *t;
  if (auto t = ParseLocalTime(q["to"], offset_minutes)) f.to = *t + 86399;
  f.limit = 200;
  f.offset = static_cast<int>((ParsePositiveId(q["page"]).value_or(1) - 1) * 200);
  return f;
}
}  // namespace

Response AdminSite::AuditPage(const Request& req, const RouteParams&, AdminContext& ctx) {
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  const AuditFilter f = AuditFilterFrom(req.query, offset);
  auto entries = audit_log().Query(f);
  data body;
  body.set("zone", FormatUtcOffset(offset));
  body.set("actor", f.actor);
  body.set("action", f.action);
  body.set("object", f.object_type);
  auto q = ParseQuery(req.query);
  body.set("from", q["from"]);
  body.set("to", q["to"]);
  body.set("csv_url", "/admin/audit.csv" + (req.query.empty() ? "" : "?" + req.query));
  data rows{data::type::list};
  for (const auto& e : entries.ok() ? *entries : std::vector<AuditEntry>{}) {
    data r;
    r.set("at", FormatLocalTime(e.at, offset, true));
    r.set("datetime", FormatRfc3339(e.at, offset));
    r.set("actor", e.actor_name.empty() ? T(ctx, N_("(not signed in)")) : e.actor_name);
    r.set("ip", e.ip);
    r.set("action", e.action);
    r.set("object", e.object_type + (e.object_id ? " " + std::to_string(*e.object_id) : ""));
    r.set("detail", e.detail);
    rows.push_back(r);
  }
  if (rows.is_empty_list()) body.set("none", TemplateTrue());
  body.set("entries", rows);
  return Page(ctx, "admin_audit", std::move(body), N_("Audit log"));
}

Response AdminSite::AuditCsv(const Request& req, const RouteParams&, AdminContext&) {
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  AuditFilter f = AuditFilterFrom(req.query, offset);
  f.limit = 100000;
  auto entries = audit_log().Query(f);
  if (!entries.ok()) return Response::Text(500, "audit log unavailable\n");
  // Times carry their offset (RFC 3339), so the file is unambiguous anywhere.
  std::string csv = "time,actor,ip,action,object_type,object_id,detail\r\n";
  for (const auto& e : *entries) {
    csv += fmt::format("{},{},{},{},{},{},{}\r\n", FormatRfc3339(e.at, offset),
                       CsvField(e.actor_name), CsvField(e.ip), CsvField(e.action),
                       CsvField(e.object_type), e.object_id ? std::to_string(*e.object_id) : "",
                       CsvField(e.detail));
  }
  return Download(std::move(csv), tabular::kCsvMediaType, "audit-log.csv");
}

// The choice of how many review steps a column needs (三审三校).
TemplateData AdminSite::ReviewStepOptions(const AdminContext& ctx, int selected) const {
  data options{data::type::list};
  const char* labels[] = {N_("1 step: one review"), N_("2 steps: first and final review"),
                          N_("3 steps: first, second and final review")};
  for (int n = 1; n <= 3; ++n)
    options.push_back(SelectOption(std::to_string(n), T(ctx, labels[n - 1]), n == selected));
  return options;
}

Response AdminSite::ColumnsPage(const Request&, const RouteParams&, AdminContext& ctx) {
  auto columns = d_.storage.content().ListColumns().value();
  auto users = d_.storage.users().ListUsers().value();
  data body, list{data::type::list};
  for (const auto& c : columns) {
    data row;
    row.set("id", std::to_string(c.id));
    row.set("slug", c.slug);
    row.set("name", c.name);
    row.set("description", c.description);
    row.set("position", std::to_string(c.position));
    if (c.hidden) row.set("hidden", TemplateTrue());
    if (c.four_eyes) row.set("four_eyes", TemplateTrue());
    auto grants = d_.storage.users().ColumnReviewerGrants(c.id).value();
    row.set("steps_options", ReviewStepOptions(ctx, c.review_steps));
    data types{data::type::list};
    for (const auto& [value, label] :
         {std::pair{"news", N_("News: stale after 2 weeks without a new article")},
          std::pair{"notice", N_("Notices: stale after 6 months")},
          std::pair{"policy", N_("Policy: stale after 6 months")},
          std::pair{"other", N_("Other: never counted as stale")}})
      types.push_back(SelectOption(value, T(ctx, label), c.column_type == value));
    row.set("types", types);
    auto editors = d_.storage.users().ColumnEditors(c.id).value();
    data parents{data::type::list}, revs{data::type::list}, eds{data::type::list};
    for (const auto& p : columns) {
      if (p.id != c.id)
        parents.push_back(SelectOption(std::to_string(p.id), p.name, c.parent_id == p.id));
    }
    for (const auto& u : users) {
      if (std::find(u.roles.begin(), u.roles.end(), "reviewer") == u.roles.end()) continue;
      data o;
      o.set("value", std::to_string(u.id));
      o.set("name", u.name);
      int mask = kAllReviewSteps;
      for (const auto& g : grants)
        if (g.user_id == u.id) {
          o.set("checked", TemplateTrue());
          mask = g.steps;
        }
      data rights{data::type::list};
      for (const auto& [bit, label] : {std::pair{1, N_("first review")},
                                       std::pair{2, N_("second review")},
                                       std::pair{4, N_("final review")}}) {
        data r;
        r.set("bit", std::to_string(bit));
        r.set("label", T(ctx, label));
        if (mask & bit) r.set("on", TemplateTrue());
        rights.push_back(r);
      }
      o.set("rights", rights);
      revs.push_back(o);
    }
    for (const auto& u : users) {
      if (std::find(u.roles.begin(), u.roles.end(), "editor") == u.roles.end()) continue;
      data o;
      o.set("value", std::to_string(u.id));
      o.set("name", u.name);
      if (std::find(editors.begin(), editors.end(), u.id) != editors.end())
        o.set("checked", TemplateTrue());
      eds.push_back(o);
    }
    row.set("parents", parents);
    row.set("reviewers", revs);
    row.set("editors", eds);
    list.push_back(row);
  }
  body.set("columns", list);
  return Page(ctx, "admin_columns", std::move(body), N_("Columns"));
}

namespace {
ColumnInput ColumnFromForm(const http::Form& f) {
  ColumnInput in;
  in.slug = f.Get("slug");
  in.name = f.Get("name");
  in.description = f.Get("description");
  if (auto p = ParsePositiveId(f.Get("parent"))) in.parent_id = *p;
  in.position = static_cast<int>(ParsePositiveId(f.Get("position")).value_or(0));
  in.hidden = f.Get("hidden") == "1";
  in.four_eyes = f.Get("four_eyes") == "1";
  in.review_steps = static_cast<int>(ParsePositiveId(f.Get("review_steps")).value_or(1));
  if (!f.Get("column_type").empty()) in.column_type = f.Get("column_type");
  for (const auto& r : f.All("reviewer"))
    if (auto id = ParsePositiveId(r)) {
      in.reviewer_ids.push_back(*id);
      // The form carries each reviewer's steps (rights_shown); a post
      // without them gives every step, as before steps existed.
      if (f.Get("rights_shown") != "1") continue;
      int mask = 0;
      for (const auto& bit : f.All("steps-" + r))
        if (bit == "1" || bit == "2" || bit == "4") mask |= std::stoi(bit);
      in.reviewer_steps[*id] = mask;
    }
  for (const auto& r : f.All("editor"))
    if (auto id = ParsePositiveId(r)) in.editor_ids.push_back(*id);
  return in;
}
}  // namespace

Response AdminSite::CreateColumn(const Request& req, const RouteParams&, AdminContext& ctx) {
  auto id = d_.columns.Create(ColumnFromForm(http::Form::Parse(req.body)), ctx.who(), ctx.actor);
  if (!id.ok()) return Message(ctx, 422, N_("Column not created"), id.status());
  return Done("/admin/columns", "saved");
}

Response AdminSite::UpdateColumn(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return Message(ctx, 404, N_("Not found"), N_("There is no such column."));
  Status s =
      d_.columns.Update(*id, ColumnFromForm(http::Form::Parse(req.body)), ctx.who(), ctx.actor);
  if (!s.ok())
    return Message(ctx, s.code() == Status::Code::kNotFound ? 404 : 422, N_("Column not saved"),
                   s);
  return Done("/admin/columns", "saved");
}

}  // namespace procura::web
