#include "app/rerender_on_start.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "content/body_rerender.h"
#include "content/markdown.h"

namespace procura::app {

namespace {

// Between batches, waits as long as the last batch took: the pass takes at
// most half of one core from the server beside it. False once stopped.
class Pacer {
 public:
  explicit Pacer(std::stop_token stop) : stop_(std::move(stop)) {}
  bool GoOn() {
    const auto worked = std::chrono::steady_clock::now() - since_;
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock lock(mu);
    cv.wait_for(lock, stop_, worked, [] { return false; });
    since_ = std::chrono::steady_clock::now();
    return !stop_.stop_requested();
  }

 private:
  std::stop_token stop_;
  std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
};

void Run(Storage& storage, const MarkdownRenderer& renderer, std::stop_token stop) {
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
    spdlog::info("re-rendering stored bodies stopped after {} (the next start goes on)", r.checked);
    return;
  }
  spdlog::info(
      "stored bodies brought up to Markdown rules {}: {} checked, {} re-rendered, {} could not be "
      "rendered, {} saved meanwhile",
      kMarkdownRules, r.checked, r.changed, r.failed, r.skipped);
}

}  // namespace

RenderingUpgrade::RenderingUpgrade(Storage& storage, const MarkdownRenderer& renderer)
    : thread_([&storage, &renderer](std::stop_token stop) { Run(storage, renderer, stop); }) {}

RenderingUpgrade::~RenderingUpgrade() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace procura::app
