// Rotating check-in tokens for the projector's QR code. A token names one
// session and one 30-second slot and carries an HMAC-SHA256 tag (libsodium)
// under a key kept in the data directory, so it cannot be forged or moved
// to another session. Pure functions: the clock is passed in.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace procura::training {

inline constexpr int kTokenPeriodSeconds = 30;
// A token stays valid this many periods after its own, to cover the time a
// participant needs to sign in on the phone.
inline constexpr int kTokenGracePeriods = 4;

struct CheckinKey {
  std::array<unsigned char, 32> bytes{};
};

// Reads the key at `path`, or creates it (mode 0600) with random bytes if
// the file does not exist. Io on failure; Corruption if the size is wrong.
Result<CheckinKey> LoadOrCreateCheckinKey(const std::string& path);

// A new random key as 64 hex digits, and a key from such digits (Corruption
// if they are not 64 hex digits). Several nodes share one key through the
// database this way (Storage::SharedSecret).
std::string NewCheckinKeyHex();
Result<CheckinKey> CheckinKeyFromHex(std::string_view hex);

// The slot that time `t` falls in.
inline std::int64_t SlotAt(UnixSeconds t) { return t / kTokenPeriodSeconds; }

// "SESSION-SLOT-TAG", URL-safe.
std::string MakeCheckinToken(const CheckinKey& key, std::int64_t session, std::int64_t slot);

struct TokenClaims {
  std::int64_t session = 0;
  std::int64_t slot = 0;
};

// The claims of a token whose tag verifies; Invalid for anything else.
Result<TokenClaims> VerifyCheckinToken(const CheckinKey& key, std::string_view token);

}  // namespace procura::training
