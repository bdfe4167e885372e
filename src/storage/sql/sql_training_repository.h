// TrainingRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/sql/sql.h"
#include "storage/training_repository.h"

namespace procura::sql {

class SqlTrainingRepository final : public TrainingRepository {
 public:
  SqlTrainingRepository(Database& db) : db_(db) {}
  Result<std::int64_t> InsertClass(const ClassRecord& c) override;
  Status UpdateClassStatus(std::int64_t id, const std::string& status) override;
  Result<std::vector<ClassRecord>> ListClasses() override;
  Result<std::optional<ClassRecord>> GetClass(std::int64_t id) override;
  Result<std::optional<ClassRecord>> ClassForArticle(std::int64_t article_id) override;
  Result<std::int64_t> InsertSession(const SessionRow& s) override;
  Status UpdateClass(const ClassRecord& c) override;
  Status SetClassArticle(std::int64_t id, std::optional<std::int64_t> article_id) override;
  Status SetClassPhotos(std::int64_t id, const std::string& expected,
                        const std::string& photos) override;
  Result<std::optional<SessionRow>> GetSession(std::int64_t id) override;
  Status UpdateSession(const SessionRow& s) override;
  Status DeleteSession(std::int64_t id) override;
  Result<std::vector<SessionRow>> ListSessions(std::int64_t class_id) override;
  Status Enroll(std::int64_t class_id, std::int64_t member_id, UnixSeconds at) override;
  Status Withdraw(std::int64_t class_id, std::int64_t member_id, UnixSeconds at) override;
  Result<std::vector<EnrollmentRecord>> ListEnrollments(std::int64_t class_id) override;

 private:
  // Classes matching `where` (with one bound id unless `arg` is nullopt).
  Result<std::vector<ClassRecord>> Classes(const char* where, std::optional<std::int64_t> arg);
  // Sessions matching `where` (with one bound id).
  Result<std::vector<SessionRow>> Sessions(const char* where, std::int64_t arg);
  Database& db_;
};

}  // namespace procura::sql
