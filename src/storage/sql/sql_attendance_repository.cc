#include "storage/sql/sql_attendance_repository.h"

#include <fmt/format.h>

#include <string>

namespace procura::sql {
namespace {

// A mark with its session and class, as CreditRow reads it.
constexpr const char* kCreditSelect =
    "SELECT a.member_id, c.id, c.title, c.full_time, c.late_credit, s.id, s.starts_at, s.hours, "
    "a.mark, c.online FROM attendance a JOIN training_sessions s ON s.id = a.session_id "
    "JOIN training_classes c ON c.id = s.class_id ";

CreditRow CreditRowFrom(const Statement& row) {
  return {row.Int(0), row.Int(1),  row.Text(2),   row.Int(3) != 0, row.Double(4),
          row.Int(5), row.Text(6), row.Double(7), row.Text(8),     row.Int(9) != 0};
}

}  // namespace

Status SqlAttendanceRepository::SetMark(const AttendanceRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO attendance (session_id, member_id, mark, reason, method, marked_at, marked_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, member_id) DO UPDATE SET "
      "mark = excluded.mark, reason = excluded.reason, method = excluded.method, "
      "marked_at = excluded.marked_at, marked_by = excluded.marked_by");
  if (!st.ok()) return st.status();
  st->Bind(1, a.session_id).Bind(2, a.member_id).Bind(3, a.mark).Bind(4, a.reason);
  st->Bind(5, a.method).Bind(6, a.marked_at).Bind(7, a.marked_by);
  return st->Run();
}

Result<std::vector<AttendanceRecord>> SqlAttendanceRepository::Marks(const char* where,
                                                                        std::int64_t a,
                                                                        std::int64_t b) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT session_id, member_id, mark, reason, method, marked_at, marked_by "
                  "FROM attendance ") +
      where);
  if (!st.ok()) return st.status();
  st->Bind(1, a);
  if (b) st->Bind(2, b);
  return st->Collect<AttendanceRecord>([](const Statement& row) -> AttendanceRecord {
    return {row.Int(0),  row.Int(1), row.Text(2),  row.Text(3),
            row.Text(4), row.Int(5), row.OptInt(6)};
  });
}

Result<std::optional<AttendanceRecord>> SqlAttendanceRepository::GetMark(std::int64_t session,
                                                                            std::int64_t member) {
  auto rows = Marks("WHERE session_id = ? AND member_id = ?", session, member);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<AttendanceRecord>{};
  return std::optional<AttendanceRecord>{rows->front()};
}

Result<std::vector<AttendanceRecord>> SqlAttendanceRepository::ListMarks(std::int64_t session) {
  return Marks("WHERE session_id = ? ORDER BY member_id", session, 0);
}

Result<std::vector<CreditRow>> SqlAttendanceRepository::CreditRows(
    std::optional<int> year, std::optional<std::int64_t> class_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kCreditSelect) +
                        "WHERE (?1 IS NULL OR substr(s.starts_at, 1, 4) = ?1) "
                        "AND (?2 IS NULL OR c.id = ?2) ORDER BY a.member_id, s.starts_at, s.id");
  if (!st.ok()) return st.status();
  st->BindOptText(1, year ? std::optional<std::string>{fmt::format("{:04d}", *year)}
                          : std::nullopt);
  st->Bind(2, class_id);
  return st->Collect<CreditRow>(CreditRowFrom);
}

Result<std::vector<CreditRow>> SqlAttendanceRepository::MemberCreditRows(std::int64_t member) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kCreditSelect) +
                        "WHERE a.member_id = ? ORDER BY s.starts_at, s.id");
  if (!st.ok()) return st.status();
  st->Bind(1, member);
  return st->Collect<CreditRow>(CreditRowFrom);
}

Status SqlAttendanceRepository::SpendToken(std::int64_t session, std::int64_t slot,
                                              std::int64_t member, UnixSeconds at) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO checkin_token_uses (session_id, slot, member_id, used_at) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, session).Bind(2, slot).Bind(3, member).Bind(4, at);
  return st->Run();
}

Result<std::int64_t> SqlAttendanceRepository::InsertMaterial(const MaterialRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO class_materials (class_id, session_id, title, file_name, stored_name, mime, "
      "size, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, m.class_id).Bind(2, m.session_id).Bind(3, m.title).Bind(4, m.file_name);
  st->Bind(5, m.stored_name).Bind(6, m.mime).Bind(7, m.size).Bind(8, m.uploaded_at);
  st->Bind(9, m.uploaded_by);
  return st->RunReturningId();
}

Result<std::vector<MaterialRecord>> SqlAttendanceRepository::Materials(const char* where,
                                                                          std::int64_t arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT id, class_id, session_id, title, file_name, stored_name, mime, size, "
                  "uploaded_at, uploaded_by FROM class_materials ") +
      where);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  return st->Collect<MaterialRecord>([](const Statement& row) -> MaterialRecord {
    return {row.Int(0),  row.Int(1),  row.OptInt(2), row.Text(3), row.Text(4),
            row.Text(5), row.Text(6), row.Int(7),    row.Int(8),  row.OptInt(9)};
  });
}

Result<std::optional<MaterialRecord>> SqlAttendanceRepository::GetMaterial(std::int64_t id) {
  auto rows = Materials("WHERE id = ?", id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<MaterialRecord>{};
  return std::optional<MaterialRecord>{rows->front()};
}

Result<std::vector<MaterialRecord>> SqlAttendanceRepository::ListMaterials(
    std::int64_t class_id) {
  return Materials("WHERE class_id = ? ORDER BY id", class_id);
}

Status SqlAttendanceRepository::DeleteMaterial(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM class_materials WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return st->Run();
}

Result<std::optional<double>> SqlAttendanceRepository::Requirement(int year,
                                                                      const std::string& category) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT hours FROM hour_requirements WHERE year = ? AND category = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{year}).Bind(2, category);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<double>{};
  return std::optional<double>{st->Double(0)};
}

Status SqlAttendanceRepository::SetRequirement(int year, const std::string& category,
                                                  double hours) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO hour_requirements (year, category, hours) VALUES (?, ?, ?) "
      "ON CONFLICT (year, category) DO UPDATE SET hours = excluded.hours");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{year}).Bind(2, category).BindDouble(3, hours);
  return st->Run();
}

}  // namespace procura::sql
