// Passwords: Argon2id through libsodium, and the policy for new ones
// (OWASP ASVS 5.0 L2: 8–128 characters, no composition rules, not a
// common password).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/status.h"

namespace procura::auth {

// Argon2id cost: t = 3 passes over m = 64 MiB, p = 1 (above OWASP's
// m ≥ 19 MiB, t ≥ 2). Hashes below this are rehashed at the next login.
inline constexpr unsigned long long kArgonOps = 3;
inline constexpr std::size_t kArgonMemBytes = 64u * 1024 * 1024;
inline constexpr std::size_t kMinPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordChars = 128;

// Initializes libsodium; call once at start. Internal if it cannot.
Status InitCrypto();

class PasswordPolicy {
 public:
  // Loads the common-password list (one per line, lower case; lines
  // starting with '#' are comments). Io if unreadable; Invalid if it holds
  // fewer than 10,000 entries.
  static Result<PasswordPolicy> Load(const std::filesystem::path& list);

  // Ok, or Invalid with a message fit to show the user.
  Status Check(std::string_view password) const;

  std::size_t size() const { return common_.size(); }

 private:
  std::unordered_set<std::string> common_;
};

// Argon2id-encodes `password` ("$argon2id$v=19$m=65536,t=3,p=1$...").
Result<std::string> HashPassword(std::string_view password);

// True if `password` matches `encoded`. Constant-time in the password.
bool VerifyPassword(const std::string& encoded, std::string_view password);

// True if `encoded` was made with weaker parameters than the current ones.
bool NeedsRehash(const std::string& encoded);

// A random token of 32 bytes (256 bits), URL-safe base64 without padding.
std::string RandomToken();

// `bytes` random bytes as lower-case hex, e.g. for server-generated file names.
std::string RandomHex(std::size_t bytes);

// A hex digest of `token` (BLAKE2b-256), for storing tokens server-side.
std::string HashToken(std::string_view token);

// Constant-time comparison of two strings of possibly different lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace procura::auth
