#include "app/change_follower.h"

#include <spdlog/spdlog.h>

namespace procura::app {

ChangeFollower::ChangeFollower(Storage& storage, ContentService& content, PageCache& cache,
                               search::SearchIndex* search, std::chrono::milliseconds poll)
    : storage_(storage), content_(content), cache_(cache), search_(search), poll_(poll) {}

ChangeFollower::~ChangeFollower() { Stop(); }

void ChangeFollower::Stop() {
  {
    std::lock_guard lock(wake_->mu);
    wake_->stop = true;
  }
  wake_->cv.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ChangeFollower::CatchUpNow() {
  // The snapshot first, then the pages built from it: a page rendered from
  // the old snapshot after this point is refused by the cache's generation
  // check, so no stale page outlives the catch-up.
  auto applied = content_.CatchUp();
  if (!applied.ok()) {
    spdlog::error("applying the change log to the site: {}", applied.status().message());
    return;
  }
  if (!applied->empty()) cache_.Apply(*applied);
  if (search_)
    if (Status s = search_->SyncIfReady(); !s.ok())
      spdlog::error("applying the change log to the search index: {}", s.message());
}

void ChangeFollower::SubscribeTo(EventBus& bus) {
  bus.Subscribe([this](const ContentChanged&) { CatchUpNow(); });
}

void ChangeFollower::Start() {
  if (thread_.joinable()) return;
  storage_.OnCommittedChange([weak = std::weak_ptr<Wake>(wake_)] {
    if (auto w = weak.lock()) {
      std::lock_guard lock(w->mu);
      w->poked = true;
      w->cv.notify_all();
    }
  });
  thread_ = std::thread([this] { Poll(); });
}

void ChangeFollower::Poll() {
  Wake& w = *wake_;
  std::unique_lock lock(w.mu);
  for (;;) {
    w.cv.wait_for(lock, poll_, [&w] { return w.stop || w.poked; });
    if (w.stop) return;
    w.poked = false;
    lock.unlock();
    auto latest = storage_.changes().Latest();  // one indexed read per poll
    const auto snap = content_.Snapshot();
    const bool behind = latest.ok() && snap && *latest > snap->seq();
    // (AppliedSeq waits for the index's lock, so only once it is ready.)
    const bool search_behind =
        latest.ok() && search_ && search_->ready() && *latest > search_->AppliedSeq();
    if (behind || search_behind) CatchUpNow();
    lock.lock();
  }
}

}  // namespace procura::app
