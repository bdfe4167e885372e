// Generated word-list entries for the content-check benchmarks: Chinese
// words of 2-6 characters drawn from jieba's dictionary (every 8th), half
// block and half warn, so many of them occur in the corpus's text: a worse
// case than real lists.
#pragma once

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "corpus.h"
#include "safety/normalize.h"
#include "storage/safety_repository.h"

namespace procura::bench {

inline std::vector<WordEntryRecord> GeneratedWordEntries(std::size_t n) {
  std::ifstream dict(Corpus::kJiebaDict);
  std::vector<WordEntryRecord> out;
  std::string line;
  std::mt19937_64 rng(7);
  while (out.size() < n && std::getline(dict, line)) {
    const std::string word = line.substr(0, line.find(' '));
    const std::size_t chars = safety::NormalizeWord(word).size();
    if (chars < 2 || chars > 6 || rng() % 8 != 0) continue;  // every 8th word
    WordEntryRecord e;
    e.category = "sensitive";
    e.word = word;
    e.level = out.size() % 2 ? "warn" : "block";
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace procura::bench
