// AccountService: users, passwords, login with throttling, and
// server-side sessions with idle and absolute timeouts.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/mfa.h"
#include "auth/password.h"
#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::auth {

struct SessionPolicy {
  UnixSeconds idle_seconds = 30 * 60;
  UnixSeconds absolute_seconds = 12 * 60 * 60;
  // Sign-in throttling is per (account, client address): a client that
  // fails `free_failures` times for an account waits `first_delay_seconds`,
  // doubling with each further failure up to `max_delay_seconds`. Others,
  // the account's owner included, are not slowed by it. A client failing
  // `max_failures_per_client` times (any accounts) within the window is
  // refused altogether until the window passes.
  int free_failures = 5;
  UnixSeconds first_delay_seconds = 30;
  UnixSeconds max_delay_seconds = 15 * 60;
  int max_failures_per_client = 50;
  UnixSeconds failure_window_seconds = 15 * 60;
  UnixSeconds failure_memory_seconds = 24 * 60 * 60;  // rows older than this are swept
};

struct Session {
  Principal principal;
  std::string csrf_token;
  std::string token_hash;
  bool second_factor = false;  // the user signs in with two steps
};

// One of a user's live sessions, for their account page.
struct SessionSummary {
  UnixSeconds created_at = 0;    // signed in
  UnixSeconds last_seen_at = 0;  // last request (to the half minute)
  std::string ip;                // the client's address at sign-in
  std::string user_agent;        // its User-Agent header as kept; "" if not known
  bool current = false;          // the session asking
};

struct LoginOutcome {
  std::string token;  // the cookie value; only its hash is stored
  Session session;
  // Set instead of a session when the password was right and a second
  // factor is still needed: pass it to CompleteSecondFactor.
  std::string mfa_ticket;
};

inline constexpr UnixSeconds kMfaTicketSeconds = 5 * 60;

class AccountService {
 public:
  // All references must outlive the service.
  AccountService(Storage& storage, const PasswordPolicy& policy, Audit& audit,
                 SessionPolicy session_policy = {})
      : storage_(storage), policy_(policy), audit_(audit), sp_(session_policy), mfa_(storage, audit) {}
  const SessionPolicy& session_policy() const { return sp_; }

  // Two-step sign-in: enrolment, verification, reset.
  MfaService& mfa() { return mfa_; }

  // Creates a user. Invalid (with the reason) for a bad name, an unknown
  // role or a password the policy refuses; AlreadyExists for a taken name.
  Result<std::int64_t> AddUser(const std::string& name, const std::string& password,
                               const std::vector<std::string>& roles, const Actor& by);
  // Sets a new password (admin or CLI reset). Ends the user's sessions.
  Status SetPassword(const std::string& name, const std::string& password, const Actor& by);
  // A user changing their own password: the current one is required
  // (wrong ones throttled like sign-ins).
  // Ends every session of the user, this one included, and returns a new
  // session for the caller to continue in (its cookie replaces the old),
  // kept with `user_agent` like a sign-in's.
  Result<LoginOutcome> ChangeOwnPassword(std::int64_t user_id, const std::string& current,
                                         const std::string& next, const Actor& by,
                                         std::string_view user_agent = {});
  // Replaces a user's roles (audited with the old and new lists). Ends the
  // user's sessions so the new rights apply at once.
  Status SetRoles(const std::string& name, const std::vector<std::string>& roles, const Actor& by);
  // Links a user account to a party member record (e.g. a branch
  // secretary's own): the account then checks in, downloads class materials
  // and sees its branch as that member. One account, one member: a record
  // the account was linked to before is unlinked. NotFound for an unknown
  // user or member; Conflict if the member is linked to another account.
  // Both link and unlink are audited.
  Status LinkMember(std::int64_t user_id, std::int64_t member_id, const Actor& by);
  // Unlinks member `member_id` from its account (nothing to do if none).
  // NotFound for an unknown member.
  Status UnlinkMember(std::int64_t member_id, const Actor& by);
  // Re-enables a disabled user.
  Status Enable(const std::string& name, const Actor& by);
  // Disables the user and ends every session of theirs at once.
  Status Disable(const std::string& name, const Actor& by);
  Result<std::vector<UserRecord>> ListUsers() { return storage_.users().ListUsers(); }

