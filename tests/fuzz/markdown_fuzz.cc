// libFuzzer target for the Markdown renderer (Debian's cmark-gfm 0.29 lacks
// upstream fixes for polynomial-time inputs; see content/markdown.h).
// Build and run: tests/fuzz/run.sh [SECONDS]
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto html = procura::RenderMarkdown(input);
  if (html.ok()) {
    // Safe mode must never let raw HTML tags through.
    if (html->find("<script") != std::string::npos) __builtin_trap();
  }
  (void)procura::MarkdownExcerpt(input, 80);
  return 0;
}
