#include "content/diff.h"

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

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view old_text, std::string_view new_text) {
  const auto a = Lines(old_text), b = Lines(new_text);
  const size_t n = a.size(), m = b.size();
  std::vector<DiffLine> out;
  if (n * m > 4'000'000) {
    for (auto l : a) out.push_back({'-', std::string(l)});
    for (auto l : b) out.push_back({'+', std::string(l)});
    return out;
  }
  // lcs[i][j]: LCS length of a[i..] and b[j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      out.push_back({' ', std::string(a[i])});
      ++i, ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      out.push_back({'-', std::string(a[i++])});
    } else {
      out.push_back({'+', std::string(b[j++])});
    }
  }
  for (; i < n; ++i) out.push_back({'-', std::string(a[i])});
  for (; j < m; ++j) out.push_back({'+', std::string(b[j])});
  return out;
}

}  // namespace procura
