#include "content/checks.h"

#include <cctype>

namespace procura {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Mask(std::string_view s) {
  if (s.size() <= 5) return std::string(s.size(), '*');
  return std::string(s.substr(0, 3)) + std::string(s.size() - 5, '*') +
         std::string(s.substr(s.size() - 2));
}

// GB 11643: 17 digits, then a check character (ISO 7064 MOD 11-2).
bool IsResidentId(std::string_view s) {
  if (s.size() != 18) return false;
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(s[i])) return false;
    sum += (s[i] - '0') * kWeights[i];
  }
  const char last = static_cast<char>(std::toupper(static_cast<unsigned char>(s[17])));
  const int month = (s[10] - '0') * 10 + (s[11] - '0'), day = (s[12] - '0') * 10 + (s[13] - '0');
  return kCheck[sum % 11] == last && month >= 1 && month <= 12 && day >= 1 && day <= 31;
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

void ScanNumbers(std::string_view field, std::string_view text, std::vector<ContentFinding>& out) {
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsDigit(text[j])) ++j;
    // An ID may end in X.
    if (j - i == 17 && j < text.size() && (text[j] == 'X' || text[j] == 'x')) ++j;
    const std::string_view run = text.substr(i, j - i);
    if (IsResidentId(run)) {
      out.push_back({std::string(field), N_("a resident ID number"), Mask(run)});
    } else if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9') {
      out.push_back({std::string(field), N_("a mobile phone number"), Mask(run)});
    } else if (run.size() >= 16 && run.size() <= 19 && PassesLuhn(run)) {
      out.push_back({std::string(field), N_("a bank card number"), Mask(run)});
    }
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
