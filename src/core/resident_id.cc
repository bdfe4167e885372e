#include "core/resident_id.h"

namespace procura {

bool IsResidentIdNumber(std::string_view s) {
  if (s.size() != 18) return false;
  for (std::size_t k = 0; k < 17; ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) v = v * 10 + (s[k] - '0');
    return v;
  };
  const int year = num(6, 4), month = num(10, 2), day = num(12, 2);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) sum += kWeights[k] * (s[k] - '0');
  constexpr std::string_view kCheck = "10X98765432";
  const char last = s[17] == 'x' ? 'X' : s[17];
  return last == kCheck[static_cast<std::size_t>(sum % 11)];
}

}  // namespace procura
