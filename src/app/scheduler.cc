#include "app/scheduler.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace procura::app {

Scheduler::Scheduler(ArticleWorkflow& wf, std::unique_ptr<Leadership> leadership,
                     std::function<void()> housekeeping)
    : wf_(wf),
      leadership_(std::move(leadership)),
      housekeeping_(std::move(housekeeping)),
      thread_([this] { Loop(); }) {}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Scheduler::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    const bool leading = leadership_->Check();
    if (leading != leading_) {
      spdlog::info(leading ? "this node now runs the scheduler and housekeeping"
                           : "another node runs the scheduler now");
      leading_ = leading;
      ticks_ = 0;  // a new leader sweeps at once
    }
    if (leading) {
      if (ticks_++ % 60 == 0 && housekeeping_) housekeeping_();
      auto n = wf_.PublishDue(NowUnix());
      if (!n.ok())
        spdlog::error("scheduled publishing: {}", n.status().message());
      else if (*n > 0)
        spdlog::info("published {} scheduled article(s)", *n);
      auto unpinned = wf_.UnpinDue(NowUnix());
      if (!unpinned.ok())
        spdlog::error("unpinning: {}", unpinned.status().message());
      else if (*unpinned > 0)
        spdlog::info("unpinned {} article(s) whose pin ran out", *unpinned);
    }
    lock.lock();
    cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
  }
}

}  // namespace procura::app
