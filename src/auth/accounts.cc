#include "auth/accounts.h"

#include <fmt/format.h>

#include "core/clock.h"
#include "core/text.h"

namespace procura::auth {
namespace {

std::string RolesText(const std::vector<std::string>& roles) {
  std::string s;
  for (const auto& r : roles) s += (s.empty() ? "" : ",") + r;
  return s;
}

}  // namespace

bool IsValidUserName(std::string_view name) {
  if (name.empty() || name.size() > 64 || !std::isalnum(static_cast<unsigned char>(name[0])))
    return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return false;
  }
  return true;
}

Result<std::int64_t> AccountService::AddUser(const std::string& name, const std::string& password,
                                             const std::vector<std::string>& roles,
                                             const Actor& by) {
  if (!IsValidUserName(name)) {
    return Status::Invalid(
        N_("A user name has 1 to 64 letters, digits, '.', '_' or '-', and starts with a letter "
           "or digit."));
  }
  if (roles.empty()) return Status::Invalid(N_("Choose at least one role."));
  for (const auto& r : roles) {
    if (!ParseRole(r)) {
      return Status::Invalid(
          N_("Unknown role '{role}' (use admin, editor, reviewer, records-officer, "
             "branch-secretary, member)."),
          {{"role", r}});
    }
  }
  PROCURA_RETURN_IF_ERROR(policy_.Check(password));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  UserRecord u;
  u.name = name;
  u.display_name = name;
  u.password_hash = *hash;
  u.created_at = NowUnix();
  u.roles = roles;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.users().InsertUser(u);
    if (!inserted.ok()) {
      if (inserted.status().code() == Status::Code::kAlreadyExists)
        return Status::Exists(N_("The user name '{name}' is taken."), {{"name", name}});
      return inserted.status();
    }
    id = *inserted;
    return audit_.Write(tx, by, "user.add", "user", id,
                        fmt::format("name={} roles={}", name, RolesText(roles)));
  }));
  return id;
}

Status AccountService::SetPassword(const std::string& name, const std::string& password,
                                   const Actor& by) {
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  PROCURA_RETURN_IF_ERROR(policy_.Check(password));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().UpdatePasswordHash((*u)->id, *hash));
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteUserSessions((*u)->id));
    return audit_.Write(tx, by, "user.password", "user", (*u)->id, "password reset; sessions ended");
  });
}

Result<LoginOutcome> AccountService::ChangeOwnPassword(std::int64_t user_id,
                                                       const std::string& current,
                                                       const std::string& next, const Actor& by,
                                                       std::string_view user_agent) {
  auto u = storage_.users().FindUserById(user_id);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no such user."));
  PROCURA_RETURN_IF_ERROR(CheckReenteredPassword(**u, current, by));
  PROCURA_RETURN_IF_ERROR(policy_.Check(next));
  auto hash = HashPassword(next);
  if (!hash.ok()) return hash.status();
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().UpdatePasswordHash(user_id, *hash));
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteUserSessions(user_id));
    return audit_.Write(tx, by, "user.password", "user", user_id,
                        "changed by the user; other sessions ended, this one renewed");
  }));
  return StartSession(**u, by.ip, user_agent);
}

Status AccountService::SetRoles(const std::string& name, const std::vector<std::string>& roles,
                                const Actor& by) {
  if (roles.empty()) return Status::Invalid(N_("Choose at least one role."));
  for (const auto& r : roles)
    if (!ParseRole(r)) return Status::Invalid(N_("Unknown role '{role}'."), {{"role", r}});
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().SetRoles((*u)->id, roles));
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteUserSessions((*u)->id));
    return audit_.Write(tx, by, "user.roles", "user", (*u)->id,
                        fmt::format("{} -> {}", RolesText((*u)->roles), RolesText(roles)));
  });
}

Status AccountService::LinkMember(std::int64_t user_id, std::int64_t member_id, const Actor& by) {
  auto user = storage_.users().FindUserById(user_id);
  if (!user.ok()) return user.status();
  if (!user->has_value())
    return Status::NotFound(N_("There is no such account."));
  // Read and written in one transaction: a concurrent member update or
  // transfer (on any node) is neither undone nor raced.
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto m = tx.org().GetMember(member_id);
    if (!m.ok()) return m.status();
    if (!m->has_value()) return Status::NotFound(N_("There is no such party member."));
    MemberRecord rec = **m;
    if (rec.user_id == user_id) return Status::Ok();
    if (rec.user_id) {
      auto other = tx.users().FindUserById(*rec.user_id);
      return Status::Conflict(
          N_("{name}'s record is already linked to the account '{account}'; unlink it first."),
          {{"name", rec.name},
           {"account", other.ok() && other->has_value() ? (*other)->name : "?"}});
    }
    auto before = tx.org().MemberForUser(user_id);
    if (!before.ok()) return before.status();
    if (before->has_value()) {
      MemberRecord old = **before;
      old.user_id.reset();
      PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(old));
      PROCURA_RETURN_IF_ERROR(audit_.Write(tx, by, "user.unlink-member", "user", user_id,
                                           "member " + std::to_string(old.id)));
    }
    rec.user_id = user_id;
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(rec));
    return audit_.Write(tx, by, "user.link-member", "user", user_id,
                        "member " + std::to_string(member_id));
  });
}

