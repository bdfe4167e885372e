// A readable line diff between two texts (revisions of an article), with
// the changed characters marked inside each changed line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace procura {

// A run of one line's text; `changed` when it differs from the paired line.
struct DiffSpan {
  bool changed = false;
  std::string text;
};

struct DiffLine {
  char op;  // ' ' unchanged, '-' only in the old text, '+' only in the new
  std::string text;
  // For a removed line paired with an added one (the i-th of a run of
  // removals with the i-th of the run of additions that follows): the line
  // cut into unchanged and changed runs of characters (UTF-8 code points).
  // Empty otherwise: the whole line is one change.
  std::vector<DiffSpan> spans;
};

// Longest-common-subsequence diff by lines. For very long texts (over
// 4 million line pairs) it falls back to "all old lines removed, all new
// lines added" rather than use unbounded memory. Paired lines get their
// spans (lines over 2,000 code points are left whole).
std::vector<DiffLine> DiffLines(std::string_view old_text, std::string_view new_text);

}  // namespace procura
