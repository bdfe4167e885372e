// Internal to the search module: what counts as CJK text, for the index
// (which keeps no positions for CJK terms) and for the query text (which
// must therefore never ask for a phrase of them).
#pragma once

#include <string>
#include <string_view>

namespace procura::search {

// True for a code point that Xapian's FLAG_CJK_NGRAM splits into n-grams:
// ideographs, kana, hangul and CJK punctuation and forms (U+2E80..U+9FFF,
// U+AC00..U+D7AF, U+F900..U+FAFF, U+FE30..U+FE4F, U+FF00..U+FFEF, and the
// supplementary ideographs from U+20000).
bool IsCjkCharacter(unsigned codepoint);

// True for an index term of CJK text (a unigram or a bigram), after an
// optional prefix of capital letters such as the title's "S".
bool IsCjkTerm(std::string_view term);

// Rewrites quoted phrases of a reader's query so that none holds Chinese:
//   "支部书记"            → 支部书记        (quotes dropped)
//   "检察 case review"    → 检察 "case review"
//   "held 培训 sessions"  → "held" 培训 "sessions"
// Chinese is searched as the AND of its n-grams, whose overlapping bigrams
// already keep its characters side by side; the Latin words between stay
// phrases. Phrases without Chinese, and an unbalanced last quote, are left
// as they are. Bytes that are not UTF-8 are kept and count as Latin.
std::string SeparateChineseFromPhrases(std::string_view text);

// `text` with its full-width letters and digits (U+FF10..FF19,
// U+FF21..FF3A, U+FF41..FF5A: "２０２２", "ＰＤＦ") made ASCII, as the index
// reads them, and everything else kept: a snippet shown to a reader keeps
// the Chinese punctuation "（，）" that NarrowForms would narrow too.
std::string NarrowLettersAndDigits(std::string_view text);

}  // namespace procura::search
