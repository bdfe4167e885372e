#include "auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <fstream>

#include "core/text.h"

namespace procura::auth {

Status InitCrypto() {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  return Status::Ok();
}

Result<PasswordPolicy> PasswordPolicy::Load(const std::filesystem::path& list) {
  std::ifstream in(list);
  if (!in) return Status::Io("cannot read the common-password list " + list.string());
  PasswordPolicy p;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    p.common_.insert(line);
  }
  if (p.common_.size() < 10000) {
    return Status::Invalid("the common-password list " + list.string() + " has only " +
                           std::to_string(p.common_.size()) + " entries; 10,000 are required");
  }
  return p;
}

Status PasswordPolicy::Check(std::string_view password) const {
  if (!IsValidUtf8(password)) return Status::Invalid(N_("The password is not valid UTF-8 text."));
  const std::size_t n = Utf8Length(password);
  if (n < kMinPasswordChars)
    return Status::Invalid(N_("The password must have at least 8 characters."));
  if (n > kMaxPasswordChars)
    return Status::Invalid(N_("The password must have at most 128 characters."));
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (common_.count(lower)) {
    return Status::Invalid(
        N_("This password is on the list of commonly used passwords. Choose another; a few "
           "unrelated words make a strong one."));
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonOps, kArgonMemBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded, std::string_view password) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& encoded) {
  return crypto_pwhash_str_needs_rehash(encoded.c_str(), kArgonOps, kArgonMemBytes) != 0;
}

std::string RandomToken() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return b64;
}

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), bytes);
  hex.pop_back();
  return hex;
}

std::string HashToken(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace procura::auth
