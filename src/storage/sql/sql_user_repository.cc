#include "storage/sql/sql_user_repository.h"

#include <map>

namespace procura::sql {
namespace {

constexpr const char* kUserColumns =
    "id, name, display_name, password_hash, disabled, created_at, lang FROM users";

}  // namespace

Result<std::int64_t> SqlUserRepository::Changed(const char* sql,
                                               const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  bind(*st);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

Status SqlUserRepository::RunWith(const char* sql, const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  bind(*st);
  return st->Run();
}

Result<std::int64_t> SqlUserRepository::InsertUser(const UserRecord& u) {
  std::lock_guard lock(db_);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(db_.Atomically([&](Database& tx) -> Status {  // the user and roles, or nothing
    SqlUserRepository in_tx(tx);
    auto st = tx.Prepare(
        "INSERT INTO users (name, display_name, password_hash, disabled, created_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id");
    if (!st.ok()) return st.status();
    st->Bind(1, u.name).Bind(2, u.display_name).Bind(3, u.password_hash);
    st->Bind(4, std::int64_t{u.disabled ? 1 : 0}).Bind(5, u.created_at);
    auto inserted = st->RunReturningId();
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return in_tx.SetRoles(id, u.roles);
  }));
  return id;
}

Result<std::optional<UserRecord>> SqlUserRepository::FindUser(const char*, Statement& st) {
  auto row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UserRecord>();
  UserRecord u;
  u.id = st.Int(0);
  u.name = st.Text(1);
  u.display_name = st.Text(2);
  u.password_hash = st.Text(3);
  u.disabled = st.Int(4) != 0;
  u.created_at = st.Int(5);
  u.lang = st.Text(6);
  auto roles = db_.Prepare("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role");
  if (!roles.ok()) return roles.status();
  roles->Bind(1, u.id);
  auto names = roles->Collect<std::string>([](const Statement& row) { return row.Text(0); });
  if (!names.ok()) return names.status();
  u.roles = std::move(*names);
  return std::optional<UserRecord>(std::move(u));
}

Result<std::optional<UserRecord>> SqlUserRepository::FindUserByName(const std::string& name) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " WHERE lower(name) = lower(?)");
  if (!st.ok()) return st.status();
  st->Bind(1, name);
  return FindUser("name", *st);
}

Result<std::optional<UserRecord>> SqlUserRepository::FindUserById(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return FindUser("id", *st);
}

Result<std::vector<UserRecord>> SqlUserRepository::ListUsers() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " ORDER BY lower(name), id");
  if (!st.ok()) return st.status();
  auto users = st->Collect<UserRecord>([](const Statement& row) -> UserRecord {
    return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4) != 0, row.Int(5), {}};
  });
  if (!users.ok()) return users.status();
  std::vector<UserRecord> out = std::move(*users);
  std::map<std::int64_t, size_t> index;
  for (size_t i = 0; i < out.size(); ++i) index[out[i].id] = i;
  auto roles = db_.Prepare("SELECT user_id, role FROM user_roles ORDER BY role");
  if (!roles.ok()) return roles.status();
  for (;;) {
    auto row = roles->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (auto it = index.find(roles->Int(0)); it != index.end())
      out[it->second].roles.push_back(roles->Text(1));
  }
  return out;
}

Status SqlUserRepository::UpdatePasswordHash(std::int64_t id, const std::string& hash) {
  return RunWith("UPDATE users SET password_hash = ? WHERE id = ?",
                 [&](Statement& st) { st.Bind(1, hash).Bind(2, id); });
}

Status SqlUserRepository::SetDisabled(std::int64_t id, bool disabled) {
  return RunWith("UPDATE users SET disabled = ? WHERE id = ?",
                 [&](Statement& st) { st.Bind(1, std::int64_t{disabled ? 1 : 0}).Bind(2, id); });
}

Status SqlUserRepository::SetLanguage(std::int64_t id, const std::string& lang) {
  return RunWith("UPDATE users SET lang = ? WHERE id = ?",
                 [&](Statement& st) { st.Bind(1, lang).Bind(2, id); });
}

