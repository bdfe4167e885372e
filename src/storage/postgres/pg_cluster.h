// What several nodes on one PostgreSQL database need beyond the repositories:
// a LISTEN connection that wakes the change-log readers when any node
// commits a change, and advisory-lock leadership for singletons.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/storage.h"

namespace procura::postgres {

// The NOTIFY channel a change-log append announces itself on.
inline constexpr const char* kChangeChannel = "procura_changes";

// Listens on kChangeChannel on a connection of its own (reconnecting with a
// back-off while the server is away) and calls every registered wake-up
// for each notification. Stopped by its destructor.
class ChangeListener {
 public:
  explicit ChangeListener(std::string url) : url_(std::move(url)) {}
  ~ChangeListener();
  // Registers `wake`; the first registration starts the listening thread.
  void Add(std::function<void()> wake);

 private:
  void Loop();
  void WakeAll();
  std::string url_;
  std::mutex mu_;
  std::vector<std::function<void()>> wakes_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Holds pg_advisory_lock(key of `name`) on a connection of its own.
class AdvisoryLeadership final : public Leadership {
 public:
  AdvisoryLeadership(std::string url, const std::string& name);
  ~AdvisoryLeadership() override;
  bool Check() override;

 private:
  void Drop();
  std::string url_;
  long long key_;
  PGconn* conn_ = nullptr;
  bool held_ = false;
};

}  // namespace procura::postgres
