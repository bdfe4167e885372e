// The change log: one ordered record of every write that changes what the
// public can see. Read models apply it in sequence order and remember the
// last sequence number they applied, so a read model that missed a wake-up,
// or a process that was killed between a commit and its own update, catches
// up from the log (docs/architecture.md, "The change log").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
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

// A static export's report of itself (app/export_follower.h writes it after
// each pass, and a following export at least once a minute), so the
// newsroom can say whether the public files are up to date.
struct ExportReport {
  std::string name;            // "host:/srv/export", one report per export
  std::int64_t seq = -1;       // the change-log position its files reflect
  std::int64_t pages = 0;      // pages the export holds
  bool following = false;      // a process follows the log for it now
  UnixSeconds started_at = 0;  // when that process (or the one-off run) began
  UnixSeconds checked_at = 0;  // its last report
  UnixSeconds wrote_at = 0;    // its last pass that wrote or deleted files
  std::int64_t written = 0;    // that pass's pages written
  std::int64_t deleted = 0;    // and deleted
  std::string error;           // the last pass's error, "" after a good pass
  UnixSeconds error_at = 0;
  // A pass under way, reported every few seconds while it runs: pages
  // done of the pass's total (0 of 0: none under way).
  std::int64_t pass_done = 0;
  std::int64_t pass_total = 0;
  // An export that pushes its files to the web server (a push command run
  // after each pass): the change number its last good push carried (-1:
  // none yet), when, and the last push's error ("" after a good push).
  // Without a push, the public site is the export directory itself.
  bool pushes = false;
  std::int64_t pushed_seq = -1;
  UnixSeconds pushed_at = 0;
  std::string push_error;
  UnixSeconds push_error_at = 0;
  // Which push command pushed_seq belongs to: a digest of it, up to
  // kMaxExportReportPushKey bytes ("" when it does not push).
  std::string push_key;
};
inline constexpr std::size_t kMaxExportReportPushKey = 64;
inline constexpr std::size_t kMaxExportReportName = 512;
inline constexpr std::size_t kMaxExportReportError = 1000;

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

  // The newest change to the `kind` entity `id` the log still holds
  // (nullopt: none, or swept).
  virtual Result<std::optional<std::int64_t>> LatestFor(const std::string& kind,
                                                        std::int64_t id) = 0;

  // Records `r`, replacing the report of the same name. Invalid for an
  // empty name or one over kMaxExportReportName bytes; an error over
  // kMaxExportReportError bytes is cut at a character boundary. Invalid
  // too: pass_done below 0 or above pass_total.
  virtual Status PutExportReport(const ExportReport& r) = 0;
  // Every export's report, by name.
  virtual Result<std::vector<ExportReport>> ExportReports() = 0;
  // Forgets the report `name` (an export no longer used); NotFound if none.
  virtual Status DeleteExportReport(const std::string& name) = 0;
};

}  // namespace procura
