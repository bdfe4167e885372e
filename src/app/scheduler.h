// The server's singleton loop: publishes scheduled articles when their time
// comes (once at start, to catch up after downtime, then every second) and
// runs housekeeping once a minute. With several nodes on one database only
// the node that holds the "scheduler" leadership does either; when it dies,
// another takes over within a few seconds. Publishing is exactly-once
// whoever runs it: PublishDue re-reads each article under the writer lock.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "content/workflow.h"
#include "storage/storage.h"

namespace procura::app {

class Scheduler {
 public:
  // `housekeeping` runs once a minute (sweepers) on the leader.
  Scheduler(ArticleWorkflow& wf, std::unique_ptr<Leadership> leadership,
            std::function<void()> housekeeping);
  ~Scheduler();  // stops the loop and waits for it
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

 private:
  void Loop();
  ArticleWorkflow& wf_;
  std::unique_ptr<Leadership> leadership_;
  std::function<void()> housekeeping_;
  std::uint64_t ticks_ = 0;
  bool leading_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace procura::app
