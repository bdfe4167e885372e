// Personal data in text that would go public (个人信息, 政府网站发展指引):
// the one policy for every public field of an article (title, body,
// caption, alt text, attachment names), for the published-site rescan, and
// for the public mailbox's letters.
//
//   - a citizen's ID number (GB 11643): 18 characters whose birth date is a
//     date and whose check character is right;
//   - a mainland mobile number: 11 digits, 13x–19x;
//   - a bank card number: 16–19 digits that pass the Luhn check. One such
//     run in ten passes by chance (an institution's account, a reference),
//     so a card only warns: it needs the reviewer's reason to go public;
//
// however typed: full-width digits (全角) and groups of three or more
// digits joined by one space or '-' ("138-1234-5678", "110105 19491231
// 002X") read as one number. Each finding suggests a masked form
// (110105********002X, 138****5678, 6222********7890). A number inside a
// known-good phrase of the allowed list (an official hotline) is not a
// finding; the caller drops those (WordScanner::DropAllowed).
#pragma once

#include <string_view>
#include <vector>

#include "safety/word_check.h"

namespace procura::safety {

// Categories of these findings (WordFinding::entry.category).
inline constexpr const char* kIdNumberCategory = "id-number";
inline constexpr const char* kMobileNumberCategory = "mobile-number";
inline constexpr const char* kBankCardCategory = "bank-card";

// Whether a finding's category is one of these (a report shows them masked).
bool IsPersonalDataCategory(std::string_view category);

// The finding as a report away from the editor's own draft shows it (the
// flagged-articles page, the inspection, `check-content`, a letter's flags):
// a personal number replaced by its masked form, with nothing left to
// suggest; any other finding unchanged.
WordFinding MaskedForReport(WordFinding finding);

// Every personal number in `text`, in order, each at `level` ("block" for
// what would be published, "warn" for a letter that is only flagged); a
// bank card never above "warn".
std::vector<WordFinding> PersonalDataFindings(std::string_view field, std::string_view text,
                                              const char* level);

}  // namespace procura::safety
