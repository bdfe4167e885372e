#include "content/body_backfill.h"

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
    for (const auto& [id, md] : *batch) {
      after = id;
      auto html = renderer.Render(md);
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
