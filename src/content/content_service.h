// ContentService: the portal's read side. Owns the current SiteSnapshot and
// keeps it in step with the change log: Reload() loads it whole (at start,
// after a restore); CatchUp() applies the changes logged since the snapshot's
// seq() and installs the result, so readers always see a consistent view
// without locking the database. The ChangeFollower (app/change_follower.h)
// calls CatchUp when woken and on a short timer.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "content/snapshot.h"
#include "storage/storage.h"

namespace procura {

inline constexpr std::size_t kFeedSummaryChars = 200;  // a feed item's summary

class ContentService {
 public:
  // `storage` must outlive the service. Call Reload() before first use.
  explicit ContentService(Storage& storage) : storage_(storage) {}

  // Rebuilds the snapshot from storage, as of the change log's position
  // read first. On error the old snapshot stays. Reloads and catch-ups may
  // run on several threads at once: each takes a ticket before it reads,
  // and a snapshot is installed only over one of a lower (seq, ticket), so
  // a slow load that read older data never replaces a newer snapshot (which
  // would leave, say, a withdrawn article listed).
  Status Reload();

  // Applies every change logged after the current snapshot's seq() (in
  // batches) and installs each result. Returns the changes applied, in
  // order, for read models that follow this one (the page cache). Calls are
  // serialized; an error leaves the snapshot at the last batch applied.
  Result<std::vector<ChangeRecord>> CatchUp();

  // The current snapshot; never null after a successful Reload().
  std::shared_ptr<const SiteSnapshot> Snapshot() const;

  // A published article with its body; nullopt if it is not (or no longer)
  // published. Reads the database: callers cache the rendered page.
  Result<std::optional<ArticleRecord>> PublishedArticle(std::int64_t id);
  // The first kFeedSummaryChars characters of a published article's text,
  // as plain text ("" if it is not published).
  Result<std::string> Summary(std::int64_t id);

  // Test hook: runs after a reload has read the database and before it
  // installs its snapshot, on the reloading thread.
  void SetLoadedHookForTest(std::function<void()> hook) { loaded_hook_ = std::move(hook); }

 private:
  std::uint64_t TakeTicket();
  // Installs `snap` unless a snapshot of a later (seq, ticket) is in.
  bool Install(std::shared_ptr<const SiteSnapshot> snap, std::uint64_t ticket);

  Storage& storage_;
  std::mutex catch_up_mu_;  // one CatchUp at a time
  mutable std::mutex mu_;
  std::shared_ptr<const SiteSnapshot> snapshot_;
  std::uint64_t next_ticket_ = 0;       // guarded by mu_
  std::uint64_t installed_ticket_ = 0;  // the ticket of snapshot_, guarded by mu_
  std::function<void()> loaded_hook_;
};

}  // namespace procura
