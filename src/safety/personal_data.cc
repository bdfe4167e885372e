#include "safety/personal_data.h"

#include <string>

#include "core/resident_id.h"
#include "core/text.h"

namespace procura::safety {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (std::size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// The category of one number read as a whole, or nullptr.
const char* NumberCategory(std::string_view run) {
  if (IsResidentIdNumber(run)) return kIdNumberCategory;
  if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9')
    return kMobileNumberCategory;
  if (run.size() >= 16 && run.size() <= 19 && PassesLuhn(run)) return kBankCardCategory;
  return nullptr;
}

// The masked form to suggest: what identifies the person goes.
std::string Masked(std::string_view digits, const char* category) {
  const std::size_t keep_front = category == kIdNumberCategory ? 6 : category == kMobileNumberCategory ? 3 : 4;
  return std::string(digits.substr(0, keep_front)) +
         std::string(digits.size() - keep_front - 4, '*') + std::string(digits.substr(digits.size() - 4));
}

const char* Note(const char* category) {
  return category == kIdNumberCategory
             ? N_("A public page must not show a citizen's ID number: remove it, or hide the "
                  "date of birth, before publishing.")
         : category == kMobileNumberCategory
             ? N_("A public page must not show a person's mobile number: remove it, or hide "
                  "its middle digits. An official hotline goes on the allowed list.")
             : N_("This may be a person's bank card number, which a public page must not show: "
                  "remove it, or hide its middle digits. If it is the institution's own account, "
                  "or a number that only looks like a card, the reviewer gives the reason; an "
                  "account published often goes on the allowed list.");
}

// The ASCII character at text[i] or the one its full-width form stands for
// ("１", "Ｘ", "－", U+3000), with its length in bytes; 0 for any other.
char CharAt(std::string_view text, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(text[i]);
  len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (i + len > text.size()) len = 1;
  return b < 0x80 ? static_cast<char>(b) : len == 3 ? NarrowCharAt(text, i) : 0;
}

// One number as typed: its groups and where each begins and ends in bytes.
struct TypedNumber {
  std::vector<std::string> groups;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t end = 0;  // past the number (and a trailing X of an ID)
};

// The digits at text[i..] in groups joined by one space or '-' when the
// group before has three digits or more, and an ID's final X.
TypedNumber ReadNumber(std::string_view text, std::size_t i) {
  TypedNumber n;
  n.groups.emplace_back();
  n.spans.emplace_back(i, i);
  std::size_t j = i, len = 0;
  for (char c = CharAt(text, j, len);; c = j < text.size() ? CharAt(text, j, len) : '\0') {
    if (IsDigit(c)) {
      n.groups.back() += c;
      j += len;
      n.spans.back().second = j;
      continue;
    }
    std::size_t next_len = 0;
    const bool joins = (c == ' ' || c == '-') && n.groups.back().size() >= 3 &&
                       j + len < text.size() && IsDigit(CharAt(text, j + len, next_len));
    if (!joins) break;
    j += len;
    n.groups.emplace_back();
    n.spans.emplace_back(j, j);
  }
  n.end = j;
  std::size_t digits = 0;
  for (const auto& g : n.groups) digits += g.size();
  if (digits == 17 && j < text.size() && (CharAt(text, j, len) | 0x20) == 'x') {
    n.groups.back() += 'X';
    n.end = j + len;
    n.spans.back().second = n.end;
  }
  return n;
}

WordFinding Finding(std::string_view field, std::string_view text, std::size_t begin,
                    std::size_t end, const std::string& digits, const char* category,
                    const char* level) {
  WordFinding f;
  f.field = std::string(field);
  f.begin = begin;
  f.end = end;
  f.matched = std::string(text.substr(begin, end - begin));
  f.entry.category = category;
  f.entry.word = f.matched;
  // A card is only probable (one run of 16-19 digits in ten passes the
  // Luhn check): it needs the reviewer's reason, where the others block.
  f.entry.level = std::string_view(category) == kBankCardCategory && std::string_view(level) == "block"
                      ? "warn" : level;
  f.entry.replacement = Masked(digits, category);
  f.entry.note = Note(category);
  f.note_is_msgid = true;
  return f;
}

}  // namespace

bool IsPersonalDataCategory(std::string_view category) {
  return category == kIdNumberCategory || category == kMobileNumberCategory ||
         category == kBankCardCategory;
}

WordFinding MaskedForReport(WordFinding finding) {
  if (!IsPersonalDataCategory(finding.entry.category)) return finding;
  finding.matched = std::move(finding.entry.replacement);
  finding.entry.replacement.clear();
  return finding;
}

std::vector<WordFinding> PersonalDataFindings(std::string_view field, std::string_view text,
                                              const char* level) {
  std::vector<WordFinding> out;
  std::size_t i = 0, len = 0;
  while (i < text.size()) {
    if (!IsDigit(CharAt(text, i, len))) {
      i += len;
      continue;
    }
    const TypedNumber n = ReadNumber(text, i);
    std::string joined;
    for (const auto& g : n.groups) joined += g;
    // A short last group ("2022-07-14") is not part of a grouped number.
    const bool short_tail = n.groups.size() > 1 && n.groups.back().size() < 3 && joined.size() != 18;
    if (const char* category = short_tail ? nullptr : NumberCategory(joined)) {
      out.push_back(Finding(field, text, i, n.end, joined, category, level));
    } else if (n.groups.size() > 1) {  // groups that are separate numbers, read as typed
      for (std::size_t g = 0; g < n.groups.size(); ++g)
        if (const char* one = NumberCategory(n.groups[g]))
          out.push_back(Finding(field, text, n.spans[g].first, n.spans[g].second, n.groups[g], one, level));
    }
    i = n.end;
  }
  return out;
}

}  // namespace procura::safety
