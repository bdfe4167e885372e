// libFuzzer target: QR check-in tokens as scanned from a phone. No input
// but a token made with the key may verify.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "training/checkin_token.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const procura::training::CheckinKey key = [] {
    (void)sodium_init();
    procura::training::CheckinKey k{};
    for (std::size_t i = 0; i < k.bytes.size(); ++i) k.bytes[i] = static_cast<unsigned char>(i);
    return k;
  }();
  auto claims =
      procura::training::VerifyCheckinToken(key, std::string_view(reinterpret_cast<const char*>(data), size));
  if (claims.ok() &&
      procura::training::MakeCheckinToken(key, claims->session, claims->slot) !=
          std::string_view(reinterpret_cast<const char*>(data), size))
    __builtin_trap();  // only the canonical token verifies
  return 0;
}
