#include "app/upgrade_on_start.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "content/body_rerender.h"
#include "content/markdown.h"

namespace procura::app {

namespace {

// Waits `d` unless stopped first; false once stopped.
bool Sleep(std::chrono::steady_clock::duration d, const std::stop_token& stop) {
  std::mutex mu;
  std::condition_variable_any cv;
  std::unique_lock lock(mu);
  cv.wait_for(lock, stop, d, [] { return false; });
  return !stop.stop_requested();
}

// Between batches, waits as long as the last batch took: the pass takes at
// most half of one core from the server beside it. False once stopped.
class Pacer {
 public:
  explicit Pacer(std::stop_token stop) : stop_(std::move(stop)) {}
  bool GoOn() {
    const auto worked = std::chrono::steady_clock::now() - since_;
    const bool go_on = Sleep(worked, stop_);
    since_ = std::chrono::steady_clock::now();
    return go_on;
  }

 private:
  std::stop_token stop_;
  std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
};

// True once this node holds the claim to run the pass; false when the
// rules are recorded (by another node) or the server stops first.
bool AwaitTurn(Storage& storage, Leadership& leadership, const std::stop_token& stop) {
  constexpr auto kPoll = std::chrono::seconds(2);
  bool told = false;
  for (;;) {
    auto recorded = storage.articles().RenderingRules();
    if (recorded.ok() && *recorded >= kMarkdownRules) return false;
    if (leadership.Check()) return true;
    if (!told) spdlog::info("another node brings stored bodies up to Markdown rules {}", kMarkdownRules);
    told = true;
    if (!Sleep(kPoll, stop)) return false;
  }
}

void UpgradeRenderings(Storage& storage, const MarkdownRenderer& renderer,
                       std::unique_ptr<Leadership> leadership, const std::stop_token& stop) {
  if (!AwaitTurn(storage, *leadership, stop)) return;
  Pacer pacer(stop);
  RerenderOptions options;
  options.go_on = [&pacer] { return pacer.GoOn(); };
  auto result = RerenderIfRulesChanged(storage, renderer, options);
  if (!result.ok()) {
    spdlog::error("re-rendering stored bodies: {}", result.status().message());
    return;
  }
  if (!result->has_value()) return;  // the database has these rules already
  const RerenderResult& r = **result;
  if (r.stopped) {
    spdlog::info("re-rendering stored bodies stopped after {} (the next start, or another node, goes on)", r.checked);
    return;
  }
  spdlog::info(
      "stored bodies brought up to Markdown rules {}: {} checked, {} re-rendered, {} could not be "
      "rendered, {} saved meanwhile",
      kMarkdownRules, r.checked, r.changed, r.failed, r.skipped);
}

// Indexes the media files of articles not yet indexed, a batch at a time.
// A failed batch (a deadlock broken on PostgreSQL while another node does
// the same) is logged and ends the pass: lookups scan what is left, and
// the next start goes on.
void IndexMediaRefs(Storage& storage, const std::stop_token& stop) {
  constexpr int kBatch = 200;  // a short hold of the writer lock
  Pacer pacer(stop);
  int indexed = 0;
  for (;;) {
    auto batch = storage.articles().IndexMediaRefs(kBatch);
    if (!batch.ok()) {
      spdlog::warn("indexing the media files articles show: {}", batch.status().message());
      break;
    }
    indexed += *batch;
    if (*batch < kBatch || !pacer.GoOn()) break;
  }
  if (indexed > 0) spdlog::info("indexed the media files {} articles show", indexed);
}

}  // namespace

UpgradeOnStart::UpgradeOnStart(Storage& storage, const MarkdownRenderer& renderer,
                               std::unique_ptr<Leadership> leadership)
    : thread_([&storage, &renderer, claim = std::move(leadership)](std::stop_token stop) mutable {
        UpgradeRenderings(storage, renderer, std::move(claim), stop);
        if (!stop.stop_requested()) IndexMediaRefs(storage, stop);
      }) {}

UpgradeOnStart::~UpgradeOnStart() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace procura::app
