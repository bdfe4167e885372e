// ChangeFollower: keeps the server's read models in step with the change
// log. In order, for every batch of changes: the snapshot (ContentService),
// then the cached pages built from it (PageCache), then the search index.
//
// Two things move it: a wake-up from this process's own writes (an
// EventBus event, handled on the writer's thread so the writer reads its
// own write on the next request), and a poll of the log's position every
// `poll` (250 ms by default), which picks up what any other process wrote
// (a `procura` command, another node) and anything a lost wake-up missed.
// On PostgreSQL a committed change anywhere also ends the poll's wait at
// once (LISTEN/NOTIFY through Storage::OnCommittedChange).
// The event carries no trusted data: the log is the truth.
#pragma once

#include <chrono>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "content/content_service.h"
#include "core/events.h"
#include "render/page_cache.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace procura::app {

class ChangeFollower {
 public:
  // Everything must outlive the follower; `search` may be null.
  ChangeFollower(Storage& storage, ContentService& content, PageCache& cache,
                 search::SearchIndex* search,
                 std::chrono::milliseconds poll = std::chrono::milliseconds(250));
  // Stops the poll thread.
  ~ChangeFollower();
  ChangeFollower(const ChangeFollower&) = delete;
  ChangeFollower& operator=(const ChangeFollower&) = delete;

  // Applies everything logged so far to every read model, on the calling
  // thread. Errors are logged; the next call or poll retries.
  void CatchUpNow();

  // Calls CatchUpNow() for every event published on `bus`.
  void SubscribeTo(EventBus& bus);

  // Starts the poll thread (once).
  void Start();
  // Stops the poll thread and waits for it (before the storage closes).
  // Idempotent; CatchUpNow() still works after it.
  void Stop();

 private:
  void Poll();

  Storage& storage_;
  ContentService& content_;
  PageCache& cache_;
  search::SearchIndex* search_;
  std::chrono::milliseconds poll_;
  // Shared with the storage's wake-up callback, which may outlive us.
  struct Wake {
    std::mutex mu;
    std::condition_variable cv;
    bool stop = false;   // guarded by mu
    bool poked = false;  // a change was committed somewhere; guarded by mu
  };
  std::shared_ptr<Wake> wake_ = std::make_shared<Wake>();
  std::thread thread_;
};

}  // namespace procura::app
