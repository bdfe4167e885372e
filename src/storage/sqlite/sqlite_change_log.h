// ChangeLogRepository over the shared SQLite connection.
#pragma once

#include <mutex>

#include "storage/change_log_repository.h"
#include "storage/sqlite/sqlite_db.h"

namespace procura::sqlite {

class SqliteChangeLog final : public ChangeLogRepository {
 public:
  SqliteChangeLog(Database& db, std::recursive_mutex& mu) : db_(db), mu_(mu) {}
  Result<std::int64_t> Append(const ChangeRecord& c) override;
  Result<std::vector<ChangeRecord>> Since(std::int64_t seq, int limit) override;
  Result<std::int64_t> Latest() override;
  Result<int> Sweep(std::int64_t up_to, UnixSeconds before) override;

 private:
  Database& db_;
  std::recursive_mutex& mu_;
};

}  // namespace procura::sqlite
