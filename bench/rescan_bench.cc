// Issue 17's rescan target: check N published articles against 20,000
// list entries in under 60 s on 2 cores. Fills DIR (a procura data
// directory) once with N generated articles and the entries, then times
// the scan in process with 1 thread and with one per core. bench/run.sh
// then times `procura check-content --data DIR`, the command a user runs.
//
//   rescan_bench N --data DIR
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "corpus.h"
#include "safety/site_scan.h"
#include "safety/word_check.h"
#include "storage/storage.h"
#include "word_entries.h"

namespace {

using Clock = std::chrono::steady_clock;
using procura::Status;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Stores articles 0..n-1 of the corpus as published, unless there already
// are n. (No rendered bodies: the checks read the Markdown.)
Status EnsureArticles(procura::Storage& storage, long n) {
  auto have = storage.content().ListPublishedSummaries();
  if (!have.ok()) return have.status();
  if (static_cast<long>(have->size()) >= n) return Status::Ok();
  std::string error;
  auto corpus = procura::bench::Corpus::Load(&error);
  if (!corpus) return Status::Invalid(error);
  procura::ColumnRecord col;
  col.slug = "rescan";
  col.name = "Rescan";
  auto column = storage.content().InsertColumn(col);
  if (!column.ok()) return column.status();
  const auto t0 = Clock::now();
  Status s = storage.InTransaction([&](procura::Storage& tx) -> Status {
    for (long i = static_cast<long>(have->size()); i < n; ++i) {
      auto g = corpus->Article(42, static_cast<std::uint64_t>(i));
      procura::ArticleRecord a;
      a.column_id = *column;
      a.title = g.title;
      a.body_md = g.body_md;
      a.body_html = "<p></p>";
      a.status = procura::kStatusPublished;
      a.published_at = 1600000000 + i * 600;
      a.created_at = a.updated_at = *a.published_at;
      auto id = tx.content().InsertArticle(a);
      if (!id.ok()) return id.status();
    }
    return Status::Ok();
  });
  std::printf("stored %ld articles in %.1f s\n", n, Seconds(t0));
  return s;
}

Status EnsureEntries(procura::Storage& storage, std::size_t n) {
  auto have = storage.safety().ListWordEntries();
  if (!have.ok()) return have.status();
  if (have->size() >= n) return Status::Ok();
  return storage.InTransaction([&](procura::Storage& tx) -> Status {
    for (auto& e : procura::bench::GeneratedWordEntries(n)) {
      auto id = tx.safety().InsertWordEntry(e);
      if (!id.ok() && id.status().code() != Status::Code::kAlreadyExists) return id.status();
    }
    return Status::Ok();
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || std::string(argv[2]) != "--data") {
    std::fprintf(stderr, "usage: rescan_bench N --data DIR\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  auto storage = procura::OpenSqliteStorage(argv[3]);
  if (!storage.ok()) {
    std::fprintf(stderr, "rescan_bench: %s\n", storage.status().message().c_str());
    return 1;
  }
  for (Status s : {EnsureArticles(**storage, n), EnsureEntries(**storage, 20000)})
    if (!s.ok()) {
      std::fprintf(stderr, "rescan_bench: %s\n", s.message().c_str());
      return 1;
    }
  procura::safety::WordCheck check((*storage)->safety());
  auto scanner = check.Current();
  if (!scanner.ok()) return 1;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads : {1u, cores}) {
    if (threads == 1 && cores == 1) continue;
    const auto t0 = Clock::now();
    auto found = procura::safety::ScanPublished(**storage, **scanner, {}, threads);
    if (!found.ok()) return 1;
    std::printf("rescan of %ld articles, %zu entries, %u thread(s): %.1f s, %zu flagged\n", n,
                (*scanner)->size(), threads, Seconds(t0), found->size());
  }
  return 0;
}