Status SqlUserRepository::SetRoles(std::int64_t id, const std::vector<std::string>& roles) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith("DELETE FROM user_roles WHERE user_id = ?",
                                    [&](Statement& st) { st.Bind(1, id); }));
    for (const auto& role : roles) {
      PROCURA_RETURN_IF_ERROR(
          in_tx.RunWith("INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT (user_id, role) DO NOTHING",
                  [&](Statement& st) { st.Bind(1, id).Bind(2, role); }));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::int64_t>> SqlUserRepository::Ids(const char* sql, std::int64_t arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  return st->Collect<std::int64_t>([](const Statement& row) { return row.Int(0); });
}

Result<std::vector<std::int64_t>> SqlUserRepository::ReviewerColumns(std::int64_t user_id) {
  return Ids("SELECT column_id FROM column_reviewers WHERE user_id = ? ORDER BY column_id",
             user_id);
}

Result<std::vector<std::int64_t>> SqlUserRepository::ColumnReviewers(std::int64_t column_id) {
  return Ids("SELECT user_id FROM column_reviewers WHERE column_id = ? ORDER BY user_id",
             column_id);
}

Result<std::vector<ReviewerGrant>> SqlUserRepository::Grants(const char* sql, std::int64_t arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  return st->Collect<ReviewerGrant>([](const Statement& row) {
    return ReviewerGrant{row.Int(0), static_cast<int>(row.Int(1))};
  });
}

Result<std::vector<ReviewerGrant>> SqlUserRepository::ColumnReviewerGrants(
    std::int64_t column_id) {
  return Grants("SELECT user_id, steps FROM column_reviewers WHERE column_id = ? ORDER BY user_id",
                column_id);
}

Result<std::vector<ReviewerGrant>> SqlUserRepository::ReviewerGrants(std::int64_t user_id) {
  return Grants(
      "SELECT column_id, steps FROM column_reviewers WHERE user_id = ? ORDER BY column_id",
      user_id);
}

Status SqlUserRepository::SetColumnReviewers(std::int64_t column_id,
                                             const std::vector<ReviewerGrant>& grants) {
  for (const auto& g : grants)
    if (g.steps < 1 || g.steps > kAllReviewSteps)
      return Status::Invalid("review steps must be a mask of 1 to 7");
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith("DELETE FROM column_reviewers WHERE column_id = ?",
                                          [&](Statement& st) { st.Bind(1, column_id); }));
    for (const auto& g : grants) {
      PROCURA_RETURN_IF_ERROR(in_tx.RunWith(
          "INSERT INTO column_reviewers (column_id, user_id, steps) VALUES (?, ?, ?) "
          "ON CONFLICT DO NOTHING",
          [&](Statement& st) {
            st.Bind(1, column_id).Bind(2, g.user_id).Bind(3, std::int64_t{g.steps});
          }));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::int64_t>> SqlUserRepository::EditorColumns(std::int64_t user_id) {
  return Ids("SELECT column_id FROM column_editors WHERE user_id = ? ORDER BY column_id", user_id);
}

Result<std::vector<std::int64_t>> SqlUserRepository::ColumnEditors(std::int64_t column_id) {
  return Ids("SELECT user_id FROM column_editors WHERE column_id = ? ORDER BY user_id",
             column_id);
}

Status SqlUserRepository::SetColumnEditors(std::int64_t column_id,
                                              const std::vector<std::int64_t>& user_ids) {
  return ReplaceColumnUsers("column_editors", column_id, user_ids);
}

Status SqlUserRepository::ReplaceColumnUsers(const std::string& table, std::int64_t column_id,
                                                const std::vector<std::int64_t>& user_ids) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith(("DELETE FROM " + table + " WHERE column_id = ?").c_str(),
                                    [&](Statement& st) { st.Bind(1, column_id); }));
    for (auto uid : user_ids) {
      PROCURA_RETURN_IF_ERROR(in_tx.RunWith(
          ("INSERT INTO " + table + " (column_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
              .c_str(),
          [&](Statement& st) { st.Bind(1, column_id).Bind(2, uid); }));
    }
    return Status::Ok();
  });
}

Status SqlUserRepository::InsertSession(const SessionRecord& s) {
  return RunWith(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      [&](Statement& st) {
        st.Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.csrf_token);
        st.Bind(4, s.created_at).Bind(5, s.last_seen_at).Bind(6, s.ip);
      });
}

