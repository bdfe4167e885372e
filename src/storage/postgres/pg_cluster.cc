#include "storage/postgres/pg_cluster.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "storage/postgres/pg_db.h"

namespace procura::postgres {
namespace {

// A stable 63-bit key for an advisory lock, from a name (FNV-1a).
long long LockKey(const std::string& name) {
  unsigned long long h = 1469598103934665603ull;
  for (unsigned char c : "procura:" + name) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<long long>(h >> 1);
}

bool RunOk(PGconn* conn, const std::string& sql, std::string* first_value = nullptr) {
  auto r = Database::Run(conn, sql);
  if (!r.ok()) return false;
  if (first_value && PQntuples(*r) > 0) *first_value = PQgetvalue(*r, 0, 0);
  PQclear(*r);
  return true;
}

}  // namespace

ChangeListener::~ChangeListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ChangeListener::Add(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wakes_.push_back(std::move(wake));
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void ChangeListener::WakeAll() {
  std::lock_guard lock(mu_);
  for (auto& w : wakes_) w();
}

void ChangeListener::Loop() {
  auto backoff = std::chrono::milliseconds(200);
  while (!stop_) {
    auto conn = Connect(url_);
    if (!conn.ok() || !RunOk(*conn, std::string("LISTEN ") + kChangeChannel)) {
      if (conn.ok()) PQfinish(*conn);
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      continue;
    }
    backoff = std::chrono::milliseconds(200);
    WakeAll();  // anything committed while not listening
    while (!stop_) {
      pollfd p{PQsocket(*conn), POLLIN, 0};
      const int ready = ::poll(&p, 1, 250);  // also how soon stop_ is seen
      if (ready < 0) break;
      if (ready == 0) continue;
      if (!PQconsumeInput(*conn)) break;  // the connection is gone: reconnect
      bool any = false;
      while (PGnotify* n = PQnotifies(*conn)) {
        any = true;
        PQfreemem(n);
      }
      if (any) WakeAll();
    }
    PQfinish(*conn);
  }
}

AdvisoryLeadership::AdvisoryLeadership(std::string url, const std::string& name)
    : url_(std::move(url)), key_(LockKey(name)) {}

AdvisoryLeadership::~AdvisoryLeadership() { Drop(); }

void AdvisoryLeadership::Drop() {
  if (conn_) PQfinish(conn_);  // ends the session, and the lock with it
  conn_ = nullptr;
  held_ = false;
}

bool AdvisoryLeadership::Check() {
  if (conn_ && PQstatus(conn_) != CONNECTION_OK) Drop();
  if (!conn_) {
    auto c = Connect(url_);
    if (!c.ok()) return false;
    conn_ = *c;
  }
  if (held_) {
    if (RunOk(conn_, "SELECT 1")) return true;
    spdlog::warn("lost the database connection that held a singleton lock; standing down");
    Drop();
    return false;
  }
  std::string got;
  if (!RunOk(conn_, "SELECT pg_try_advisory_lock(" + std::to_string(key_) + ")", &got)) {
    Drop();
    return false;
  }
  held_ = got == "t";
  return held_;
}

}  // namespace procura::postgres
