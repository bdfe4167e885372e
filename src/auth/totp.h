// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30 s
// steps), as every authenticator app computes them, through liboath.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace procura::auth {

inline constexpr int kTotpStepSeconds = 30;

// A new random secret (160 bits), base32 as authenticator apps take it.
std::string NewTotpSecret();

// The otpauth:// URI an authenticator app reads from a QR code.
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);

// The 6-digit code for `secret` at `now`; empty if the secret is not base32.
std::string TotpCode(std::string_view secret, UnixSeconds now);

// The time step (now/30, give or take one for clock drift) at which `code`
// is valid, or nullopt. Callers refuse a step already used (replay).
std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                      UnixSeconds now);

}  // namespace procura::auth
