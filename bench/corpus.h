// A deterministic corpus of articles mixing Chinese and English paragraphs
// (600–1,500 words each), for benchmarks. Words are drawn from real
// vocabularies with realistic frequencies: Chinese from jieba's frequency
// dictionary (Debian's python3-jieba), English as a Zipf distribution over
// SCOWL's word lists ordered by commonness (Debian's scowl), plus a share of
// procuratorial vocabulary so that the benchmark's queries match a realistic
// fraction of articles. The same seed, index and word lists always give the
// same article, on every machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace procura::bench {

struct GeneratedArticle {
  std::string title;
  std::string body_md;  // paragraphs separated by blank lines
  int column = 0;       // 0..4
};

// Words with weights; Draw() picks one in proportion to its weight.
class WeightedWords {
 public:
  void Add(std::string word, double weight);
  std::string_view Draw(std::uint64_t random) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

class Corpus {
 public:
  // The packages' paths; tests of the generator may point elsewhere.
  static constexpr const char* kJiebaDict = "/usr/lib/python3/dist-packages/jieba/dict.txt";
  static constexpr const char* kScowlDir = "/usr/share/dict/scowl";
  // Changes whenever the same seed and index would give another article.
  static constexpr int kVersion = 2;

  // Reads the word lists. On failure returns nullopt and sets `*error` to
  // a message naming the missing file and the package that has it.
  static std::optional<Corpus> Load(std::string* error, std::string jieba_dict = kJiebaDict,
                                    std::string scowl_dir = kScowlDir);

  // Article number `i` of the corpus with `seed`.
  GeneratedArticle Article(std::uint64_t seed, std::uint64_t i) const;

  std::size_t english_words() const { return english_.size(); }
  std::size_t chinese_words() const { return chinese_.size(); }

 private:
  WeightedWords english_, chinese_;
};

}  // namespace procura::bench
