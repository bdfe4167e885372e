// libFuzzer target: the search box's rewriting of quoted Chinese phrases.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text.h"
#include "search/cjk_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::string out = procura::search::SeparateChineseFromPhrases(in);
  // Valid UTF-8 in, valid UTF-8 out.
  if (procura::IsValidUtf8(in) && !procura::IsValidUtf8(out)) __builtin_trap();
  return 0;
}
