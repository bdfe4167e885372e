// InspectionRepository: the self-inspection's history (one summary per
// run, for the trend) and the availability monitor's probes. Same
// contract as storage.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

struct InspectionRunRecord {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  int failed = 0;    // indicators failing
  int warnings = 0;  // indicators about to fail
  std::string summary;  // "key=status;..." per indicator
};

struct ProbeRecord {
  UnixSeconds at = 0;
  int status = 0;  // HTTP status; 0 when no answer came
  int millis = 0;  // time to the whole answer
};

struct PageViewRecord {
  std::string day;   // "2026-11-30", local
  std::string kind;  // home, column, article
  std::int64_t object_id = 0;  // column or article id; 0 for home
  std::int64_t views = 0;
};

// The web server logs counted so far (ClaimLogImport).
struct LogImports {
  std::int64_t total = 0;
  std::string latest_name;      // "" when none
  UnixSeconds latest_at = 0;
};

class InspectionRepository {
 public:
  virtual ~InspectionRepository() = default;
  virtual Status AppendRun(const InspectionRunRecord& r) = 0;
  // The latest `limit` runs, newest first.
  virtual Result<std::vector<InspectionRunRecord>> ListRuns(int limit) = 0;
  virtual Status AppendProbe(const ProbeRecord& p) = 0;
  // Probes at or after `since`, oldest first.
  virtual Result<std::vector<ProbeRecord>> ProbesSince(UnixSeconds since) = 0;

  // Visit statistics (the annual report): adds to the day's counts.
  virtual Status AddPageViews(const std::vector<PageViewRecord>& views) = 0;
  // Unique visitors. Each node stores its own sketch of a day (bytes that
  // mean nothing here), replacing the one it stored before.
  virtual Status StoreVisitorSketch(const std::string& day, const std::string& node,
                                    std::string_view sketch) = 0;
  // Every node's sketch of `day`.
  virtual Result<std::vector<std::string>> VisitorSketches(const std::string& day) = 0;
  // Sets the day's count to `visitors` unless it is already higher (a
  // node that stores late cannot lower it).
  virtual Status RaiseVisitors(const std::string& day, std::int64_t visitors) = 0;
  // Deletes the sketches of every day before `day`.
  virtual Status DropVisitorSketchesBefore(const std::string& day) = 0;
  // A web server log about to be counted, by the SHA-256 of its content:
  // true, recorded, unless it was counted before (false).
  virtual Result<bool> ClaimLogImport(const std::string& digest, const std::string& name,
                                      UnixSeconds at) = 0;
  // Forgets a claim whose counts could not be stored.
  virtual Status ReleaseLogImport(const std::string& digest) = 0;
  virtual Result<LogImports> CountLogImports() = 0;
  // Counts of days starting with `prefix` ("2026"), by day.
  virtual Result<std::vector<PageViewRecord>> PageViews(const std::string& prefix) = 0;
  virtual Result<std::vector<std::pair<std::string, std::int64_t>>> Visitors(
      const std::string& prefix) = 0;
};

}  // namespace procura
