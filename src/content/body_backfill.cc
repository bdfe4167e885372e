#include "content/body_backfill.h"

namespace procura {

Result<BackfillResult> RenderUnrenderedBodies(
    Storage& storage, const MarkdownRenderer& renderer,
    const std::function<void(std::int64_t, const std::string&)>& on_failure) {
  BackfillResult result;
  for (;;) {
    auto batch = storage.articles().ListUnrendered(200);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) return result;
    for (const auto& [id, md] : *batch) {
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
          id, md, html.ok() ? std::optional<std::string>(*html) : std::nullopt, error));
    }
  }
}

}  // namespace procura
