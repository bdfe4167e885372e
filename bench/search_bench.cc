// Search benchmark: builds a corpus of N generated articles (bench/corpus),
// indexes it, and measures index build rate, index size, query latency
// percentiles for a fixed mix, and peak RSS. Prints; never asserts.
//   build/bench/search_bench [N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "corpus.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using procura::Status;

static long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

static std::uintmax_t DirBytes(const fs::path& p) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(p))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::stol(argv[1]) : 10000;
  const fs::path dir = fs::temp_directory_path() /
                       ("procura-search-bench-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  auto storage = std::move(procura::OpenSqliteStorage(dir)).value();
  std::vector<std::int64_t> columns;
  for (int c = 0; c < 5; ++c) {
    procura::ColumnRecord col;
    col.slug = "c" + std::to_string(c);
    col.name = "Column " + std::to_string(c);
    columns.push_back(*storage->content().InsertColumn(col));
  }
  auto t0 = Clock::now();
  std::uintmax_t corpus_bytes = 0;
  Status s = storage->InTransaction([&]() -> Status {
    for (long i = 0; i < n; ++i) {
      auto g = procura::bench::GenerateArticle(42, static_cast<std::uint64_t>(i));
      procura::ArticleRecord a;
      a.column_id = columns[g.column];
      a.title = g.title;
      a.body_md = g.body_md;
      a.status = procura::kStatusPublished;
      a.published_at = 1600000000 + i * 600;
      a.created_at = a.updated_at = *a.published_at;
      corpus_bytes += g.body_md.size();
      auto id = storage->content().InsertArticle(a);
      if (!id.ok()) return id.status();
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "corpus: %s\n", s.message().c_str());
    return 1;
  }
  const double gen_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("corpus: %ld articles, %.1f MiB of Markdown, generated and stored in %.1f s\n", n,
              corpus_bytes / 1048576.0, gen_s);

  procura::search::SearchIndex index(*storage, dir / "search");
  t0 = Clock::now();
  s = index.Rebuild();
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!s.ok()) {
    std::fprintf(stderr, "index: %s\n", s.message().c_str());
    return 1;
  }
  std::printf("index build: %.1f s, %.0f articles/s, index size %.1f MiB\n", build_s, n / build_s,
              DirBytes(dir / "search") / 1048576.0);

  struct Q {
    const char* kind;
    const char* text;
  };
  const std::vector<Q> mix = {{"1-term", "training"},
                              {"1-term", "litigation"},
                              {"1-term", "inspection"},
                              {"2-term", "branch secretary"},
                              {"2-term", "public interest"},
                              {"2-term", "case quality"},
                              {"phrase", "\"case quality review\""},
                              {"phrase", "\"party building\""},
                              {"CJK", "培训"},
                              {"CJK", "支部书记"},
                              {"CJK", "公益诉讼"},
                              {"CJK", "未成年人保护"}};
  std::vector<double> all;
  std::printf("%-8s %-26s %10s %9s %9s %9s\n", "kind", "query", "matches", "p50 ms", "p95 ms",
              "p99 ms");
  for (const auto& q : mix) {
    std::vector<double> ms;
    std::size_t total = 0;
    for (int rep = 0; rep < 40; ++rep) {
      procura::search::SearchQuery sq;
      sq.text = q.text;
      sq.page = 1 + rep % 3;
      auto t = Clock::now();
      auto r = index.Search(sq);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
      if (r.ok()) total = r->total;
    }
    std::sort(ms.begin(), ms.end());
    all.insert(all.end(), ms.begin(), ms.end());
    std::printf("%-8s %-26s %10zu %9.2f %9.2f %9.2f\n", q.kind, q.text, total, ms[ms.size() / 2],
                ms[ms.size() * 95 / 100], ms[ms.size() * 99 / 100]);
  }
  std::sort(all.begin(), all.end());
  std::printf("all queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", all[all.size() / 2],
              all[all.size() * 95 / 100], all[all.size() * 99 / 100]);
  std::printf("peak RSS of this process (storage + index + queries): %.1f MiB\n",
              PeakRssKb() / 1024.0);
  storage.reset();
  fs::remove_all(dir);
  return 0;
}
