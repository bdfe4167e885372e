// Brings stored data up to this binary after an upgrade, in the
// background while `procura serve` serves, without anyone running a
// command:
// 1. stored renderings up to this binary's Markdown rules (what `procura
//    rerender` does; nothing when the database records these rules
//    already, content/body_rerender.h). On several nodes one database,
//    only the node holding the claim `leadership` runs the pass; the
//    others wait until it is recorded, and take it over if that node
//    stops first;
// 2. the media files each article shows, for articles stored before that
//    index or by a write that stopped halfway
//    (ArticleRepository::IndexMediaRefs; until then lookups scan them).
//    Every node may do it: each batch is one write under the writer lock.
// Both take at most half of one core, and stop between batches at
// shutdown; the next start goes on.
#pragma once

#include <memory>
#include <thread>

#include "content/markdown_sandbox.h"
#include "storage/storage.h"

namespace procura::app {

class UpgradeOnStart {
 public:
  // Starts both on a thread of its own; their outcome is logged.
  // `storage` and `renderer` must outlive this object.
  UpgradeOnStart(Storage& storage, const MarkdownRenderer& renderer,
                   std::unique_ptr<Leadership> leadership);
  // Stops a pass between batches (the rules stay unrecorded and the rest
  // unindexed, so the next start goes on) and waits for the thread.
  ~UpgradeOnStart();
  UpgradeOnStart(const UpgradeOnStart&) = delete;
  UpgradeOnStart& operator=(const UpgradeOnStart&) = delete;

 private:
  std::jthread thread_;
};

}  // namespace procura::app
