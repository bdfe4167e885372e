// Issue 12's targets for the read side, measured on a real SQLite file:
//   - loading the whole snapshot (what a start costs before `/` can answer);
//   - applying one article change to the snapshot (must not grow with the
//     site: the same at 10k and 1M within 2x);
//   - commit → visible: an article's change committed with its change-log
//     row, then caught up by ContentService and the page cache;
//   - resident memory after the load.
// Usage: snapshot_bench N --data DIR   (DIR is created and filled once; a
// second run on the same DIR reuses it). Prints one table row.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "content/content_service.h"
#include "render/page_cache.h"
#include "storage/storage.h"

using namespace procura;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long RssKiB() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

void Fill(Storage& s, int n) {
  SiteRecord site;
  site.name = "Bench";
  (void)s.content().PutSite(site);
  for (int c = 0; c < 10; ++c) {
    ColumnRecord col;
    col.slug = "c" + std::to_string(c);
    col.name = "Column " + std::to_string(c);
    col.position = c;
    (void)s.content().InsertColumn(col);
  }
  Status st = s.InTransaction([&](Storage& tx) -> Status {
    for (int i = 0; i < n; ++i) {
      ArticleRecord a;
      a.column_id = 1 + i % 10;
      a.title = "关于检察工作的报道 " + std::to_string(i);
      a.author = "政治部";
      a.status = kStatusPublished;
      a.published_at = 1'600'000'000 + i * 60;
      a.body_md = "正文";
      a.body_html = "<p>正文</p>";
      PROCURA_RETURN_IF_ERROR(tx.content().InsertArticle(a).status());
    }
    return Status::Ok();
  });
  if (!st.ok()) std::fprintf(stderr, "fill: %s\n", st.message().c_str()), std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || std::string(argv[2]) != "--data") {
    std::fprintf(stderr, "usage: snapshot_bench N --data DIR\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  const std::filesystem::path dir = argv[3];
  const bool fresh = !std::filesystem::exists(dir / "procura.db");
  std::filesystem::create_directories(dir);
  auto storage = OpenSqliteStorage(dir, {.check_integrity = false});
  if (!storage.ok()) return std::fprintf(stderr, "%s\n", storage.status().message().c_str()), 1;
  Storage& s = **storage;
  if (fresh) {
    const auto t = Clock::now();
    Fill(s, n);
    std::fprintf(stderr, "filled %d articles in %.1f s\n", n, Ms(Clock::now() - t) / 1000);
  }
  const long rss_before = RssKiB();
  ContentService content(s);
  auto t = Clock::now();
  if (Status st = content.Reload(); !st.ok()) return std::fprintf(stderr, "%s\n", st.message().c_str()), 1;
  const double load_ms = Ms(Clock::now() - t);
  const long rss_after = RssKiB();

  // One article change at a time: commit (with its log row), then catch up.
  PageCache cache(10'000);
  constexpr int kChanges = 200;
  double apply_total = 0, visible_total = 0;
  for (int i = 0; i < kChanges; ++i) {
    const std::int64_t id = 1 + (static_cast<std::int64_t>(i) * 7919) % n;
    auto a = **s.content().GetArticle(id);
    a.title = "改 " + std::to_string(i);
    const auto t0 = Clock::now();
    Status st = s.InTransaction([&](Storage& tx) -> Status {
      PROCURA_RETURN_IF_ERROR(tx.articles().UpdateArticle(a));
      return tx.changes().Append({0, "article", id, {a.column_id}, 0}).status();
    });
    if (!st.ok()) return std::fprintf(stderr, "%s\n", st.message().c_str()), 1;
    const auto t1 = Clock::now();
    auto applied = content.CatchUp();
    if (!applied.ok() || applied->size() != 1) return std::fprintf(stderr, "catch-up failed\n"), 1;
    cache.Apply(*applied);
    const auto t2 = Clock::now();
    apply_total += Ms(t2 - t1);
    visible_total += Ms(t2 - t0);
  }
  std::printf("| %d | %.0f ms | %.3f ms | %.2f ms | %.0f MiB |\n", n, load_ms,
              apply_total / kChanges, visible_total / kChanges,
              (rss_after - rss_before) / 1024.0);
  return 0;
}
