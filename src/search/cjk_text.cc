#include "search/cjk_text.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace procura::search {
namespace {

bool HasLatin(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// The inside of one quoted phrase, rewritten (see SeparateChineseFromPhrases).
std::string SeparatePhrase(std::string_view inside) {
  std::string out = " ";
  std::string run;
  bool run_is_cjk = false;
  const auto flush = [&] {
    if (run_is_cjk || !HasLatin(run))
      out += run;
    else
      out += '"' + run + '"';
    out += ' ';
    run.clear();
  };
  for (Xapian::Utf8Iterator it(inside.data(), inside.size()), end; it != end;) {
    const char* from = it.raw();
    const bool cjk = IsCjkCharacter(*it);
    ++it;
    if (cjk != run_is_cjk && !run.empty()) flush();
    run_is_cjk = cjk;
    run.append(from, it == end ? inside.data() + inside.size() : it.raw());
  }
  if (!run.empty()) flush();
  return out;
}

}  // namespace

bool IsCjkCharacter(unsigned c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

bool IsCjkTerm(std::string_view term) {
  std::size_t i = 0;
  while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
  return i < term.size() && IsCjkCharacter(*Xapian::Utf8Iterator(term.data() + i, term.size() - i));
}

std::string SeparateChineseFromPhrases(std::string_view text) {
  std::string out;
  std::size_t done = 0;
  for (std::size_t open = text.find('"'); open != std::string_view::npos;) {
    const std::size_t close = text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    out.append(text.substr(done, open - done));
    const bool has_cjk = std::any_of(Xapian::Utf8Iterator(inside.data(), inside.size()),
                                     Xapian::Utf8Iterator(), IsCjkCharacter);
    if (has_cjk)
      out += SeparatePhrase(inside);
    else
      out.append(text.substr(open, close - open + 1));
    done = close + 1;
    open = text.find('"', done);
  }
  out.append(text.substr(done));
  return out;
}

std::string NarrowLettersAndDigits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = NarrowCharAt(text, i);
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace procura::search
