// InspectionRepository: the self-inspection's history (one summary per
// run, for the trend) and the availability monitor's probes. Same
// contract as storage.h.
#pragma once

#include <cstdint>
#include <string>
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

class InspectionRepository {
 public:
  virtual ~InspectionRepository() = default;
  virtual Status AppendRun(const InspectionRunRecord& r) = 0;
  // The latest `limit` runs, newest first.
  virtual Result<std::vector<InspectionRunRecord>> ListRuns(int limit) = 0;
  virtual Status AppendProbe(const ProbeRecord& p) = 0;
  // Probes at or after `since`, oldest first.
  virtual Result<std::vector<ProbeRecord>> ProbesSince(UnixSeconds since) = 0;
};

}  // namespace procura
