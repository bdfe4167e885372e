// Renders the stored bodies that have no rendering yet: rows written before
// schema v10, or written by bulk loaders that leave rendering to the server.
// One bad article never stops the others: its error is stored, logged by
// the caller and shown in the newsroom, and readers skip its body.
#pragma once

#include <functional>
#include <string>

#include "content/markdown_sandbox.h"
#include "storage/storage.h"

namespace procura {

struct BackfillResult {
  int rendered = 0;
  int failed = 0;
};

// Renders every unrendered body with `renderer`, in batches. `on_failure`
// is told each article that failed and why.
Result<BackfillResult> RenderUnrenderedBodies(
    Storage& storage, const MarkdownRenderer& renderer,
    const std::function<void(std::int64_t id, const std::string& why)>& on_failure);

}  // namespace procura