  // Signing in and out (sign_in.cc).
  // Checks a name and password. The same Denied message for an unknown
  // user and a wrong password; Denied with a wait message when throttled.
  // Every failure is audited. On success a new session is created; it
  // keeps `user_agent` (the request's header, see UserAgentToKeep) to name
  // the browser in the user's list of sessions. The name is read as typed
  // in full-width (全角) and without surrounding spaces; the password exactly.
  Result<LoginOutcome> Login(const std::string& name, const std::string& password,
                             const std::string& ip, std::string_view user_agent = {});
  // The session for a cookie token, or nullopt if unknown, expired (idle or
  // absolute) or its user is disabled. Expired sessions are deleted.
  Result<std::optional<Session>> Authenticate(const std::string& token, const std::string& ip);
  // Mints an API token for a user (shown once; only its hash is kept).
  Result<std::string> CreateApiToken(const std::string& name, const std::string& label,
                                     const Actor& by);
  // The principal behind a Bearer token, or nullopt for an unknown,
  // revoked or disabled one.
  Result<std::optional<Principal>> AuthenticateApiToken(const std::string& token);
  Status RevokeApiTokens(const std::string& name, const Actor& by);

  // The second step of a sign-in whose password was right: `ticket` from
  // Login and a TOTP or recovery code. Throttled like passwords; a ticket
  // lasts kMfaTicketSeconds.
  Result<LoginOutcome> CompleteSecondFactor(const std::string& ticket, const std::string& code,
                                            const std::string& ip,
                                            std::string_view user_agent = {});

  // Turns two-step sign-in off for `name` (admin or CLI); audited.
  Status ResetMfa(const std::string& name, const Actor& by);

  // The user's newsroom language: "zh-CN", "en", or "" for the site's.
  // Invalid otherwise. Audited.
  Status SetLanguage(std::int64_t user_id, const std::string& lang, const Actor& by);
  // Ends one session.
  Status Logout(const std::string& token_hash, const Actor& by);

  // One's own sessions (sessions.cc). The live sessions (neither idle nor
  // past the absolute limit) of `current`'s user, newest first, `current`
  // marked: where else the account is signed in.
  Result<std::vector<SessionSummary>> ListSessions(const Session& current);
  // Ends every other session of `current`'s user once `password` (their
  // current one) checks: Denied, ending nothing, otherwise. Returns how
  // many ended; audited as "session.end_others". Wrong passwords are
  // throttled like sign-ins.
  Result<int> EndOtherSessions(const Session& current, const std::string& password,
                               const Actor& by);

  // The principal (roles, reviewed columns) of a user.
  Result<Principal> LoadPrincipal(const UserRecord& u);

 private:
  // Ok when `password` is `u`'s, typed again by its signed-in owner (to
  // change it, or to end other sessions): throttled and counted like a
  // sign-in from `by.ip`, so a stolen session cannot guess it quickly.
  Status CheckReenteredPassword(const UserRecord& u, const std::string& password,
                                const Actor& by);
  // A new session for `user` from `ip` and `user_agent`.
  Result<LoginOutcome> StartSession(const UserRecord& user, const std::string& ip,
                                    std::string_view user_agent);
  // The account name as throttling counts it (case-folded, capped).
  static std::string ThrottleKey(const std::string& name);
  // Seconds a client with `failures` for an account must still wait.
  UnixSeconds ThrottleWait(int failures, UnixSeconds last_at, UnixSeconds now) const;
  Storage& storage_;
  const PasswordPolicy& policy_;
  Audit& audit_;
  SessionPolicy sp_;
  MfaService mfa_;
};

// A valid login name: 1–64 of [A-Za-z0-9._-], starting with a letter or digit.
bool IsValidUserName(std::string_view name);

}  // namespace procura::auth
