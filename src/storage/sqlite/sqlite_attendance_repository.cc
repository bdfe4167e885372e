#include "storage/sqlite/sqlite_attendance_repository.h"

#include <string>

namespace procura::sqlite {

Status SqliteAttendanceRepository::SetMark(const AttendanceRecord& a) {
  std::lock_guard lock(mu_);
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

Result<std::vector<AttendanceRecord>> SqliteAttendanceRepository::Marks(const char* where,
                                                                        std::int64_t a,
                                                                        std::int64_t b) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare(
      std::string("SELECT session_id, member_id, mark, reason, method, marked_at, marked_by "
                  "FROM attendance ") +
      where);
  if (!st.ok()) return st.status();
  st->Bind(1, a);
  if (b) st->Bind(2, b);
  std::vector<AttendanceRecord> out;
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(
        {st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Int(5), st->OptInt(6)});
  }
  return out;
}

Result<std::optional<AttendanceRecord>> SqliteAttendanceRepository::GetMark(std::int64_t session,
                                                                            std::int64_t member) {
  auto rows = Marks("WHERE session_id = ? AND member_id = ?", session, member);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<AttendanceRecord>{};
  return std::optional<AttendanceRecord>{rows->front()};
}

Result<std::vector<AttendanceRecord>> SqliteAttendanceRepository::ListMarks(std::int64_t session) {
  return Marks("WHERE session_id = ? ORDER BY member_id", session, 0);
}

Result<std::vector<CreditRow>> SqliteAttendanceRepository::CreditRows(
    std::optional<int> year, std::optional<std::int64_t> class_id) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare(
      "SELECT a.member_id, c.id, c.title, c.full_time, c.late_credit, s.id, s.starts_at, s.hours, "
      "a.mark FROM attendance a JOIN training_sessions s ON s.id = a.session_id "
      "JOIN training_classes c ON c.id = s.class_id "
      "WHERE (?1 IS NULL OR substr(s.starts_at, 1, 4) = printf('%04d', ?1)) "
      "AND (?2 IS NULL OR c.id = ?2) ORDER BY a.member_id, s.starts_at, s.id");
  if (!st.ok()) return st.status();
  st->Bind(1, year ? std::optional<std::int64_t>{*year} : std::nullopt).Bind(2, class_id);
  std::vector<CreditRow> out;
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st->Int(0), st->Int(1), st->Text(2), st->Int(3) != 0, st->Double(4), st->Int(5),
                   st->Text(6), st->Double(7), st->Text(8)});
  }
  return out;
}

Status SqliteAttendanceRepository::SpendToken(std::int64_t session, std::int64_t slot,
                                              std::int64_t member, UnixSeconds at) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare(
      "INSERT INTO checkin_token_uses (session_id, slot, member_id, used_at) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, session).Bind(2, slot).Bind(3, member).Bind(4, at);
  return st->Run();
}

Result<std::int64_t> SqliteAttendanceRepository::InsertMaterial(const MaterialRecord& m) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare(
      "INSERT INTO class_materials (class_id, session_id, title, file_name, stored_name, mime, "
      "size, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, m.class_id).Bind(2, m.session_id).Bind(3, m.title).Bind(4, m.file_name);
  st->Bind(5, m.stored_name).Bind(6, m.mime).Bind(7, m.size).Bind(8, m.uploaded_at);
  st->Bind(9, m.uploaded_by);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return db_.LastInsertId();
}

Result<std::vector<MaterialRecord>> SqliteAttendanceRepository::Materials(const char* where,
                                                                          std::int64_t arg) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare(
      std::string("SELECT id, class_id, session_id, title, file_name, stored_name, mime, size, "
                  "uploaded_at, uploaded_by FROM class_materials ") +
      where);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  std::vector<MaterialRecord> out;
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st->Int(0), st->Int(1), st->OptInt(2), st->Text(3), st->Text(4), st->Text(5),
                   st->Text(6), st->Int(7), st->Int(8), st->OptInt(9)});
  }
  return out;
}

Result<std::optional<MaterialRecord>> SqliteAttendanceRepository::GetMaterial(std::int64_t id) {
  auto rows = Materials("WHERE id = ?", id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<MaterialRecord>{};
  return std::optional<MaterialRecord>{rows->front()};
}

Result<std::vector<MaterialRecord>> SqliteAttendanceRepository::ListMaterials(
    std::int64_t class_id) {
  return Materials("WHERE class_id = ? ORDER BY id", class_id);
}

Status SqliteAttendanceRepository::DeleteMaterial(std::int64_t id) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare("DELETE FROM class_materials WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return st->Run();
}

Result<std::optional<double>> SqliteAttendanceRepository::Requirement(int year,
                                                                      const std::string& category) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare("SELECT hours FROM hour_requirements WHERE year = ? AND category = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{year}).Bind(2, category);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<double>{};
  return std::optional<double>{st->Double(0)};
}

Status SqliteAttendanceRepository::SetRequirement(int year, const std::string& category,
                                                  double hours) {
  std::lock_guard lock(mu_);
  auto st = db_.Prepare(
      "INSERT INTO hour_requirements (year, category, hours) VALUES (?, ?, ?) "
      "ON CONFLICT (year, category) DO UPDATE SET hours = excluded.hours");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{year}).Bind(2, category).BindDouble(3, hours);
  return st->Run();
}

}  // namespace procura::sqlite
