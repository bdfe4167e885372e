#include "auth/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace procura::auth {
namespace {

void InitOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

// The raw secret from base32, or empty.
std::string Decode(std::string_view secret) {
  InitOath();
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(secret.data(), secret.size(), &out, &len) != OATH_OK) return {};
  std::string raw(out, len);
  std::free(out);
  return raw;
}

}  // namespace

std::string NewTotpSecret() {
  InitOath();
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  char* out = nullptr;
  size_t len = 0;
  oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &out, &len);
  std::string b32(out, len);
  std::free(out);
  return b32;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  auto enc = [](std::string_view s) {
    std::string o;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
        o += static_cast<char>(c);
      } else {
        static const char* hex = "0123456789ABCDEF";
        o += '%';
        o += hex[c >> 4];
        o += hex[c & 15];
      }
    }
    return o;
  };
  return "otpauth://totp/" + enc(issuer) + ":" + enc(account) + "?secret=" + std::string(secret) +
         "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::string TotpCode(std::string_view secret, UnixSeconds now) {
  const std::string raw = Decode(secret);
  if (raw.empty()) return {};
  char otp[7] = {};
  if (oath_totp_generate(raw.data(), raw.size(), now, kTotpStepSeconds, 0, 6, otp) != OATH_OK)
    return {};
  return otp;
}

std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code,
                                      UnixSeconds now) {
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  const std::string raw = Decode(secret);
  if (raw.empty()) return std::nullopt;
  const std::string otp(code);
  int pos = 0;
  if (oath_totp_validate2(raw.data(), raw.size(), now, kTotpStepSeconds, 0, 1, &pos,
                          otp.c_str()) < 0)
    return std::nullopt;
  return now / kTotpStepSeconds + pos;
}

}  // namespace procura::auth
