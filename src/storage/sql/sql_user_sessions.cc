// SqlUserRepository, sign-in state: sessions, API tokens, the sign-in
// throttle, TOTP and recovery codes, second-factor tickets, and the
// sweeps of what has expired.
#include "storage/sql/sql_user_repository.h"

namespace procura::sql {

Status SqlUserRepository::InsertSession(const SessionRecord& s) {
  return RunWith(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip, "
      "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [&](Statement& st) {
        st.Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.csrf_token);
        st.Bind(4, s.created_at).Bind(5, s.last_seen_at).Bind(6, s.ip).Bind(7, s.user_agent);
      });
}

Result<std::optional<SessionRecord>> SqlUserRepository::FindSession(const std::string& hash) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent "
      "FROM sessions "
      "WHERE token_hash = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, hash);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(
      SessionRecord{st->Text(0), st->Int(1), st->Text(2), st->Int(3), st->Int(4), st->Text(5),
                    st->Text(6)});
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
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent "
      "FROM sessions "
      "WHERE user_id = ? ORDER BY created_at DESC, token_hash");
  if (!st.ok()) return st.status();
  st->Bind(1, user_id);
  std::vector<SessionRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st->Text(0), st->Int(1), st->Text(2), st->Int(3), st->Int(4), st->Text(5),
                   st->Text(6)});
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

Result<std::optional<std::int64_t>> SqlUserRepository::UserOfHash(const char* sql,
                                                                const std::string& hash) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, hash);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(st->Int(0));
}

Result<std::optional<std::int64_t>> SqlUserRepository::FindApiTokenUser(
    const std::string& hash) {
  return UserOfHash("SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked = 0", hash);
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
