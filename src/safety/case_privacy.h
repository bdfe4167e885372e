// Case reports (人民检察院案件信息公开工作规定, 2021): built-in checks
// beside the word lists, at "warn" (a reviewer's reason is needed to
// publish). Personal numbers are safety/personal_data.h's.
//
//   - A minor in a case: 未成年 anywhere, or an age under 18 ("16岁",
//     "十六岁") within a few characters of a case word (犯罪嫌疑人, 被告人,
//     被害人, 涉嫌, 作案 ...).
//   - A full personal name beside a case role (被告人张三, 犯罪嫌疑人：李四):
//     a common surname and one or two more characters, not already masked;
//     the finding suggests the masked form (张某某).
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

std::vector<WordFinding> CaseFindings(std::string_view field, std::string_view text);

// Every check on text that would go public: the word lists, the case
// checks, and personal numbers, which block (no reason lets one through).
// A built-in finding inside a known-good phrase of the allowed list is
// dropped.
std::vector<WordFinding> CheckPublicText(const WordScanner& scanner,
                                         const std::vector<PublicText>& texts);

// The same checks on a letter to the public mailbox, where the writer's
// own number is expected: personal numbers only warn (the letter is
// flagged, and masked if it is ever published).
std::vector<WordFinding> CheckLetterText(const WordScanner& scanner,
                                         const std::vector<PublicText>& texts);

}  // namespace procura::safety
