#include "content/diff.h"

#include <algorithm>
#include <cstdint>

namespace procura {
namespace {

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const size_t nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

// The UTF-8 code points of `s` (a malformed byte is a token of its own).
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// The LCS alignment of two token lists, as ops: ' ' both, '-' only a, '+'
// only b; each op carries its token.
std::vector<std::pair<char, std::string_view>> Align(const std::vector<std::string_view>& a,
                                                     const std::vector<std::string_view>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);  // lcs of a[i..], b[j..]
  auto at = [&](size_t i, size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::vector<std::pair<char, std::string_view>> out;
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      out.push_back({' ', a[i]});
      ++i, ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      out.push_back({'-', a[i++]});
    } else {
      out.push_back({'+', b[j++]});
    }
  }
  for (; i < n; ++i) out.push_back({'-', a[i]});
  for (; j < m; ++j) out.push_back({'+', b[j]});
  return out;
}

void AppendSpan(std::vector<DiffSpan>& spans, bool changed, std::string_view text) {
  if (!spans.empty() && spans.back().changed == changed)
    spans.back().text += text;
  else
    spans.push_back({changed, std::string(text)});
}

// Marks the characters `removed` and `added` do not share.
void MarkWithin(DiffLine& removed, DiffLine& added) {
  const auto a = CodePoints(removed.text), b = CodePoints(added.text);
  if (a.size() > 2000 || b.size() > 2000) return;
  for (const auto& [op, token] : Align(a, b)) {
    if (op != '+') AppendSpan(removed.spans, op == '-', token);
    if (op != '-') AppendSpan(added.spans, op == '+', token);
  }
}

// Pairs each run of removed lines with the run of added lines after it.
void PairChangedLines(std::vector<DiffLine>& lines) {
  for (size_t i = 0; i < lines.size();) {
    size_t dels = 0, adds = 0;
    while (i + dels < lines.size() && lines[i + dels].op == '-') ++dels;
    while (i + dels + adds < lines.size() && lines[i + dels + adds].op == '+') ++adds;
    for (size_t k = 0; k < std::min(dels, adds); ++k) MarkWithin(lines[i + k], lines[i + dels + k]);
    i += std::max<size_t>(1, dels + adds);
  }
}

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view old_text, std::string_view new_text) {
  const auto a = Lines(old_text), b = Lines(new_text);
  std::vector<DiffLine> out;
  if (a.size() * b.size() > 4'000'000) {
    for (auto l : a) out.push_back({'-', std::string(l), {}});
    for (auto l : b) out.push_back({'+', std::string(l), {}});
    return out;
  }
  // Align puts a block's removals before its additions, so pairs line up.
  for (const auto& [op, line] : Align(a, b)) out.push_back({op, std::string(line), {}});
  PairChangedLines(out);
  return out;
}

}  // namespace procura
