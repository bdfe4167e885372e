// Leaders' names and titles in the text that would go public (a wrong
// title or a misspelt leader's name fails a site's inspection):
//
//   - block: a listed name with a title next to it (before or after) that
//     the person does not hold: 副检察长张三 when 张三 is 检察长;
//   - warn: a name that sounds like a listed one but is written with other
//     characters (pinyin through ICU's Han-Latin transliteration): 张山
//     for 张三;
//   - warn: several listed names in one sentence out of precedence order.
#pragma once

#include <string_view>
#include <vector>

#include "safety/word_check.h"
#include "storage/safety_repository.h"

namespace procura::safety {

inline constexpr const char* kLeaderTitleCategory = "leader-title";
inline constexpr const char* kLeaderNameCategory = "leader-name";
inline constexpr const char* kLeaderOrderCategory = "leader-order";

class LeaderCheck {
 public:
  explicit LeaderCheck(std::vector<LeaderRecord> leaders);
  std::vector<WordFinding> Scan(std::string_view field, std::string_view text) const;
  bool empty() const { return leaders_.empty(); }

 private:
  struct Leader {
    LeaderRecord record;
    std::u32string name;
    std::vector<std::string> pinyin;  // one syllable per character
  };
  std::vector<Leader> leaders_;
  std::vector<std::u32string> titles_;  // every known title, longest first
};

// The toneless pinyin of one Han character ("" if it has none).
std::string PinyinOf(char32_t c);

}  // namespace procura::safety
