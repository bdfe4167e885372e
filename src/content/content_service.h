// ContentService: the portal's read side. Owns the current SiteSnapshot and
// replaces it when a ContentChanged event arrives, so readers always see a
// consistent, complete view without locking the database.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "content/snapshot.h"
#include "core/events.h"
#include "storage/storage.h"

namespace procura {

class ContentService {
 public:
  // `storage` must outlive the service. Call Reload() before first use.
  explicit ContentService(Storage& storage) : storage_(storage) {}

  // Rebuilds the snapshot from storage. On error the old snapshot stays.
  // Reloads may run on several threads at once: each takes a ticket before
  // it reads, and a snapshot is installed only over one from an earlier
  // ticket, so a slow reload that read older data never replaces a newer
  // snapshot (which would leave, say, a withdrawn article listed).
  Status Reload();

  // The current snapshot; never null after a successful Reload().
  std::shared_ptr<const SiteSnapshot> Snapshot() const;

  // A published article with its body; nullopt if it is not (or no longer)
  // published. Reads the database: callers cache the rendered page.
  Result<std::optional<ArticleRecord>> PublishedArticle(std::int64_t id);

  // Test hook: runs after a reload has read the database and before it
  // installs its snapshot, on the reloading thread.
  void SetLoadedHookForTest(std::function<void()> hook) { loaded_hook_ = std::move(hook); }

  // Subscribes Reload() to `bus`. Must run before any event the service
  // should see; subscribe this before the page cache so pages re-render
  // from the new snapshot.
  void SubscribeTo(EventBus& bus);

 private:
  Storage& storage_;
  mutable std::mutex mu_;
  std::shared_ptr<const SiteSnapshot> snapshot_;
  std::uint64_t next_ticket_ = 0;       // guarded by mu_
  std::uint64_t installed_ticket_ = 0;  // the ticket of snapshot_, guarded by mu_
  std::function<void()> loaded_hook_;
};

}  // namespace procura
