// AccountService: users, passwords, login with throttling, and
// server-side sessions with idle and absolute timeouts.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::auth {

struct SessionPolicy {
  UnixSeconds idle_seconds = 30 * 60;
  UnixSeconds absolute_seconds = 12 * 60 * 60;
  int max_failures_per_account = 5;  // within the window, then refused
  int max_failures_per_ip = 20;
  UnixSeconds failure_window_seconds = 15 * 60;
};

struct Session {
  Principal principal;
  std::string csrf_token;
  std::string token_hash;
};

struct LoginOutcome {
  std::string token;  // the cookie value; only its hash is stored
  Session session;
};

class AccountService {
 public:
  // All references must outlive the service.
  AccountService(Storage& storage, const PasswordPolicy& policy, Audit& audit,
                 SessionPolicy session_policy = {})
      : storage_(storage), policy_(policy), audit_(audit), sp_(session_policy) {}

  // Creates a user. Invalid (with the reason) for a bad name, an unknown
  // role or a password the policy refuses; AlreadyExists for a taken name.
  Result<std::int64_t> AddUser(const std::string& name, const std::string& password,
                               const std::vector<std::string>& roles, const Actor& by);
  // Sets a new password (admin or CLI reset). Ends the user's sessions.
  Status SetPassword(const std::string& name, const std::string& password, const Actor& by);
  // A user changing their own password: the current one is required.
  Status ChangeOwnPassword(std::int64_t user_id, const std::string& current,
                           const std::string& next, const Actor& by);
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

  // Checks a name and password. The same Denied message for an unknown
  // user and a wrong password; Denied with a wait message when throttled.
  // Every failure is audited. On success a new session is created.
  Result<LoginOutcome> Login(const std::string& name, const std::string& password,
                             const std::string& ip);
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

  // Ends one session.
  Status Logout(const std::string& token_hash, const Actor& by);

  // The principal (roles, reviewed columns) of a user.
  Result<Principal> LoadPrincipal(const UserRecord& u);

 private:
  Storage& storage_;
  const PasswordPolicy& policy_;
  Audit& audit_;
  SessionPolicy sp_;
};

// A valid login name: 1–64 of [A-Za-z0-9._-], starting with a letter or digit.
bool IsValidUserName(std::string_view name);

}  // namespace procura::auth
