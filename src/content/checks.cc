#include "content/checks.h"

#include <cctype>

#include "core/resident_id.h"
#include "core/text.h"

namespace procura {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Mask(std::string_view s) {
  if (s.size() <= 5) return std::string(s.size(), '*');
  return std::string(s.substr(0, 3)) + std::string(s.size() - 5, '*') +
         std::string(s.substr(s.size() - 2));
}

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// A finding for one number, or none.
const char* NumberProblem(std::string_view run) {
  if (IsResidentIdNumber(run)) return N_("a resident ID number");
  if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9')
    return N_("a mobile phone number");
  if (run.size() >= 16 && run.size() <= 19 && PassesLuhn(run)) return N_("a bank card number");
  return nullptr;
}

// The ASCII character at text[i] or the one its full-width form stands for
// ("１", "Ｘ", "－", U+3000), with its length in bytes; 0 for any other.
char CharAt(std::string_view text, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(text[i]);
  len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (i + len > text.size()) len = 1;
  return b < 0x80 ? static_cast<char>(b) : len == 3 ? NarrowCharAt(text, i) : 0;
}

// Numbers as people type them: digits in full width (全角) too, and in
// groups of three or more with one space or '-' between them, read as one
// number ("138-1234-5678", "110105 19491231 002X", "6222 0212 3456 7890").
// Groups that make no finding together are read one by one, as typed.
void ScanNumbers(std::string_view field, std::string_view text, std::vector<ContentFinding>& out) {
  std::size_t i = 0, len = 0;
  while (i < text.size()) {
    if (!IsDigit(CharAt(text, i, len))) {
      i += len;
      continue;
    }
    std::vector<std::string> groups(1);
    std::size_t j = i;
    for (char c = CharAt(text, j, len);; c = CharAt(text, j, len)) {
      if (IsDigit(c)) {
        groups.back() += c;
        j += len;
        continue;
      }
      std::size_t next_len = 0;
      const bool joins = (c == ' ' || c == '-') && groups.back().size() >= 3 && j + len < text.size() &&
                         IsDigit(CharAt(text, j + len, next_len));
      if (!joins) break;
      j += len;
      groups.emplace_back();
    }
    std::string joined;
    for (const auto& g : groups) joined += g;
    // An ID may end in X.
    if (joined.size() == 17 && j < text.size() && (CharAt(text, j, len) | 0x20) == 'x') {
      joined += 'X';
      j += len;
    }
    if (groups.size() > 1 && groups.back().size() < 3 && joined.size() != 18) {
      // a short last group ("2022-07-14") is not part of a grouped number
    } else if (const char* problem = NumberProblem(joined)) {
      out.push_back({std::string(field), problem, Mask(joined)});
      i = j;
      continue;
    }
    for (const auto& g : groups)
      if (const char* problem = groups.size() > 1 ? NumberProblem(g) : nullptr)
        out.push_back({std::string(field), problem, Mask(g)});
    i = j;
  }
}

void ScanImages(std::string_view body, std::vector<ContentFinding>& out) {
  for (size_t at = body.find("![]("); at != std::string_view::npos;
       at = body.find("![](", at + 4)) {
    const size_t end = body.find(')', at);
    out.push_back(
        {"body", N_("an image without alt text"),
         std::string(body.substr(
             at, std::min<size_t>(end == std::string_view::npos ? 40 : end - at + 1, 60)))});
  }
}

}  // namespace

std::vector<ContentFinding> CheckContent(std::string_view title, std::string_view body,
                                         std::string_view caption) {
  std::vector<ContentFinding> out;
  ScanNumbers("title", title, out);
  ScanNumbers("body", body, out);
  ScanNumbers("caption", caption, out);
  ScanImages(body, out);
  return out;
}

MessageArgs FindingArgs(const ContentFinding& f) {
  const char* label = f.field == "title"     ? N_("Title")
                      : f.field == "caption" ? N_("Caption")
                                             : N_("Text");
  return {{"field_label", label}, {"problem_label", f.problem}, {"found", f.masked}};
}

Status FindingsStatus(const std::vector<ContentFinding>& findings) {
  if (findings.size() == 1)
    return Status::Invalid(kFindingMsgid, FindingArgs(findings.front()));
  MessageArgs args = FindingArgs(findings.front());
  args.emplace_back("more", std::to_string(findings.size() - 1));
  return Status::Invalid(N_("{field_label} contains {problem_label} ({found}), and there are "
                            "{more} more findings. Remove them before publishing."),
                         args);
}

}  // namespace procura