Status AccountService::UnlinkMember(std::int64_t member_id, const Actor& by) {
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto m = tx.org().GetMember(member_id);
    if (!m.ok()) return m.status();
    if (!m->has_value()) return Status::NotFound(N_("There is no such party member."));
    MemberRecord rec = **m;
    if (!rec.user_id) return Status::Ok();
    const std::int64_t user_id = *rec.user_id;
    rec.user_id.reset();
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(rec));
    return audit_.Write(tx, by, "user.unlink-member", "user", user_id, "member " + std::to_string(member_id));
  });
}

Status AccountService::Enable(const std::string& name, const Actor& by) {
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().SetDisabled((*u)->id, false));
    return audit_.Write(tx, by, "user.enable", "user", (*u)->id, "enabled");
  });
}

Status AccountService::Disable(const std::string& name, const Actor& by) {
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().SetDisabled((*u)->id, true));
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteUserSessions((*u)->id));
    PROCURA_RETURN_IF_ERROR(tx.users().RevokeApiTokens((*u)->id));  // enabling does not revive them
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteCalendarLink((*u)->id));  // nor this
    return audit_.Write(tx, by, "user.disable", "user", (*u)->id, "disabled; sessions ended; API tokens revoked; calendar address stopped");
  });
}

Status AccountService::ResetMfa(const std::string& name, const Actor& by) {
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  return mfa_.Reset((*u)->id, by);
}

Result<std::string> AccountService::CreateApiToken(const std::string& name,
                                                   const std::string& label, const Actor& by) {
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  if (!IsValidUtf8(label) || Utf8Length(label) > 100)
    return Status::Invalid(N_("The label is too long: at most 100 characters."));
  const std::string token = "pct_" + RandomToken();
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(
        tx.users().InsertApiToken((*u)->id, HashToken(token), label, NowUnix()));
    return audit_.Write(tx, by, "user.api-token", "user", (*u)->id, "created: " + label);
  }));
  return token;
}

Result<std::optional<Principal>> AccountService::AuthenticateApiToken(const std::string& token) {
  if (token.size() < 10 || token.size() > 128) return std::optional<Principal>();
  auto uid = storage_.users().FindApiTokenUser(HashToken(token));
  if (!uid.ok()) return uid.status();
  if (!uid->has_value()) return std::optional<Principal>();
  auto u = storage_.users().FindUserById(**uid);
  if (!u.ok()) return u.status();
  if (!u->has_value() || (*u)->disabled) return std::optional<Principal>();
  auto p = LoadPrincipal(**u);
  if (!p.ok()) return p.status();
  return std::optional<Principal>(std::move(p).value());
}

Status AccountService::RevokeApiTokens(const std::string& name, const Actor& by) {
  auto u = storage_.users().FindUserByName(name);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no user named '{name}'."), {{"name", name}});
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().RevokeApiTokens((*u)->id));
    return audit_.Write(tx, by, "user.api-token", "user", (*u)->id, "all tokens revoked");
  });
}

Status AccountService::SetLanguage(std::int64_t user_id, const std::string& lang,
                                   const Actor& by) {
  if (lang != "" && lang != "zh-CN" && lang != "en")
    return Status::Invalid(N_("Choose Chinese (zh-CN) or English (en)."));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().SetLanguage(user_id, lang));
    return audit_.Write(tx, by, "user.language", "user", user_id, lang.empty() ? "site default" : lang);
  });
}

Result<Principal> AccountService::LoadPrincipal(const UserRecord& u) {
  Principal p;
  p.user_id = u.id;
  p.name = u.name;
  p.lang = u.lang;
  for (const auto& r : u.roles) {
    if (auto role = ParseRole(r)) p.roles.insert(*role);
  }
  auto grants = storage_.users().ReviewerGrants(u.id);
  if (!grants.ok()) return grants.status();
  for (const auto& g : *grants) {  // (user_id holds the column here)
    p.reviewer_columns.insert(g.user_id);
    p.review_rights[g.user_id] = g.steps;
  }
  auto edits = storage_.users().EditorColumns(u.id);
  if (!edits.ok()) return edits.status();
  p.editor_columns.insert(edits->begin(), edits->end());
  return p;
}

}  // namespace procura::auth
