// DuesRepository over the SQL layer (both backends).
#pragma once

#include "storage/dues_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlDuesRepository final : public DuesRepository {
 public:
  explicit SqlDuesRepository(Database& db) : db_(db) {}
  Status PutBase(const DuesBaseRecord& b) override;
  Result<std::optional<DuesBaseRecord>> GetBase(std::int64_t member, int year) override;
  Result<std::vector<DuesBaseRecord>> ListBases(int year,
                                                std::optional<std::int64_t> branch) override;
  Status InsertPayment(const DuesPaymentRecord& p) override;
  Status DeletePayment(std::int64_t member, int year, int month) override;
  Result<std::vector<DuesPaymentRecord>> ListPayments(int from_year, int to_year,
                                                      std::optional<std::int64_t> branch) override;

 private:
  Database& db_;
};

}  // namespace procura::sql
