// SystemAdmin: its routes, and user accounts (admins only): add, change roles, reset a
// password, disable and enable. Every change is audited by AccountService.
#include <algorithm>
#include <cctype>
#include <map>

#include "web/admin/admin_handler.h"
#include "web/admin/admin_system.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// `label` turns a role's code into the words shown beside its checkbox.
data RoleChoices(const std::vector<std::string>& current, const std::string& prefix,
                 const std::function<std::string(std::string_view)>& label) {
  data list{data::type::list};
  for (auto role : auth::AllRoleNames()) {
    data o;
    o.set("role", std::string(role));
    o.set("label", label(role));
    o.set("field_id", prefix + "-" + std::string(role));
    if (std::find(current.begin(), current.end(), std::string(role)) != current.end())
      o.set("checked", TemplateTrue());
    list.push_back(o);
  }
  return list;
}

}  // namespace

void SystemAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/users", Needs(A::kManageUsers), bind(&SystemAdmin::UsersPage));
  kit.Add(r, "POST", "/admin/users", Needs(A::kManageUsers), bind(&SystemAdmin::AddUser));
  kit.Add(r, "GET", "/admin/users/{name}", Needs(A::kManageUsers), bind(&SystemAdmin::UserPage));
  kit.Add(r, "POST", "/admin/users/{name}", Needs(A::kManageUsers), bind(&SystemAdmin::UpdateUser));
  kit.Add(r, "GET", "/admin/audit", Needs(A::kViewAudit), bind(&SystemAdmin::AuditPage));
  kit.Add(r, "GET", "/admin/audit.csv", Needs(A::kViewAudit), bind(&SystemAdmin::AuditCsv));
  kit.Add(r, "GET", "/admin/columns", Needs(A::kManageColumns), bind(&SystemAdmin::ColumnsPage));
  kit.Add(r, "POST", "/admin/columns", Needs(A::kManageColumns), bind(&SystemAdmin::CreateColumn));
  kit.Add(r, "GET", "/admin/columns/{id}", Needs(A::kManageColumns), bind(&SystemAdmin::ColumnPage));
  kit.Add(r, "POST", "/admin/columns/{id}", Needs(A::kManageColumns),
          bind(&SystemAdmin::UpdateColumn));
  kit.Add(r, "GET", "/admin/settings", Needs(A::kManageSite), bind(&SystemAdmin::SettingsPage));
  kit.Add(r, "POST", "/admin/settings", Needs(A::kManageSite), bind(&SystemAdmin::SaveSettings));
  kit.AddDashboardPart(
      [this](const AdminContext& ctx, TemplateData& body) { GettingStartedPart(ctx, body); });
}

// The accounts as a table (name, roles, two-step sign-in, state), each
// linked to its own page; the form for a new account below.
Response SystemAdmin::UsersListPage(const AdminContext& ctx, const std::string& error, int status) {
  const auto label = [&](std::string_view role) { return d_.kit.T(ctx, RoleLabel(role)); };
  const char* separator = d_.kit.LangOf(ctx) == i18n::Lang::kZh ? "、" : ", ";
  data body, rows{data::type::list};
  for (const auto& u : d_.accounts.ListUsers().value()) {
    data row;
    row.set("name", u.name);
    std::string roles;
    for (const auto& r : u.roles) roles += (roles.empty() ? "" : separator) + label(r);
    row.set("roles", roles);
    if (u.disabled) row.set("disabled", TemplateTrue());
    if (auto on = d_.accounts.mfa().Enabled(u.id); on.ok() && *on) row.set("mfa", TemplateTrue());
    rows.push_back(row);
  }
  body.set("users", rows);
  body.set("new_roles", RoleChoices({}, "new", label));
  if (!error.empty()) body.set("error", error);
  return d_.kit.Page(ctx, "admin_users", std::move(body), N_("Users"), status);
}

