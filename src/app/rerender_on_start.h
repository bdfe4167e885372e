// Brings stored renderings up to this binary's Markdown rules after an
// upgrade, without anyone running `procura rerender`: `procura serve`
// starts one in the background, which does nothing when the database
// records these rules already (content/body_rerender.h). On several nodes
// one database, only the node holding the claim `leadership` runs the
// pass; the others wait until it is recorded, and take it over if that
// node stops first.
#pragma once

#include <memory>
#include <thread>

#include "content/markdown_sandbox.h"
#include "storage/storage.h"

namespace procura::app {

class RenderingUpgrade {
 public:
  // Starts the check (and, when the rules changed and `leadership` is
  // held, the pass) on a thread of its own; its outcome is logged.
  // `storage` and `renderer` must outlive this object.
  RenderingUpgrade(Storage& storage, const MarkdownRenderer& renderer,
                   std::unique_ptr<Leadership> leadership);
  // Stops a pass between batches (the rules stay unrecorded, so the next
  // start runs it again) and waits for the thread.
  ~RenderingUpgrade();
  RenderingUpgrade(const RenderingUpgrade&) = delete;
  RenderingUpgrade& operator=(const RenderingUpgrade&) = delete;

 private:
  std::jthread thread_;
};

}  // namespace procura::app