Result<std::optional<SessionRecord>> SqlUserRepository::FindSession(const std::string& hash) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, ip FROM sessions "
      "WHERE token_hash = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, hash);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(
      SessionRecord{st->Text(0), st->Int(1), st->Text(2), st->Int(3), st->Int(4), st->Text(5)});
}

Status SqlUserRepository::TouchSession(const std::string& hash, UnixSeconds at) {
  return RunWith("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                 [&](Statement& st) { st.Bind(1, at).Bind(2, hash); });
}

Status SqlUserRepository::DeleteSession(const std::string& hash) {
  return RunWith("DELETE FROM sessions WHERE token_hash = ?",
                 [&](Statement& st) { st.Bind(1, hash); });
}

Status SqlUserRepository::DeleteUserSessions(std::int64_t user_id) {
  return RunWith("DELETE FROM sessions WHERE user_id = ?",
                 [&](Statement& st) { st.Bind(1, user_id); });
}

Result<std::vector<SessionRecord>> SqlUserRepository::ListUserSessions(std::int64_t user_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, ip FROM sessions "
      "WHERE user_id = ? ORDER BY created_at DESC, token_hash");
  if (!st.ok()) return st.status();
  st->Bind(1, user_id);
  std::vector<SessionRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st->Text(0), st->Int(1), st->Text(2), st->Int(3), st->Int(4), st->Text(5)});
  }
  return out;
}

Result<int> SqlUserRepository::DeleteOtherSessions(std::int64_t user_id, const std::string& keep) {
  std::lock_guard lock(db_);
  auto changed = Changed("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                         [&](Statement& st) { st.Bind(1, user_id).Bind(2, keep); });
  if (!changed.ok()) return changed.status();
  return static_cast<int>(*changed);
}

Status SqlUserRepository::InsertApiToken(std::int64_t user_id, const std::string& hash,
                                            const std::string& label, UnixSeconds at) {
  return RunWith(
      "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)",
      [&](Statement& st) { st.Bind(1, user_id).Bind(2, hash).Bind(3, label).Bind(4, at); });
}

Result<std::optional<std::int64_t>> SqlUserRepository::FindApiTokenUser(
    const std::string& hash) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked = 0");
  if (!st.ok()) return st.status();
  st->Bind(1, hash);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(st->Int(0));
}

Status SqlUserRepository::RevokeApiTokens(std::int64_t user_id) {
  return RunWith("UPDATE api_tokens SET revoked = 1 WHERE user_id = ?",
                 [&](Statement& st) { st.Bind(1, user_id); });
}

Status SqlUserRepository::RecordLoginFailure(const std::string& name, const std::string& client,
                                                UnixSeconds at) {
  return RunWith(
      "INSERT INTO login_throttle (user_name, client, failures, first_at, last_at) "
      "VALUES (?, ?, 1, ?, ?) ON CONFLICT (user_name, client) DO UPDATE SET "
      "failures = login_throttle.failures + 1, last_at = excluded.last_at",
      [&](Statement& st) { st.Bind(1, name).Bind(2, client).Bind(3, at).Bind(4, at); });
}

Result<std::pair<int, UnixSeconds>> SqlUserRepository::LoginFailures(const std::string& name,
                                                                        const std::string& client) {
  std::lock_guard lock(db_);
  auto st =
      db_.Prepare("SELECT failures, last_at FROM login_throttle WHERE user_name = ? AND client = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, name).Bind(2, client);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::pair<int, UnixSeconds>{0, 0};
  return std::pair<int, UnixSeconds>{static_cast<int>(st->Int(0)), st->Int(1)};
}

Result<int> SqlUserRepository::ClientFailuresSince(const std::string& client,
                                                      UnixSeconds since) {
  return Count("SELECT coalesce(sum(failures), 0) FROM login_throttle WHERE client = ? AND "
               "last_at >= ?",
               client, since);
}

Status SqlUserRepository::ClearLoginFailures(const std::string& name,
                                                const std::string& client) {
  return RunWith("DELETE FROM login_throttle WHERE user_name = ? AND client = ?",
                 [&](Statement& st) { st.Bind(1, name).Bind(2, client); });
}

Result<int> SqlUserRepository::Count(const char* sql, const std::string& key,
                                        UnixSeconds since) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, key).Bind(2, since);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st->Int(0));
}

