#include "training/checkin_token.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include "core/text.h"

namespace procura::training {
namespace {

constexpr std::size_t kTagBytes = 16;

std::string Tag(const CheckinKey& key, std::int64_t session, std::int64_t slot) {
  const std::string msg = std::to_string(session) + "-" + std::to_string(slot);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key.bytes.data(), key.bytes.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()),
                                msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[kTagBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, kTagBytes);
  return hex;
}

}  // namespace

Result<CheckinKey> LoadOrCreateCheckinKey(const std::string& path) {
  CheckinKey key;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() != key.bytes.size())
      return Status::Corruption(path + ": the check-in key must be 32 bytes");
    std::copy(bytes.begin(), bytes.end(), key.bytes.begin());
    return key;
  }
  if (sodium_init() < 0) return Status::Internal("libsodium did not initialize");
  randombytes_buf(key.bytes.data(), key.bytes.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Status::Io(path + ": cannot create the check-in key");
  const bool ok =
      ::write(fd, key.bytes.data(), key.bytes.size()) == static_cast<ssize_t>(key.bytes.size());
  ::close(fd);
  if (!ok) return Status::Io(path + ": cannot write the check-in key");
  return key;
}

std::string NewCheckinKeyHex() {
  CheckinKey key;
  if (sodium_init() < 0) return "";
  randombytes_buf(key.bytes.data(), key.bytes.size());
  std::string hex(key.bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), key.bytes.data(), key.bytes.size());
  hex.pop_back();
  return hex;
}

Result<CheckinKey> CheckinKeyFromHex(std::string_view hex) {
  CheckinKey key;
  size_t len = 0;
  if (hex.size() != key.bytes.size() * 2 ||
      sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != key.bytes.size())
    return Status::Corruption("the stored check-in key is not 64 hex digits");
  return key;
}

std::string MakeCheckinToken(const CheckinKey& key, std::int64_t session, std::int64_t slot) {
  return std::to_string(session) + "-" + std::to_string(slot) + "-" + Tag(key, session, slot);
}

Result<TokenClaims> VerifyCheckinToken(const CheckinKey& key, std::string_view token) {
  const auto parts = Split(token, '-');
  const auto session = parts.size() == 3 ? ParsePositiveId(parts[0]) : std::nullopt;
  const auto slot = parts.size() == 3 ? ParsePositiveId(parts[1]) : std::nullopt;
  if (token.size() > 80 || !session || !slot)
    return Status::Invalid(N_("This is not a check-in code. Scan the code on the screen."));
  const TokenClaims c{*session, *slot};
  const std::string expected = Tag(key, c.session, c.slot);
  if (parts[2].size() != expected.size() ||
      sodium_memcmp(parts[2].data(), expected.data(), expected.size()) != 0)
    return Status::Invalid(N_("This check-in code is not valid. Scan the code on the screen."));
  return c;
}

}  // namespace procura::training