// One account: its roles, a new password, two-step sign-in, disabling.
Response SystemAdmin::OneUserPage(const AdminContext& ctx, const std::string& name,
                                  const std::string& error, int status) {
  const auto label = [&](std::string_view role) { return d_.kit.T(ctx, RoleLabel(role)); };
  auto users = d_.accounts.ListUsers().value();
  // Names are unique whatever their case, as the account service finds them.
  const auto same = [](unsigned char a, unsigned char b) { return std::tolower(a) == std::tolower(b); };
  auto u = std::find_if(users.begin(), users.end(), [&](const UserRecord& x) {
    return std::equal(x.name.begin(), x.name.end(), name.begin(), name.end(), same);
  });
  if (u == users.end())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such user."));
  data body;
  body.set("name", u->name);
  body.set("id", std::to_string(u->id));
  if (u->disabled) body.set("disabled", TemplateTrue());
  if (auto on = d_.accounts.mfa().Enabled(u->id); on.ok() && *on) body.set("mfa", TemplateTrue());
  body.set("roles", RoleChoices(u->roles, "u" + std::to_string(u->id), label));
  // The columns the account reviews, and those whose articles it may edit.
  std::map<std::int64_t, std::string> names;
  for (const auto& c : d_.storage.content().ListColumns().value()) names[c.id] = c.name;
  const auto columns = [&](const std::vector<std::int64_t>& ids) {
    data list{data::type::list};
    for (auto id : ids) {
      data c;
      c.set("id", std::to_string(id));
      c.set("name", names[id]);
      list.push_back(c);
    }
    return list;
  };
  auto found_reviews = d_.storage.users().ReviewerColumns(u->id);
  auto found_edits = d_.storage.users().EditorColumns(u->id);
  const std::vector<std::int64_t> none, &reviews = found_reviews.ok() ? *found_reviews : none,
                                        &edits = found_edits.ok() ? *found_edits : none;
  body.set("review_columns", columns(reviews));
  body.set("edit_columns", columns(edits));
  if (!reviews.empty()) body.set("reviews_some", TemplateTrue());
  if (!edits.empty()) body.set("edits_some", TemplateTrue());
  if (!error.empty()) body.set("error", error);
  return d_.kit.Page(ctx, "admin_user", std::move(body), u->name, status);
}

Response SystemAdmin::UsersPage(const Request&, const RouteParams&, AdminContext& ctx) {
  return UsersListPage(ctx, "", 200);
}

Response SystemAdmin::UserPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  return OneUserPage(ctx, p.at("name"), "", 200);
}

Response SystemAdmin::AddUser(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form f = http::Form::Parse(req.body);
  if (f.Get("password") != f.Get("password_again"))
    return UsersListPage(
        ctx, d_.kit.T(ctx, N_("The two passwords differ. Type the same password twice.")), 422);
  auto id = d_.accounts.AddUser(f.Get("name"), f.Get("password"), f.All("role"), ctx.actor);
  if (!id.ok())
    return UsersListPage(ctx, d_.kit.ErrorText(ctx, id.status()), HttpStatusFor(id.status()));
  return AdminKit::Done("/admin/users", "saved");
}

Response SystemAdmin::UpdateUser(const Request& req, const RouteParams& p, AdminContext& ctx) {
  const http::Form f = http::Form::Parse(req.body);
  const std::string& name = p.at("name");
  const std::string& action = f.Get("action");
  Status s;
  const std::vector<std::string> roles = f.All("role");
  if (action == "roles") {
    if (name == ctx.who().name && std::find(roles.begin(), roles.end(), "admin") == roles.end())
      s = Status::Invalid(N_("You cannot remove your own administrator role."));
    else
      s = d_.accounts.SetRoles(name, roles, ctx.actor);
  } else if (action == "password") {
    s = d_.accounts.SetPassword(name, f.Get("password"), ctx.actor);
  } else if (action == "disable") {
    if (name != ctx.who().name)
      if (auto ask =
              d_.kit.ConfirmFirst(ctx, req,
                                  N_("Disable the account {name}? Its sessions end and it can no "
                                     "longer sign in until enabled again."),
                                  {{"name", name}}, "/admin/users/" + name))
        return *ask;
    s = name == ctx.who().name ? Status::Invalid(N_("You cannot disable yourself."))
                               : d_.accounts.Disable(name, ctx.actor);
  } else if (action == "enable") {
    s = d_.accounts.Enable(name, ctx.actor);
  } else if (action == "mfa-reset") {
    s = d_.accounts.ResetMfa(name, ctx.actor);
  } else {
    s = Status::Invalid(N_("Unknown action."));
  }
  if (!s.ok()) return OneUserPage(ctx, name, d_.kit.ErrorText(ctx, s), HttpStatusFor(s));
  return AdminKit::Done("/admin/users/" + name, "saved");
}

}  // namespace procura::web
