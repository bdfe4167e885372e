#include "content/body_backfill.h"

#include <string_view>
#include <vector>

namespace procura {

Result<BackfillResult> RenderUnrenderedBodies(
    Storage& storage, const MarkdownRenderer& renderer,
    const std::function<void(std::int64_t, const std::string&)>& on_failure) {
  BackfillResult result;
  std::int64_t after = 0;  // ids only grow: every article is tried once
  for (;;) {
    auto batch = storage.articles().ListUnrendered(after, 200);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) return result;
    std::vector<std::string_view> texts;
    for (const auto& row : *batch) texts.push_back(row.second);
    auto rendered = renderer.RenderEach(texts);  // one process for the batch
    for (std::size_t i = 0; i < batch->size(); ++i) {
      const std::int64_t id = (*batch)[i].first;
      after = id;
      auto& html = rendered[i];
      std::string error;
      if (!html.ok()) {
        error = html.status().message();
        if (error.empty()) error = "the body could not be formatted";
        ++result.failed;
        if (on_failure) on_failure(id, error);
      } else {
        ++result.rendered;
      }
      PROCURA_RETURN_IF_ERROR(storage.articles().StoreRendering(
          id, html.ok() ? std::optional<std::string>(*html) : std::nullopt, error));
    }
  }
}

}  // namespace procura
