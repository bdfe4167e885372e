// Staff two-step sign-in (OWASP ASVS L2): TOTP from an authenticator app,
// with ten single-use recovery codes (only their hashes are stored).
// Enrolment needs a working code before it is switched on; a used time
// step is never accepted again; an admin's reset is audited.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "storage/storage.h"

namespace procura::auth {

inline constexpr int kRecoveryCodeCount = 10;

class MfaService {
 public:
  // References must outlive the service.
  MfaService(Storage& storage, Audit& audit) : storage_(storage), audit_(audit) {}

  // True if the user signs in with a second factor.
  Result<bool> Enabled(std::int64_t user_id);
  // Starts (or restarts) enrolment: stores a new secret, not yet in force,
  // and returns it (base32). Invalid if MFA is already on.
  Result<std::string> BeginEnrolment(std::int64_t user_id);
  // The secret being enrolled, for showing the QR code again.
  Result<std::string> PendingSecret(std::int64_t user_id);
  // Switches MFA on if `code` is right for the pending secret; returns the
  // recovery codes, which are shown once and stored hashed.
  Result<std::vector<std::string>> ConfirmEnrolment(std::int64_t user_id, std::string_view code,
                                                    const Actor& actor);
  // The second factor at sign-in: a current TOTP code not used before, or
  // an unused recovery code. Returns "totp" or "recovery code"; Denied
  // otherwise.
  Result<std::string> Verify(std::int64_t user_id, std::string_view code, UnixSeconds now);
  Result<int> RecoveryCodesLeft(std::int64_t user_id);
  // Turns MFA off for `user_id` (an admin, e.g. for a lost phone); audited.
  Status Reset(std::int64_t user_id, const Actor& by);

 private:
  Storage& storage_;
  Audit& audit_;
};

// "abcde-fghjk": the form recovery codes are shown in; input is compared
// case-insensitively with or without the dash, in half- or full-width (全角).
std::string NormalizeRecoveryCode(std::string_view code);

}  // namespace procura::auth
