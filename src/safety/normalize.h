// The text the word lists are matched against: each character folded so
// that the ways people write a word, or dodge a list, compare equal.
//
//   - full-width forms to half-width (ＡＢＣ１ → abc1), and case folded;
//   - traditional Chinese to simplified (OpenCC's t2s tables, character
//     by character: 機密 → 机密);
//   - spaces, punctuation and symbols dropped, so that 敏 感 词, 敏.感.词
//     and 敏*感*词 all read 敏感词.
//
// Every kept character remembers where it came from, so a match can be
// reported at its place in the text as written.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace procura::safety {

struct NormalizedText {
  std::u32string chars;
  // For chars[i]: the byte range [begin[i], end[i]) of the original text.
  std::vector<std::size_t> begin, end;
};

// Normalizes UTF-8 `text` (invalid bytes are dropped).
NormalizedText Normalize(std::string_view text);

// The normalized form of a list entry (no positions needed).
std::u32string NormalizeWord(std::string_view word);

// True if OpenCC's tables loaded (traditional forms are folded). They load
// once, on first use, from the system's OpenCC data (/usr/share/opencc).
bool TraditionalFoldingAvailable();

}  // namespace procura::safety
