// The change log: one ordered record of every write that changes what the
// public can see. Read models apply it in sequence order and remember the
// last sequence number they applied, so a read model that missed a wake-up,
// or a process that was killed between a commit and its own update, catches
// up from the log (docs/architecture.md, "The change log").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace procura {

// What a change touched. An article's row names its column before and after
// the change (they differ when it moved), so a reader can tell which lists
// it left.
struct ChangeRecord {
  std::int64_t seq = 0;  // assigned by Append
  std::string kind;      // "site", "column", "article" or "media"
  std::int64_t entity_id = 0;
  std::vector<std::int64_t> column_ids;
  UnixSeconds at = 0;
};

class ChangeLogRepository {
 public:
  virtual ~ChangeLogRepository() = default;

  // Appends `c` (its seq is ignored) and returns the number it got. Call it
  // inside the writing transaction: the row commits or rolls back with the
  // write. Numbers are handed out in commit order (a later commit never has
  // a lower number), on every backend. Invalid for an unknown kind.
  virtual Result<std::int64_t> Append(const ChangeRecord& c) = 0;

  // Up to `limit` changes numbered above `seq`, ascending.
  virtual Result<std::vector<ChangeRecord>> Since(std::int64_t seq, int limit) = 0;

  // The newest number handed out (0 for a new database). Stays put when old
  // rows are swept.
  virtual Result<std::int64_t> Latest() = 0;

  // Deletes rows numbered `up_to` or lower and written before `before`
  // (every reader that persists its position has applied them, and running
  // readers have had time to); returns how many.
  virtual Result<int> Sweep(std::int64_t up_to, UnixSeconds before) = 0;
};

}  // namespace procura
