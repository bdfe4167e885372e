// The content checks' speed (issue 17's target: a 10,000-character article
// against 20,000 list entries in under 5 ms). The article comes from the
// shared corpus (mixed Chinese and English); the entries are 20,000
// Chinese words of 2-6 characters drawn from jieba's dictionary, so many
// of them occur in the text: a worse case than real lists.
#include <benchmark/benchmark.h>

#include <sstream>

#include "corpus.h"
#include "word_entries.h"
#include "safety/normalize.h"
#include "safety/word_check.h"

namespace {

std::vector<procura::WordEntryRecord> Entries(std::size_t n) {
  return procura::bench::GeneratedWordEntries(n);
}

std::string Article10k() {
  std::string error;
  auto corpus = procura::bench::Corpus::Load(&error);
  if (!corpus) return std::string(10000 / 3, 'x');
  std::string text;
  for (std::uint64_t i = 0; procura::safety::NormalizeWord(text).size() < 10000; ++i)
    text += corpus->Article(42, i).body_md;
  return text;
}

void BM_ScanArticle(benchmark::State& state) {
  const procura::safety::WordScanner scanner(Entries(static_cast<std::size_t>(state.range(0))));
  const std::string text = Article10k();
  std::size_t findings = 0;
  for (auto _ : state) {
    auto found = scanner.Scan("body", text);
    findings = found.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["entries"] = static_cast<double>(scanner.size());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["chars"] = static_cast<double>(procura::safety::NormalizeWord(text).size());
}
BENCHMARK(BM_ScanArticle)->Arg(20000)->Unit(benchmark::kMillisecond);

void BM_BuildScanner(benchmark::State& state) {
  const auto entries = Entries(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    procura::safety::WordScanner scanner(entries);
    benchmark::DoNotOptimize(scanner);
  }
}
BENCHMARK(BM_BuildScanner)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
