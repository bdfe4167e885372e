// The availability monitor: fetches the site's public home page every few
// minutes through its public address, as an inspector's probe would, and
// records the status and the time to the whole answer. Its records feed
// the inspection's 15 s / 5% indicator. Optional (serve --probe-url).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/storage.h"

namespace procura::interact {

// One probe: (HTTP status, 0 if no answer; milliseconds). Gives up after
// `timeout` (an answer that slow counts as failed either way).
ProbeRecord ProbeOnce(const std::string& url, std::chrono::milliseconds timeout);

class AvailabilityMonitor {
 public:
  // Probes only while this process holds `leadership` (one prober per
  // site, however many nodes are given --probe-url).
  AvailabilityMonitor(Storage& storage, std::unique_ptr<Leadership> leadership, std::string url,
                      std::chrono::seconds every);
  ~AvailabilityMonitor();  // stops and joins
  AvailabilityMonitor(const AvailabilityMonitor&) = delete;
  AvailabilityMonitor& operator=(const AvailabilityMonitor&) = delete;

 private:
  void Loop();
  Storage& storage_;
  std::unique_ptr<Leadership> leadership_;
  const std::string url_;
  const std::chrono::seconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace procura::interact
