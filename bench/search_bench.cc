// Search benchmark: builds a corpus of N generated articles (bench/corpus),
// indexes it with SearchIndex::Rebuild (the code `procura reindex` runs),
// and measures index build rate, index size, query latency percentiles for
// a fixed mix, and peak RSS. Prints; never asserts.
//   build/bench/search_bench N            (a scratch directory, removed)
//   build/bench/search_bench N --data DIR (kept; reused when DIR already
//                                          holds this corpus of N articles:
//                                          queries only)
// DIR is a procura data directory: `procura serve --data DIR` serves it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "corpus.h"
#include "corpus_store.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using procura::Status;

namespace {

constexpr const char* kPhoto = PROCURA_SOURCE_DIR "/tests/fixtures/photo-with-exif.jpg";
// The corpus's generator and storage versions in one number.
constexpr long kCorpusVersion = procura::bench::Corpus::kVersion * 100 + procura::bench::kStoreVersion;

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

std::uintmax_t DirBytes(const fs::path& p) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(p))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct Query {
  const char* kind;
  const char* text;
};

// Runs the mix 40 times round-robin (pages 1-3), so that consecutive
// queries touch different parts of the index, as a server's do, and prints
// percentiles per query and overall.
void MeasureQueries(procura::search::SearchIndex& index) {
  const std::vector<Query> mix = {{"1-term", "training"},
                                  {"1-term", "litigation"},
                                  {"1-term", "government"},
                                  {"2-term", "branch secretary"},
                                  {"2-term", "public interest"},
                                  {"2-term", "case quality"},
                                  {"phrase", "\"case quality review\""},
                                  {"phrase", "\"party building\""},
                                  {"CJK", "培训"},
                                  {"CJK", "支部书记"},
                                  {"CJK", "公益诉讼"},
                                  {"CJK", "未成年人保护"},
                                  {"CJK", "经济发展"},
                                  {"mixed", "检察 evidence"}};
  std::vector<std::vector<double>> ms(mix.size());
  std::vector<std::size_t> totals(mix.size());
  for (int round = 0; round < 40; ++round) {
    for (std::size_t k = 0; k < mix.size(); ++k) {
      procura::search::SearchQuery sq;
      sq.text = mix[k].text;
      sq.page = 1 + round % 3;
      const auto t = Clock::now();
      auto r = index.Search(sq);
      ms[k].push_back(Seconds(t) * 1000);
      if (r.ok()) totals[k] = r->total;
    }
  }
  std::vector<double> all;
  std::printf("%-8s %-24s %9s %8s %8s %8s\n", "kind", "query", "matches", "p50 ms", "p95 ms",
              "p99 ms");
  for (std::size_t k = 0; k < mix.size(); ++k) {
    auto& v = ms[k];
    std::sort(v.begin(), v.end());
    all.insert(all.end(), v.begin(), v.end());
    std::printf("%-8s %-24s %9zu %8.2f %8.2f %8.2f\n", mix[k].kind, mix[k].text, totals[k],
                v[v.size() / 2], v[v.size() * 95 / 100], v[v.size() * 99 / 100]);
  }
  std::sort(all.begin(), all.end());
  std::printf("all queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", all[all.size() / 2],
              all[all.size() * 95 / 100], all[all.size() * 99 / 100]);
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::stol(argv[1]) : 10000;
  const bool keep = argc > 3 && std::string(argv[2]) == "--data";
  const fs::path dir = keep ? fs::path(argv[3])
                            : fs::temp_directory_path() / ("procura-search-bench-" +
                                                           std::to_string(std::random_device{}()));
  const fs::path marker = dir / "bench-articles";
  long stored = 0, version = 0;
  if (std::ifstream in(marker); in) in >> stored >> version;
  const bool reuse = keep && stored == n && version == kCorpusVersion &&
                     fs::exists(dir / "search");
  if (!reuse) fs::remove_all(dir);
  fs::create_directories(dir);
  auto storage = std::move(procura::OpenSqliteStorage(dir)).value();
  procura::search::SearchIndex index(*storage, dir / "search");
  if (reuse) {
    std::printf("reusing %ld articles and their index in %s\n", n, dir.c_str());
    index.StartBackground();
    index.JoinBackground();
  } else {
    std::string error;
    const auto corpus = procura::bench::Corpus::Load(&error);
    if (!corpus) {
      std::fprintf(stderr, "search_bench: %s\n", error.c_str());
      return 2;
    }
    std::printf("vocabulary: %zu English and %zu Chinese words\n", corpus->english_words(),
                corpus->chinese_words());
    if (Status s = procura::bench::StoreCorpus(*corpus, *storage, dir / "media", kPhoto, n);
        !s.ok()) {
      std::fprintf(stderr, "corpus: %s\n", s.message().c_str());
      return 1;
    }
    const auto t0 = Clock::now();
    double documents_s = 0;  // when every document was indexed, before the merge
    auto progress = [&](std::size_t done, std::size_t total) {
      if (done == total && documents_s == 0) documents_s = Seconds(t0);
    };
    if (Status s = index.Rebuild(progress); !s.ok()) {
      std::fprintf(stderr, "index: %s\n", s.message().c_str());
      return 1;
    }
    const double build_s = Seconds(t0);
    std::printf(
        "index build: %.1f s (documents %.1f s, merge %.1f s), %.0f articles/s on %u threads\n",
        build_s, documents_s, build_s - documents_s, n / build_s,
        std::thread::hardware_concurrency());
    std::ofstream(marker) << n << " " << kCorpusVersion << "\n";
  }
  std::printf("index size: %.1f MiB\n", DirBytes(dir / "search") / 1048576.0);
  MeasureQueries(index);
  std::printf("peak RSS of this process (storage + index + queries): %.1f MiB\n",
              PeakRssKb() / 1024.0);
  storage.reset();
  if (!keep) fs::remove_all(dir);
  return 0;
}
