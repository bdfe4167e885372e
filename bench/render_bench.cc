// Costs on the request path: a page-cache hit, a full article render
// (cache miss), and Markdown rendering of the seed article.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "content/markdown.h"
#include "content/markdown_budget.h"
#include "content/markdown_sandbox.h"
#include "render/page_cache.h"
#include "render/portal_pages.h"

namespace procura {
namespace {

namespace fs = std::filesystem;

std::string SeedBody() {
  std::ifstream in(fs::path(PROCURA_SOURCE_DIR) /
                   "data/demo/articles/2022-07-14-branch-secretaries-training.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_MarkdownSeed(benchmark::State& state) {
  const std::string body = SeedBody();
  for (auto _ : state) benchmark::DoNotOptimize(RenderMarkdown(body));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_MarkdownSeed);

// What saving and previewing cost now: the budget check, a forked child
// under limits, and the pipe back.
void BM_MarkdownSeedSandboxed(benchmark::State& state) {
  const std::string body = SeedBody();
  SandboxedRenderer sandbox;
  for (auto _ : state) benchmark::DoNotOptimize(sandbox.Render(body));
}
BENCHMARK(BM_MarkdownSeedSandboxed)->Unit(benchmark::kMicrosecond);

void BM_MarkdownBudgetSeed(benchmark::State& state) {
  const std::string body = SeedBody();
  for (auto _ : state) benchmark::DoNotOptimize(CheckMarkdownBudget(body));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_MarkdownBudgetSeed);

void BM_PageCacheHit(benchmark::State& state) {
  PageCache cache(100000);
  for (int i = 0; i < 10000; ++i) {
    CachedPage p;
    p.body = std::make_shared<const std::string>(8000, 'x');
    cache.Put("/articles/" + std::to_string(i) + "/|", std::move(p),
              {"article:" + std::to_string(i)}, cache.BeginRender());
  }
  const std::string key = "/articles/4242/|";
  for (auto _ : state) benchmark::DoNotOptimize(cache.Get(key));
}
BENCHMARK(BM_PageCacheHit)->Threads(1)->Threads(2);

class ArticleRender : public benchmark::Fixture {
 public:
  void SetUp(const benchmark::State&) override {
    if (storage_) return;
    dir_ = fs::temp_directory_path() / ("procura-bench-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    SiteRecord site;
    site.name = "Provincial People's Procuratorate";
    (void)storage_->content().PutSite(site);
    ColumnRecord c;
    c.slug = "highlights";
    c.name = "Procuratorial Highlights";
    const auto col = *storage_->content().InsertColumn(c);
    for (int i = 0; i < 200; ++i) {
      ArticleRecord a;
      a.column_id = col;
      a.title = "Article " + std::to_string(i);
      a.status = kStatusPublished;
      a.published_at = 1657728000 + i * 86400;
      a.body_md = SeedBody();
      a.body_html = RenderMarkdown(a.body_md).value();
      article_ = a;
      article_.id = *storage_->content().InsertArticle(a);
    }
    snap_ = *SiteSnapshot::Load(storage_->content());
    templates_ = std::make_unique<TemplateSet>(
        *TemplateSet::Load(fs::path(PROCURA_SOURCE_DIR) / "templates"));
    assets_ =
        std::make_unique<AssetTable>(*AssetTable::Load(fs::path(PROCURA_SOURCE_DIR) / "static"));
  }
  std::unique_ptr<Storage> storage_;
  std::shared_ptr<const SiteSnapshot> snap_;
  std::unique_ptr<TemplateSet> templates_;
  std::unique_ptr<AssetTable> assets_;
  ArticleRecord article_;
  fs::path dir_;
};

BENCHMARK_F(ArticleRender, FullArticlePage)(benchmark::State& state) {
  PageContext ctx{*snap_, *templates_, *assets_};
  for (auto _ : state) benchmark::DoNotOptimize(RenderArticle(ctx, article_));
}

BENCHMARK_F(ArticleRender, ColumnPage)(benchmark::State& state) {
  PageContext ctx{*snap_, *templates_, *assets_};
  const ColumnRecord* col = snap_->ColumnBySlug("highlights");
  for (auto _ : state) benchmark::DoNotOptimize(RenderColumn(ctx, *col, *PageOfList(200, 3)));
}

}  // namespace
}  // namespace procura

BENCHMARK_MAIN();
