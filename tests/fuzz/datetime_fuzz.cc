// libFuzzer target: dates and times typed into forms ("2026-07-14 09:00"),
// and formatting what they parse back.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/clock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)procura::IsIsoDate(in);
  for (int offset : {480, 0, -300}) {
    if (auto t = procura::ParseLocalTime(in, offset)) {
      (void)procura::FormatRfc3339(*t, offset);
      (void)procura::FormatLongDate(*t, offset);
    }
  }
  return 0;
}
