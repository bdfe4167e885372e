// VisitCounter: page views and unique visitors for the annual report,
// counted in the server with no tracker, no cookie and no stored address.
// A visitor is a keyed hash (SipHash, libsodium) of address and browser;
// the key is made for one local day from the site's visitor secret, which
// every node on one database shares, so one person served by several nodes
// on a day has one hash. Hashes go only into a HyperLogLog sketch
// (visitor_sketch.h) per day: the node stores its sketch, and the day's
// count is the estimate of all nodes' sketches merged. Sketches are
// deleted when the day before yesterday ends; views and counts stay.
// Count() is cheap (one hash, one short lock); Flush() writes what was
// counted (once a minute, and at shutdown).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "interact/visitor_sketch.h"
#include "storage/storage.h"

namespace procura::interact {

class VisitCounter {
 public:
  // `secret`: the site's visitor secret (VisitorSecret()); the sketches a
  // process stores are named by a random node name of its own.
  VisitCounter(int utc_offset_minutes, std::string_view secret);
  // One view of a page: kind "home" (id 0), "column" or "article".
  void Count(const char* kind, std::int64_t id, std::string_view client,
             std::string_view user_agent, UnixSeconds now);
  // Adds the views so far to `storage`; stores this node's sketch of each
  // day with new visitors and raises the day's count to the nodes' merged
  // estimate; deletes sketches from before yesterday. What fails waits for
  // the next flush.
  Status Flush(Storage& storage);

 private:
  struct DaySketch {
    VisitorSketch sketch;
    bool unstored = false;  // visitors added since the last store
  };
  void StartDay(UnixSeconds now);
  Status StoreVisitors(Storage& storage);
  // This node's sketch of `day` stored; the day's count raised to the
  // estimate of every node's sketch merged.
  Status StoreDay(Storage& storage, const std::string& day, const VisitorSketch& sketch);

  const int offset_;
  unsigned char secret_key_[32] = {};  // the secret's hash: the day keys' key
  std::string node_;
  std::mutex mu_;
  std::string day_;
  UnixSeconds day_start_ = -1;  // when day_ began (UTC seconds); -1: no day yet
  unsigned char key_[16] = {};  // day_'s hash key
  std::map<std::string, DaySketch> sketches_;  // day_'s, and earlier ones until stored
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::int64_t> views_;
};

// The site's visitor secret: stored in the database on first use, the same
// for every node (Storage::SharedSecret).
Result<std::string> VisitorSecret(Storage& storage);

}  // namespace procura::interact
