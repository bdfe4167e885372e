// InspectionRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/inspection_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlInspectionRepository final : public InspectionRepository {
 public:
  explicit SqlInspectionRepository(Database& db) : db_(db) {}
  Status AppendRun(const InspectionRunRecord& r) override;
  Result<std::vector<InspectionRunRecord>> ListRuns(int limit) override;
  Status AppendProbe(const ProbeRecord& p) override;
  Result<std::vector<ProbeRecord>> ProbesSince(UnixSeconds since) override;
  Status AddPageViews(const std::vector<PageViewRecord>& views) override;
  Status StoreVisitorSketch(const std::string& day, const std::string& node,
                            std::string_view sketch) override;
  Result<std::vector<std::string>> VisitorSketches(const std::string& day) override;
  Status RaiseVisitors(const std::string& day, std::int64_t visitors) override;
  Status DropVisitorSketchesBefore(const std::string& day) override;
  Result<bool> ClaimLogImport(const std::string& digest, const std::string& name,
                              UnixSeconds at) override;
  Status ReleaseLogImport(const std::string& digest) override;
  Result<LogImports> CountLogImports() override;
  Result<std::vector<PageViewRecord>> PageViews(const std::string& prefix) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> Visitors(
      const std::string& prefix) override;

 private:
  Database& db_;
};

}  // namespace procura::sql
