// ChangeLogRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/change_log_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlChangeLog final : public ChangeLogRepository {
 public:
  SqlChangeLog(Database& db) : db_(db) {}
  Result<std::int64_t> Append(const ChangeRecord& c) override;
  Result<std::vector<ChangeRecord>> Since(std::int64_t seq, int limit) override;
  Result<std::int64_t> Latest() override;
  Result<int> Sweep(std::int64_t up_to, UnixSeconds before) override;
  Result<std::optional<std::int64_t>> LatestFor(const std::string& kind, std::int64_t id) override;
  Status PutExportReport(const ExportReport& r) override;
  Result<std::vector<ExportReport>> ExportReports() override;
  Status DeleteExportReport(const std::string& name) override;

 private:
  Database& db_;
};

}  // namespace procura::sql
