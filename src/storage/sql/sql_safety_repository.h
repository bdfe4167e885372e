// SafetyRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/safety_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlSafetyRepository final : public SafetyRepository {
 public:
  explicit SqlSafetyRepository(Database& db) : db_(db) {}
  Result<std::vector<WordEntryRecord>> ListWordEntries() override;
  Result<std::optional<WordEntryRecord>> GetWordEntry(std::int64_t id) override;
  Result<std::int64_t> InsertWordEntry(const WordEntryRecord& e) override;
  Status UpdateWordEntry(const WordEntryRecord& e) override;
  Status DeleteWordEntry(std::int64_t id) override;
  Result<std::vector<LeaderRecord>> ListLeaders() override;
  Result<std::int64_t> InsertLeader(const LeaderRecord& l) override;
  Status DeleteLeader(std::int64_t id) override;
  Result<std::string> WordListsRevision() override;

 private:
  // Gives the lists a new revision; in the same savepoint as the write.
  static Status Bump(Database& tx);
  Database& db_;
};

}  // namespace procura::sql
