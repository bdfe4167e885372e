// MaskPersonalData (see mailbox.h): what the public list of letters shows
// of a citizen's phone, ID and card numbers and e-mail addresses.
//
// The text is read character by character, so that what a Chinese input
// method types in full-width mode (全角: "１３８…", "ｌｉ＠ｑｑ．ｃｏｍ") is masked
// like ASCII, and numbers written in groups ("138-1234-5678",
// "0571 8888 6666") like numbers written in one piece.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "interact/mailbox.h"

namespace procura::interact {
namespace {

// One character: where its bytes are, and the ASCII character it is or
// stands for in full width (0 for any other character).
struct Char {
  std::size_t at = 0, len = 1;
  char ascii = 0;
};

std::vector<Char> Chars(std::string_view s) {
  std::vector<Char> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    Char c{i, b0 < 0x80 ? 1u : b0 >= 0xF0 ? 4u : b0 >= 0xE0 ? 3u : b0 >= 0xC0 ? 2u : 1u, 0};
    if (i + c.len > s.size()) c.len = 1;
    if (b0 < 0x80) c.ascii = static_cast<char>(b0);
    else if (c.len == 3) c.ascii = NarrowCharAt(s, i);  // "１", "＠", U+3000
    out.push_back(c);
    i += c.len;
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool InNumber(char c) { return IsDigit(c) || c == 'X' || c == 'x'; }  // ID numbers end in X
bool InMailbox(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

enum class Show { kAsIs, kStar, kDrop };

// name@host → n***@host: the name's first character stays.
void MaskMailboxNames(const std::vector<Char>& cs, std::vector<Show>& show, std::vector<bool>& stars_after) {
  for (std::size_t k = 1; k < cs.size(); ++k) {
    if (cs[k].ascii != '@') continue;
    std::size_t start = k;
    while (start > 0 && InMailbox(cs[start - 1].ascii) && show[start - 1] == Show::kAsIs) --start;
    if (start == k) continue;
    for (std::size_t j = start + 1; j < k; ++j) show[j] = Show::kDrop;
    show[start] = Show::kDrop;  // shown through stars_after, never masked as a number
    stars_after[start] = true;
  }
}

// Groups of digits with one '-' or space between them that read as one
// number: a mobile (11 digits from 1), a number with its area code (10-12
// from 0), +86 and a mobile, an ID number (15 or 18), or a local number
// without its area code in two groups of four ("8888-6666"; not a span of
// years, "2025-2026"). "2026-03-01" is not one.
bool OneNumber(const std::string& digits, std::size_t groups, std::size_t first_group) {
  const std::size_t n = digits.size();
  if (groups < 2 || n < 7) return false;
  const auto year = [&](std::size_t at) {
    return digits.compare(at, 2, "19") == 0 || digits.compare(at, 2, "20") == 0;
  };
  const bool local = groups == 2 && n == 8 && first_group == 4 && digits[0] >= '2' && !(year(0) && year(4));
  return local || (n == 11 && digits[0] == '1') || (digits[0] == '0' && n >= 10 && n <= 12) ||
         (n == 13 && digits.starts_with("86")) || n == 15 || n == 18;
}

// 13812345678 → 138******78: three digits stay at the front, two at the end.
void MaskNumbers(const std::vector<Char>& cs, std::vector<Show>& show) {
  const auto digit_at = [&](std::size_t j) { return j < cs.size() && show[j] == Show::kAsIs && InNumber(cs[j].ascii); };
  for (std::size_t i = 0; i < cs.size();) {
    if (!digit_at(i) || !IsDigit(cs[i].ascii)) {
      ++i;
      continue;
    }
    std::vector<std::size_t> first_group, all;  // indices of digits
    std::string digits;
    std::size_t groups = 0, end = i;
    for (std::size_t j = i;;) {
      ++groups;
      while (digit_at(j)) {
        (groups == 1 ? first_group : all).push_back(j);
        digits += cs[j++].ascii;
      }
      end = j;
      if (j + 1 < cs.size() && (cs[j].ascii == '-' || cs[j].ascii == ' ') && digit_at(j + 1)) ++j;
      else break;
    }
    std::vector<std::size_t> masked = first_group;
    if (OneNumber(digits, groups, first_group.size())) masked.insert(masked.end(), all.begin(), all.end());
    else end = first_group.back() + 1;  // the other groups are read on their own
    if (masked.size() >= 7)
      for (std::size_t d = 3; d + 2 < masked.size(); ++d) show[masked[d]] = Show::kStar;
    i = end;
  }
}

}  // namespace

std::string MaskPersonalData(std::string_view text) {
  const std::vector<Char> cs = Chars(text);
  std::vector<Show> show(cs.size(), Show::kAsIs);
  std::vector<bool> stars_after(cs.size(), false);
  MaskMailboxNames(cs, show, stars_after);
  MaskNumbers(cs, show);
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < cs.size(); ++k) {
    if (show[k] == Show::kStar) out += '*';
    else if (show[k] == Show::kAsIs || stars_after[k]) out += text.substr(cs[k].at, cs[k].len);
    if (stars_after[k]) out += "***";
  }
  return out;
}

}  // namespace procura::interact
