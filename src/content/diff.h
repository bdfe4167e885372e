// A readable line diff between two texts (revisions of an article).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace procura {

struct DiffLine {
  char op;  // ' ' unchanged, '-' only in the old text, '+' only in the new
  std::string text;
};

// Longest-common-subsequence diff by lines. For very long texts (over
// 4 million line pairs) it falls back to "all old lines removed, all new
// lines added" rather than use unbounded memory.
std::vector<DiffLine> DiffLines(std::string_view old_text, std::string_view new_text);

}  // namespace procura
