// AccountService, one's own sessions: where else the account is signed in,
// and signing out everywhere else (ASVS 5.0 V7.5.2: users can view and,
// having re-entered their password, end their other sessions), and the
// password typed again for that or to change it, throttled like sign-ins.
#include <fmt/format.h>

#include "auth/accounts.h"
#include "auth/password.h"
#include "core/clock.h"

namespace procura::auth {

Status AccountService::CheckReenteredPassword(const UserRecord& u, const std::string& password,
                                              const Actor& by) {
  UserRepository& users = storage_.users();
  const UnixSeconds now = NowUnix();
  const std::string key = ThrottleKey(u.name);
  auto failures = users.LoginFailures(key, by.ip);
  if (!failures.ok()) return failures.status();
  if (const UnixSeconds wait = ThrottleWait(failures->first, failures->second, now); wait > 0)
    return Status::Denied(N_("Too many wrong passwords from this address. Try again in {seconds} "
                             "seconds."),
                          {{"seconds", std::to_string(wait)}});
  if (!password.empty() && VerifyPassword(u.password_hash, password)) {
    (void)users.ClearLoginFailures(key, by.ip);
    return Status::Ok();
  }
  (void)users.RecordLoginFailure(key, by.ip, now);
  audit_.Record(by, "password.recheck_failed", "user", u.id, "");
  return Status::Denied(N_("The current password is not right."));
}

Result<std::vector<SessionSummary>> AccountService::ListSessions(const Session& current) {
  auto rows = storage_.users().ListUserSessions(current.principal.user_id);
  if (!rows.ok()) return rows.status();
  const UnixSeconds now = NowUnix();
  std::vector<SessionSummary> out;
  for (const auto& r : *rows) {
    const bool live = now - r.last_seen_at <= sp_.idle_seconds &&
                      now - r.created_at <= sp_.absolute_seconds;
    const bool mine = r.token_hash == current.token_hash;
    if (live || mine) out.push_back({r.created_at, r.last_seen_at, r.ip, r.user_agent, mine});
  }
  return out;
}

Result<int> AccountService::EndOtherSessions(const Session& current, const std::string& password,
                                             const Actor& by) {
  const std::int64_t uid = current.principal.user_id;
  auto u = storage_.users().FindUserById(uid);
  if (!u.ok()) return u.status();
  if (!u->has_value()) return Status::NotFound(N_("There is no such user."));
  PROCURA_RETURN_IF_ERROR(CheckReenteredPassword(**u, password, by));
  int ended = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto n = tx.users().DeleteOtherSessions(uid, current.token_hash);
    if (!n.ok()) return n.status();
    ended = *n;
    return audit_.Write(tx, by, "session.end_others", "user", uid,
                        ended == 1 ? std::string("1 other session ended")
                                   : fmt::format("{} other sessions ended", ended));
  }));
  return ended;
}

}  // namespace procura::auth