Result<TotpState> SqlUserRepository::GetTotp(std::int64_t user_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, user_id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such user");
  return TotpState{st->Text(0), st->Int(1) != 0, st->Int(2)};
}

Status SqlUserRepository::SetTotp(std::int64_t user_id, const TotpState& t) {
  return RunWith(
      "UPDATE users SET totp_secret = ?, totp_enabled = ?, totp_last_step = ? WHERE id = ?",
      [&](Statement& st) {
        st.Bind(1, t.secret).Bind(2, std::int64_t{t.enabled ? 1 : 0}).Bind(3, t.last_step);
        st.Bind(4, user_id);
      });
}

Result<bool> SqlUserRepository::AdvanceTotpStep(std::int64_t user_id, std::int64_t step) {
  std::lock_guard lock(db_);
  auto changed = Changed("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
              [&](Statement& st) { st.Bind(1, step).Bind(2, user_id).Bind(3, step); });
  if (!changed.ok()) return changed.status();
  return *changed == 1;
}

Status SqlUserRepository::ReplaceRecoveryCodes(std::int64_t user_id,
                                                  const std::vector<std::string>& hashes) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith("DELETE FROM recovery_codes WHERE user_id = ?",
                                    [&](Statement& st) { st.Bind(1, user_id); }));
    for (const auto& h : hashes)
      PROCURA_RETURN_IF_ERROR(
          in_tx.RunWith("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
                  [&](Statement& st) { st.Bind(1, user_id).Bind(2, h); }));
    return Status::Ok();
  });
}

Result<bool> SqlUserRepository::UseRecoveryCode(std::int64_t user_id, const std::string& hash,
                                                   UnixSeconds at) {
  std::lock_guard lock(db_);
  auto changed = Changed(
      "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS "
      "NULL",
      [&](Statement& st) { st.Bind(1, at).Bind(2, user_id).Bind(3, hash); });
  if (!changed.ok()) return changed.status();
  return *changed == 1;
}

Result<int> SqlUserRepository::RecoveryCodesLeft(std::int64_t user_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL");
  if (!st.ok()) return st.status();
  st->Bind(1, user_id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st->Int(0));
}

Status SqlUserRepository::InsertMfaTicket(const std::string& hash, std::int64_t user_id,
                                             UnixSeconds at) {
  return RunWith("INSERT INTO mfa_tickets (token_hash, user_id, created_at) VALUES (?, ?, ?)",
                 [&](Statement& st) { st.Bind(1, hash).Bind(2, user_id).Bind(3, at); });
}

Result<std::optional<std::pair<std::int64_t, UnixSeconds>>> SqlUserRepository::FindMfaTicket(
    const std::string& hash) {
  using Found = std::optional<std::pair<std::int64_t, UnixSeconds>>;
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT user_id, created_at FROM mfa_tickets WHERE token_hash = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, hash);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Found();
  return Found(std::pair<std::int64_t, UnixSeconds>{st->Int(0), st->Int(1)});
}

Status SqlUserRepository::DeleteMfaTicket(const std::string& hash) {
  return RunWith("DELETE FROM mfa_tickets WHERE token_hash = ?",
                 [&](Statement& st) { st.Bind(1, hash); });
}

Result<int> SqlUserRepository::SweepSessions(UnixSeconds idle_before,
                                                UnixSeconds created_before) {
  std::lock_guard lock(db_);
  auto changed = Changed("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?",
              [&](Statement& st) { st.Bind(1, idle_before).Bind(2, created_before); });
  if (!changed.ok()) return changed.status();
  return static_cast<int>(*changed);
}

Result<int> SqlUserRepository::SweepLoginThrottle(UnixSeconds before) {
  std::lock_guard lock(db_);
  auto changed = Changed("DELETE FROM login_throttle WHERE last_at < ?",
                                  [&](Statement& st) { st.Bind(1, before); });
  if (!changed.ok()) return changed.status();
  return static_cast<int>(*changed);
}

Result<int> SqlUserRepository::SweepMfaTickets(UnixSeconds before) {
  std::lock_guard lock(db_);
  auto changed = Changed("DELETE FROM mfa_tickets WHERE created_at < ?",
                                  [&](Statement& st) { st.Bind(1, before); });
  if (!changed.ok()) return changed.status();
  return static_cast<int>(*changed);
}

}  // namespace procura::sql
