// SqlDuesRepository: party dues bases and payments.
#include "storage/sql/sql_dues_repository.h"

#include <mutex>

namespace procura::sql {
namespace {

constexpr const char* kBaseColumns =
    "b.member_id, b.year, b.category, b.base_fen, b.monthly_fen, b.set_by, b.set_at";

DuesBaseRecord ReadBase(const Statement& row) {
  DuesBaseRecord b;
  b.member_id = row.Int(0);
  b.year = static_cast<int>(row.Int(1));
  b.category = row.Text(2);
  b.base_fen = row.Int(3);
  b.monthly_fen = row.Int(4);
  b.set_by = row.OptInt(5);
  b.set_at = row.Int(6);
  return b;
}

DuesPaymentRecord ReadPayment(const Statement& row) {
  DuesPaymentRecord p;
  p.member_id = row.Int(0);
  p.year = static_cast<int>(row.Int(1));
  p.month = static_cast<int>(row.Int(2));
  p.amount_fen = row.Int(3);
  p.paid_on = row.Text(4);
  p.recorded_by = row.OptInt(5);
  p.recorded_at = row.Int(6);
  return p;
}

}  // namespace

Status SqlDuesRepository::PutBase(const DuesBaseRecord& b) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO dues_bases (member_id, year, category, base_fen, monthly_fen, set_by, set_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, year) DO UPDATE SET "
      "category = excluded.category, base_fen = excluded.base_fen, "
      "monthly_fen = excluded.monthly_fen, set_by = excluded.set_by, set_at = excluded.set_at");
  if (!st.ok()) return st.status();
  st->Bind(1, b.member_id).Bind(2, std::int64_t{b.year}).Bind(3, b.category);
  st->Bind(4, b.base_fen).Bind(5, b.monthly_fen).Bind(6, b.set_by).Bind(7, b.set_at);
  return st->Run();
}

Result<std::optional<DuesBaseRecord>> SqlDuesRepository::GetBase(std::int64_t member, int year) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kBaseColumns +
                        " FROM dues_bases b WHERE b.member_id = ? AND b.year = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, member).Bind(2, std::int64_t{year});
  auto rows = st->Collect<DuesBaseRecord>(ReadBase);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<DuesBaseRecord>{};
  return std::optional<DuesBaseRecord>{rows->front()};
}

Result<std::vector<DuesBaseRecord>> SqlDuesRepository::ListBases(
    int year, std::optional<std::int64_t> branch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kBaseColumns +
                        " FROM dues_bases b JOIN members m ON m.id = b.member_id "
                        "WHERE b.year = ? AND (? = 0 OR m.branch_id = ?) ORDER BY b.member_id");
  if (!st.ok()) return st.status();
  const std::int64_t unit = branch.value_or(0);
  st->Bind(1, std::int64_t{year}).Bind(2, unit).Bind(3, unit);
  return st->Collect<DuesBaseRecord>(ReadBase);
}

Status SqlDuesRepository::InsertPayment(const DuesPaymentRecord& p) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO dues_payments (member_id, year, month, amount_fen, paid_on, recorded_by, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, p.member_id).Bind(2, std::int64_t{p.year}).Bind(3, std::int64_t{p.month});
  st->Bind(4, p.amount_fen).Bind(5, p.paid_on).Bind(6, p.recorded_by).Bind(7, p.recorded_at);
  return st->Run();
}

Status SqlDuesRepository::DeletePayment(std::int64_t member, int year, int month) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM dues_payments WHERE member_id = ? AND year = ? AND month = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, member).Bind(2, std::int64_t{year}).Bind(3, std::int64_t{month});
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no payment for that month");
  return Status::Ok();
}

Result<std::vector<DuesPaymentRecord>> SqlDuesRepository::ListPayments(
    int from_year, int to_year, std::optional<std::int64_t> branch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT p.member_id, p.year, p.month, p.amount_fen, p.paid_on, p.recorded_by, "
      "p.recorded_at FROM dues_payments p JOIN members m ON m.id = p.member_id "
      "WHERE p.year BETWEEN ? AND ? AND (? = 0 OR m.branch_id = ?) "
      "ORDER BY p.member_id, p.year, p.month");
  if (!st.ok()) return st.status();
  const std::int64_t unit = branch.value_or(0);
  st->Bind(1, std::int64_t{from_year}).Bind(2, std::int64_t{to_year}).Bind(3, unit).Bind(4, unit);
  return st->Collect<DuesPaymentRecord>(ReadPayment);
}

}  // namespace procura::sql
