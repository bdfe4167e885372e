// A multi-pattern matcher (Aho–Corasick) over normalized text: one pass
// over the text finds every occurrence of every pattern, however many
// patterns there are. Immutable once built; safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace procura::safety {

class Matcher {
 public:
  struct Hit {
    std::size_t pattern;  // index into the patterns it was built from
    std::size_t begin;    // [begin, end) in the scanned text's characters
    std::size_t end;
  };

  // Empty patterns are skipped; equal patterns each report their hits.
  explicit Matcher(const std::vector<std::u32string>& patterns);

  // Every hit in `text`, ordered by where it ends (then by pattern).
  std::vector<Hit> Scan(std::u32string_view text) const;

  std::size_t states() const { return fail_.size(); }

 private:
  static std::uint64_t Key(int state, char32_t c) {
    return (static_cast<std::uint64_t>(state) << 32) | c;
  }
  int Next(int state, char32_t c) const;  // the goto function; -1 if none
  void Link();                            // failure and output links, breadth first

  std::unordered_map<std::uint64_t, int> edges_;
  std::vector<std::vector<std::pair<char32_t, int>>> children_;
  std::vector<int> fail_;
  std::vector<int> output_link_;  // nearest state on the failure chain with outputs; -1 none
  std::vector<std::vector<std::size_t>> outputs_;  // patterns ending at each state
  std::vector<std::size_t> lengths_;               // each pattern's length
};

}  // namespace procura::safety
