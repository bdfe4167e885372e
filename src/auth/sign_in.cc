// AccountService, signing in and out: the password (throttled per account
// and address), the second factor, the session that follows (its cookie
// token stored only as a hash, with the browser it came from), each
// request's session check (idle and absolute limits), and signing out.
#include <fmt/format.h>

#include "auth/accounts.h"
#include "auth/password.h"
#include "auth/user_agent.h"
#include "core/clock.h"
#include "core/text.h"

namespace procura::auth {
namespace {

constexpr const char* kBadLogin = N_("Wrong user name or password.");

// "with totp", "Chrome on Windows", "with totp; Chrome on Windows" or "".
std::string LoginDetail(std::string_view how, std::string_view user_agent) {
  std::string detail = how.empty() ? "" : "with " + std::string(how);
  const std::string browser = JoinDescription(DescribeUserAgent(user_agent), " on ",
                                              [](std::string_view s) { return std::string(s); });
  if (!browser.empty()) detail += (detail.empty() ? "" : "; ") + browser;
  return detail;
}

}  // namespace

std::string AccountService::ThrottleKey(const std::string& name) {
  std::string key = IsValidUtf8(name) ? Utf8Prefix(name, 64) : std::string("(invalid name)");
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

UnixSeconds AccountService::ThrottleWait(int failures, UnixSeconds last_at,
                                         UnixSeconds now) const {
  if (failures < sp_.free_failures) return 0;
  UnixSeconds delay = sp_.first_delay_seconds;
  for (int i = sp_.free_failures; i < failures && delay < sp_.max_delay_seconds; ++i) delay *= 2;
  delay = std::min(delay, sp_.max_delay_seconds);
  return std::max<UnixSeconds>(0, last_at + delay - now);
}

Result<LoginOutcome> AccountService::Login(const std::string& typed_name, const std::string& password,
                                           const std::string& ip, std::string_view user_agent) {
  const UnixSeconds now = NowUnix();
  // A login name is ASCII without spaces: the same name typed in full-width
  // (全角) or with the space a phone keyboard adds after a word is that name.
  // The password is taken exactly as typed.
  const std::string name = Trim(NarrowForms(typed_name));
  const Actor anon{std::nullopt,
                   IsValidUtf8(name) ? Utf8Prefix(name, 64) : std::string("(invalid name)"), ip};
  UserRepository& users = storage_.users();
  const std::string key = ThrottleKey(name);
  auto pair = users.LoginFailures(key, ip);
  auto from_client = users.ClientFailuresSince(ip, now - sp_.failure_window_seconds);
  if (!pair.ok()) return pair.status();
  if (!from_client.ok()) return from_client.status();
  // A throttled attempt is refused without a password check and writes
  // nothing: the one row per (account, client) already says it all.
  if (const UnixSeconds wait = ThrottleWait(pair->first, pair->second, now); wait > 0)
    return Status::Denied(
        N_("Too many failed sign-in attempts from this address. Try again in {seconds} seconds."),
        {{"seconds", std::to_string(wait)}});
  if (*from_client >= sp_.max_failures_per_client)
    return Status::Denied(N_("Too many failed sign-in attempts from this address. Try again later."));
  auto u = users.FindUserByName(name);
  if (!u.ok()) return u.status();
  static const std::string kDummy = *HashPassword("procura dummy password for timing");
  const bool known = u->has_value() && !(*u)->disabled;
  const bool match = VerifyPassword(known ? (*u)->password_hash : kDummy, password) && known;
  if (!match) {
    (void)users.RecordLoginFailure(key, ip, now);
    audit_.Record(anon, "login.failed", "user", known ? std::optional((*u)->id) : std::nullopt,
                  u->has_value() ? (known ? "wrong password" : "user disabled") : "unknown user");
    return Status::Denied(kBadLogin);
  }
  const UserRecord& user = **u;
  if (NeedsRehash(user.password_hash)) {
    if (auto h = HashPassword(password); h.ok()) (void)users.UpdatePasswordHash(user.id, *h);
  }
  auto two_step = mfa_.Enabled(user.id);
  if (!two_step.ok()) return two_step.status();
  if (*two_step) {  // the password was right; the session waits for the second factor
    LoginOutcome half;
    half.mfa_ticket = RandomToken();
    PROCURA_RETURN_IF_ERROR(users.InsertMfaTicket(HashToken(half.mfa_ticket), user.id, now));
    return half;
  }
  (void)users.ClearLoginFailures(key, ip);
  auto out = StartSession(user, ip, user_agent);
  if (out.ok())
    audit_.Record({user.id, user.name, ip}, "login", "user", user.id, LoginDetail("", user_agent));
  return out;
}

Result<LoginOutcome> AccountService::CompleteSecondFactor(const std::string& ticket,
                                                         const std::string& code,
                                                         const std::string& ip,
                                                         std::string_view user_agent) {
  const UnixSeconds now = NowUnix();
  UserRepository& users = storage_.users();
  const std::string hash = HashToken(ticket);
  auto found = users.FindMfaTicket(hash);
  if (!found.ok()) return found.status();
  if (!found->has_value() || now - (*found)->second > kMfaTicketSeconds)
    return Status::Denied(N_("This sign-in has expired. Sign in again with your password."));
  auto u = users.FindUserById((*found)->first);
  if (!u.ok()) return u.status();
  if (!u->has_value() || (*u)->disabled)
    return Status::Denied(N_("This sign-in has expired. Sign in again with your password."));
  const UserRecord& user = **u;
  const std::string key = ThrottleKey(user.name);
  auto pair = users.LoginFailures(key, ip);
  if (!pair.ok()) return pair.status();
  if (const UnixSeconds wait = ThrottleWait(pair->first, pair->second, now); wait > 0)
    return Status::Denied(
        N_("Too many failed sign-in attempts from this address. Try again in {seconds} seconds."),
        {{"seconds", std::to_string(wait)}});
  auto how = mfa_.Verify(user.id, code.substr(0, 64), now);
  if (!how.ok()) {
    (void)users.RecordLoginFailure(key, ip, now);
    audit_.Record({user.id, user.name, ip}, "login.mfa-failed", "user", user.id,
                  how.status().message());
    return how.status();
  }
  (void)users.DeleteMfaTicket(hash);
  (void)users.ClearLoginFailures(key, ip);
  auto out = StartSession(user, ip, user_agent);
  if (out.ok())
    audit_.Record({user.id, user.name, ip}, "login", "user", user.id, LoginDetail(*how, user_agent));
  return out;
}

Result<LoginOutcome> AccountService::StartSession(const UserRecord& user, const std::string& ip,
                                                  std::string_view user_agent) {
  const UnixSeconds now = NowUnix();
  LoginOutcome out;
  out.token = RandomToken();
  SessionRecord rec{HashToken(out.token), user.id, RandomToken(), now, now, ip,
                    UserAgentToKeep(user_agent)};
  PROCURA_RETURN_IF_ERROR(storage_.users().InsertSession(rec));
  auto principal = LoadPrincipal(user);
  if (!principal.ok()) return principal.status();
  auto two_step = mfa_.Enabled(user.id);
  out.session = Session{*principal, rec.csrf_token, rec.token_hash, two_step.ok() && *two_step};
  return out;
}

Result<std::optional<Session>> AccountService::Authenticate(const std::string& token,
                                                            const std::string&) {
  if (token.empty() || token.size() > 128) return std::optional<Session>();
  const std::string hash = HashToken(token);
  UserRepository& users = storage_.users();
  auto s = users.FindSession(hash);
  if (!s.ok()) return s.status();
  if (!s->has_value()) return std::optional<Session>();
  const UnixSeconds now = NowUnix();
  const SessionRecord& rec = **s;
  if (now - rec.last_seen_at > sp_.idle_seconds || now - rec.created_at > sp_.absolute_seconds) {
    (void)users.DeleteSession(hash);
    return std::optional<Session>();
  }
  auto u = users.FindUserById(rec.user_id);
  if (!u.ok()) return u.status();
  if (!u->has_value() || (*u)->disabled) {
    (void)users.DeleteSession(hash);
    return std::optional<Session>();
  }
  if (now - rec.last_seen_at >= 30) (void)users.TouchSession(hash, now);
  auto principal = LoadPrincipal(**u);
  if (!principal.ok()) return principal.status();
  auto two_step = mfa_.Enabled(rec.user_id);
  if (!two_step.ok()) return two_step.status();
  return std::optional<Session>(Session{*principal, rec.csrf_token, hash, *two_step});
}

Status AccountService::Logout(const std::string& token_hash, const Actor& by) {
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteSession(token_hash));
    return audit_.Write(tx, by, "logout", "user", by.id);
  });
}

}  // namespace procura::auth
