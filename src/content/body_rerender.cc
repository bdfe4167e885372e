#include "content/body_rerender.h"

#include <string_view>
#include <vector>

#include "content/markdown.h"
#include "core/clock.h"

namespace procura {

namespace {

constexpr int kBatch = 200;

// Stores `html` for `b` with its change-log row; false when the article
// was saved since `b` was read.
Result<bool> StoreNewRendering(Storage& storage, const StoredBody& b, const std::string& html) {
  bool stored = false;
  Status s = storage.InTransaction([&](Storage& tx) -> Status {
    auto replaced = tx.articles().ReplaceRendering(b.id, b.version, html);
    if (!replaced.ok()) return replaced.status();
    stored = *replaced;
    if (!stored) return Status::Ok();
    return tx.changes().Append({0, "article", b.id, {b.column_id, b.column_id}, NowUnix()}).status();
  });
  if (!s.ok()) return s;
  return stored;
}

}  // namespace

Result<RerenderResult> RerenderBodies(Storage& storage, const MarkdownRenderer& renderer,
                                      const RerenderOptions& options) {
  RerenderResult result;
  auto total = storage.articles().CountArticles({});
  if (!total.ok()) return total.status();
  std::int64_t after = 0;
  for (;;) {
    if (options.go_on && !options.go_on()) {
      result.stopped = true;
      return result;
    }
    auto batch = storage.articles().ListRenderedBodies(after, kBatch);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) {
      // Articles never rendered are not read: the count ends here.
      if (options.on_progress) options.on_progress(result.checked, result.checked);
      return result;
    }
    std::vector<std::string_view> texts;
    for (const StoredBody& b : *batch) texts.push_back(b.body_md);
    auto rendered = renderer.RenderEach(texts);  // one process for the batch
    for (std::size_t i = 0; i < batch->size(); ++i) {
      const StoredBody& b = (*batch)[i];
      after = b.id;
      ++result.checked;
      auto& html = rendered[i];
      if (!html.ok()) {
        ++result.failed;
        continue;
      }
      if (*html == b.body_html) continue;
      if (!options.dry_run) {
        auto stored = StoreNewRendering(storage, b, *html);
        if (!stored.ok()) return stored.status();
        if (!*stored) {
          ++result.skipped;
          continue;
        }
      }
      ++result.changed;
      if (options.on_changed) options.on_changed(b.id, b.title);
    }
    if (options.on_progress)
      options.on_progress(result.checked,
                          std::max<std::size_t>(result.checked, static_cast<std::size_t>(*total)));
  }
}

Result<std::optional<RerenderResult>> RerenderIfRulesChanged(Storage& storage,
                                                             const MarkdownRenderer& renderer,
                                                             RerenderOptions options) {
  auto recorded = storage.articles().RenderingRules();
  if (!recorded.ok()) return recorded.status();
  if (*recorded >= kMarkdownRules) return std::optional<RerenderResult>();
  options.dry_run = false;
  auto result = RerenderBodies(storage, renderer, options);
  if (!result.ok()) return result.status();
  if (!result->stopped)
    PROCURA_RETURN_IF_ERROR(storage.articles().RecordRenderingRules(kMarkdownRules));
  return std::optional<RerenderResult>(*result);
}

}  // namespace procura
