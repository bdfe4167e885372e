// A deterministic corpus of articles mixing Chinese and English paragraphs
// (600–1,500 words each), for benchmarks. The same seed and index always
// give the same article, on every machine.
#pragma once

#include <cstdint>
#include <string>

namespace procura::bench {

struct GeneratedArticle {
  std::string title;
  std::string body_md;  // paragraphs separated by blank lines
  int column = 0;       // 0..4
};

// Article number `i` of the corpus with `seed`.
GeneratedArticle GenerateArticle(std::uint64_t seed, std::uint64_t i);

}  // namespace procura::bench
