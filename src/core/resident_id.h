// Citizen ID numbers (公民身份号码, GB 11643-1999): the one validator that
// both the publishing check (content/checks.h, which blocks) and the case
// report check (safety/case_privacy.h, which warns) read numbers with.
#pragma once

#include <string_view>

namespace procura {

// True when `s` is exactly 18 ASCII characters forming a citizen ID
// number: 17 digits whose birth date (YYYYMMDD from the 7th character) has
// a year from 1900 to 2099, a month and a day, then the ISO 7064 MOD 11-2
// check character ('0'–'9', or 'X' in either case).
bool IsResidentIdNumber(std::string_view s);

}  // namespace procura
