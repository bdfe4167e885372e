// AttendanceRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/attendance_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlAttendanceRepository final : public AttendanceRepository {
 public:
  SqlAttendanceRepository(Database& db) : db_(db) {}
  Status SetMark(const AttendanceRecord& a) override;
  Result<std::optional<AttendanceRecord>> GetMark(std::int64_t session,
                                                  std::int64_t member) override;
  Result<std::vector<AttendanceRecord>> ListMarks(std::int64_t session) override;
  Result<std::vector<CreditRow>> CreditRows(std::optional<int> year,
                                            std::optional<std::int64_t> class_id) override;
  Result<std::vector<CreditRow>> MemberCreditRows(std::int64_t member) override;
  Status SpendToken(std::int64_t session, std::int64_t slot, std::int64_t member,
                    UnixSeconds at) override;
  Result<std::int64_t> InsertMaterial(const MaterialRecord& m) override;
  Result<std::optional<MaterialRecord>> GetMaterial(std::int64_t id) override;
  Result<std::vector<MaterialRecord>> ListMaterials(std::int64_t class_id) override;
  Status DeleteMaterial(std::int64_t id) override;
  Result<std::int64_t> InsertOutsideTraining(const OutsideTrainingRecord& t) override;
  Result<std::optional<OutsideTrainingRecord>> GetOutsideTraining(std::int64_t id) override;
  Result<std::vector<OutsideTrainingRecord>> ListOutsideTraining(
      std::optional<std::int64_t> member, std::optional<int> year) override;
  Status UpdateOutsideTraining(const OutsideTrainingRecord& t) override;
  Status DeleteOutsideTraining(std::int64_t id) override;
  Result<std::vector<OutsideTrainingRecord>> ListOutsideTrainingIn(const std::string& state) override;
  Status SetOutsideTrainingState(std::int64_t id, const std::string& from, const std::string& to,
                                 const std::string& review_note) override;
  Result<std::optional<double>> Requirement(int year, const std::string& category) override;
  Status SetRequirement(int year, const std::string& category, double hours) override;

 private:
  Result<std::vector<AttendanceRecord>> Marks(const char* where, std::int64_t a, std::int64_t b);
  Result<std::vector<MaterialRecord>> Materials(const char* where, std::int64_t arg);
  // Rows of outside_training under `where`, which uses ?1 (bound to a, or
  // NULL) and, when where_has_b, ?2 (bound to b, or NULL).
  Result<std::vector<OutsideTrainingRecord>> OutsideTraining(const char* where,
                                                             std::optional<std::int64_t> a,
                                                             std::optional<std::string> b,
                                                             bool where_has_b);
  Database& db_;
};

}  // namespace procura::sql
