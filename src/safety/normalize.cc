#include "safety/normalize.h"

#include <opencc/opencc.h>
#include <spdlog/spdlog.h>
#include <unicode/uchar.h>

#include <mutex>

#include "core/text.h"

namespace procura::safety {
namespace {

// The CJK blocks OpenCC's character table covers.
constexpr char32_t kFirstHan = 0x3400, kLastHan = 0xFAFF;

// Traditional → simplified for single characters, made once by running
// every CJK character through OpenCC's t2s conversion on a line of its own
// (so phrase rules never join neighbours).
struct HanTable {
  std::vector<char32_t> simplified;  // index c - kFirstHan; 0 = unchanged
  bool loaded = false;
};

const HanTable& Table() {
  static HanTable table;
  static std::once_flag once;
  std::call_once(once, [] {
    opencc_t od = opencc_open("t2s.json");
    if (od == reinterpret_cast<opencc_t>(-1)) {
      spdlog::warn("OpenCC's t2s tables are missing: traditional forms are not folded ({})",
                   opencc_error());
      return;
    }
    std::string lines;
    for (char32_t c = kFirstHan; c <= kLastHan; ++c) {
      AppendUtf8(c, lines);
      lines += '\n';
    }
    char* converted = opencc_convert_utf8(od, lines.data(), lines.size());
    opencc_close(od);
    if (!converted) return;
    const std::string_view out(converted);
    table.simplified.assign(kLastHan - kFirstHan + 1, 0);
    std::size_t pos = 0;
    for (char32_t c = kFirstHan; c <= kLastHan && pos < out.size(); ++c) {
      const std::size_t nl = out.find('\n', pos);
      if (nl == std::string_view::npos) break;
      const std::string_view line = out.substr(pos, nl - pos);
      pos = nl + 1;
      const Utf8Char s = DecodeUtf8At(line, 0);
      if (s.len == line.size() && s.len > 0 && s.c != c) table.simplified[c - kFirstHan] = s.c;
    }
    opencc_convert_utf8_free(converted);
    table.loaded = true;
  });
  return table;
}

bool Ignorable(char32_t c) {
  if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  const auto cat = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (cat & (U_GC_P_MASK | U_GC_S_MASK | U_GC_Z_MASK | U_GC_C_MASK)) != 0;
}

// The folded form of `c`, or 0 if it is dropped.
char32_t Fold(char32_t c, const HanTable& han) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
  if (Ignorable(c)) return 0;
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= kFirstHan && c <= kLastHan) {
    if (han.loaded && han.simplified[c - kFirstHan]) return han.simplified[c - kFirstHan];
    return c;
  }
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

}  // namespace

NormalizedText Normalize(std::string_view text) {
  const HanTable& han = Table();
  NormalizedText out;
  out.chars.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, len] = DecodeUtf8At(text, i);
    if (len == 0) {
      ++i;
      continue;
    }
    if (const char32_t f = Fold(c, han)) {
      out.chars.push_back(f);
      out.begin.push_back(i);
      out.end.push_back(i + len);
    }
    i += len;
  }
  return out;
}

std::u32string NormalizeWord(std::string_view word) { return Normalize(word).chars; }

bool TraditionalFoldingAvailable() { return Table().loaded; }

}  // namespace procura::safety
