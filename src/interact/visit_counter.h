// VisitCounter: page views and unique visitors for the annual report,
// counted in the server with no tracker, no cookie and no stored address.
// A visitor is a keyed hash (SipHash, libsodium) of address and browser
// under a random key that lives in this process's memory for one local
// day; the next day's key is new, so no visitor can be followed across
// days, and nothing but counts reaches the database. Count() is cheap
// (one hash, one short lock); Flush() writes what was counted (once a
// minute, and at shutdown). With several nodes each counts its own
// visitors: one person served by two nodes on one day counts twice.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "storage/storage.h"

namespace procura::interact {

class VisitCounter {
 public:
  explicit VisitCounter(int utc_offset_minutes) : offset_(utc_offset_minutes) {}
  // One view of a page: kind "home" (id 0), "column" or "article".
  void Count(const char* kind, std::int64_t id, std::string_view client,
             std::string_view user_agent, UnixSeconds now);
  // Adds the counts so far to `storage` and forgets them (kept on failure).
  Status Flush(Storage& storage);

 private:
  void StartDay(const std::string& day);
  const int offset_;
  std::mutex mu_;
  std::string day_;
  UnixSeconds day_start_ = -1;  // when day_ began (UTC seconds); -1: no day yet
  unsigned char key_[16] = {};
  std::unordered_set<std::uint64_t> seen_;  // today's visitors' hashes, memory only
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::int64_t> views_;
  std::map<std::string, std::int64_t> new_visitors_;
};

}  // namespace procura::interact
