// DuesRepository: party dues (党费) — each member's yearly base and the
// months paid. Same contract as storage.h: thread-safe, errors as values.
// Amounts are whole fen (1 yuan = 100 fen), never floating point.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

// A member's dues for one year, fixed once a year (每年核定一次).
struct DuesBaseRecord {
  std::int64_t member_id = 0;
  int year = 0;
  std::string category;          // "in-service", "retired", "fixed"
  std::int64_t base_fen = 0;     // monthly income the rate applies to (0 for "fixed")
  std::int64_t monthly_fen = 0;  // the monthly dues, computed when the base was set
  std::optional<std::int64_t> set_by;
  UnixSeconds set_at = 0;
};

// One month's dues, paid.
struct DuesPaymentRecord {
  std::int64_t member_id = 0;
  int year = 0;
  int month = 0;  // 1..12
  std::int64_t amount_fen = 0;
  std::string paid_on;  // YYYY-MM-DD
  std::optional<std::int64_t> recorded_by;
  UnixSeconds recorded_at = 0;
};

class DuesRepository {
 public:
  virtual ~DuesRepository() = default;
  // Sets (or replaces) the member's base for the record's year.
  virtual Status PutBase(const DuesBaseRecord& b) = 0;
  virtual Result<std::optional<DuesBaseRecord>> GetBase(std::int64_t member, int year) = 0;
  // The bases of `year` for the members now in `branch` (all when nullopt),
  // by member id.
  virtual Result<std::vector<DuesBaseRecord>> ListBases(int year,
                                                        std::optional<std::int64_t> branch) = 0;
  // Exists if the month is already paid.
  virtual Status InsertPayment(const DuesPaymentRecord& p) = 0;
  // NotFound if the month was not paid.
  virtual Status DeletePayment(std::int64_t member, int year, int month) = 0;
  // Payments for the years `from_year`..`to_year` of the members now in
  // `branch` (all when nullopt), by member, year and month.
  virtual Result<std::vector<DuesPaymentRecord>> ListPayments(
      int from_year, int to_year, std::optional<std::int64_t> branch) = 0;
};

}  // namespace procura
