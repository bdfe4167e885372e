// Case reports and personal data (人民检察院案件信息公开工作规定, 2021):
// built-in checks beside the word lists, both at "warn" (a reviewer's
// reason is needed to publish).
//
//   - A minor in a case: 未成年 anywhere, or an age under 18 ("16岁",
//     "十六岁") within a few characters of a case word (犯罪嫌疑人, 被告人,
//     被害人, 涉嫌, 作案 ...).
//   - A full personal name beside a case role (被告人张三, 犯罪嫌疑人：李四):
//     a common surname and one or two more characters, not already masked;
//     the finding suggests the masked form (张某某).
//   - A citizen's ID number (公民身份号码, GB 11643): 18 characters whose
//     birth date is a date and whose check character is right, however
//     typed (full-width, in groups); the finding suggests a masked form.
//
// Heuristics, tuned to miss little: a reviewer reads each finding.
#pragma once

#include <string_view>
#include <vector>

#include "safety/word_check.h"

namespace procura::safety {

// Categories of the built-in findings (WordFinding::entry.category).
inline constexpr const char* kMinorCategory = "minor";
inline constexpr const char* kCaseNameCategory = "case-name";
inline constexpr const char* kIdNumberCategory = "id-number";

std::vector<WordFinding> CaseFindings(std::string_view field, std::string_view text);

// The word lists and the built-in case checks over `texts`.
std::vector<WordFinding> CheckPublicText(const WordScanner& scanner,
                                         const std::vector<PublicText>& texts);

}  // namespace procura::safety
