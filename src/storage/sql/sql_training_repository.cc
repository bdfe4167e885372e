#include "storage/sql/sql_training_repository.h"

namespace procura::sql {

Result<std::int64_t> SqlTrainingRepository::InsertClass(const ClassRecord& c) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO training_classes (title, purpose, organizer, start_date, end_date, venue, "
      "target_group, required_hours, full_time, capacity, status, is_sample, checkin_before_min, "
      "checkin_after_min, late_after_min, late_credit, online) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, c.title).Bind(2, c.purpose).Bind(3, c.organizer).Bind(4, c.start_date);
  st->Bind(5, c.end_date).Bind(6, c.venue).Bind(7, c.target_group);
  st->BindDouble(8, c.required_hours).Bind(9, std::int64_t{c.full_time ? 1 : 0});
  st->Bind(10, c.capacity).Bind(11, c.status).Bind(12, std::int64_t{c.is_sample ? 1 : 0});
  st->Bind(13, std::int64_t{c.checkin_before_min}).Bind(14, std::int64_t{c.checkin_after_min});
  st->Bind(15, std::int64_t{c.late_after_min}).BindDouble(16, c.late_credit);
  st->Bind(17, std::int64_t{c.online ? 1 : 0});
  return st->RunReturningId();
}

Status SqlTrainingRepository::UpdateClass(const ClassRecord& c) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE training_classes SET title = ?, purpose = ?, organizer = ?, start_date = ?, "
      "end_date = ?, venue = ?, target_group = ?, required_hours = ?, full_time = ?, "
      "capacity = ?, checkin_before_min = ?, checkin_after_min = ?, late_after_min = ?, "
      "late_credit = ?, online = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, c.title).Bind(2, c.purpose).Bind(3, c.organizer).Bind(4, c.start_date);
  st->Bind(5, c.end_date).Bind(6, c.venue).Bind(7, c.target_group);
  st->BindDouble(8, c.required_hours).Bind(9, std::int64_t{c.full_time ? 1 : 0});
  st->Bind(10, c.capacity).Bind(11, std::int64_t{c.checkin_before_min});
  st->Bind(12, std::int64_t{c.checkin_after_min}).Bind(13, std::int64_t{c.late_after_min});
  st->BindDouble(14, c.late_credit).Bind(15, std::int64_t{c.online ? 1 : 0}).Bind(16, c.id);
  return st->Run();
}

Status SqlTrainingRepository::SetClassArticle(std::int64_t id,
                                                 std::optional<std::int64_t> article_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("UPDATE training_classes SET news_article_id = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id).Bind(2, id);
  return st->Run();
}

Status SqlTrainingRepository::UpdateClassStatus(std::int64_t id, const std::string& status) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("UPDATE training_classes SET status = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, status).Bind(2, id);
  return st->Run();
}

Status SqlTrainingRepository::SetClassPhotos(std::int64_t id, const std::string& expected,
                                             const std::string& photos) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("UPDATE training_classes SET photos = ? WHERE id = ? AND photos = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, photos).Bind(2, id).Bind(3, expected);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::Conflict("the class's photos changed meanwhile");
  return Status::Ok();
}

Result<std::vector<ClassRecord>> SqlTrainingRepository::Classes(
    const char* where, std::optional<std::int64_t> arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, title, purpose, organizer, start_date, end_date, venue, target_group, "
      "required_hours, full_time, capacity, status, is_sample, checkin_before_min, "
      "checkin_after_min, late_after_min, late_credit, news_article_id, online, photos FROM training_classes " +
      std::string(where));
  if (!st.ok()) return st.status();
  if (arg) st->Bind(1, *arg);
  return st->Collect<ClassRecord>([](const Statement& row) {
    ClassRecord c;
    c.id = row.Int(0);
    c.title = row.Text(1);
    c.purpose = row.Text(2);
    c.organizer = row.Text(3);
    c.start_date = row.Text(4);
    c.end_date = row.Text(5);
    c.venue = row.Text(6);
    c.target_group = row.Text(7);
    c.required_hours = row.Double(8);
    c.full_time = row.Int(9) != 0;
    c.capacity = row.OptInt(10);
    c.status = row.Text(11);
    c.is_sample = row.Int(12) != 0;
    c.checkin_before_min = static_cast<int>(row.Int(13));
    c.checkin_after_min = static_cast<int>(row.Int(14));
    c.late_after_min = static_cast<int>(row.Int(15));
    c.late_credit = row.Double(16);
    c.news_article_id = row.OptInt(17);
    c.online = row.Int(18) != 0;
    c.photos = row.Text(19);
    return c;
  });
}

Result<std::vector<ClassRecord>> SqlTrainingRepository::ListClasses() {
  return Classes("ORDER BY start_date DESC, id DESC", std::nullopt);
}

Result<std::optional<ClassRecord>> SqlTrainingRepository::GetClass(std::int64_t id) {
  auto rows = Classes("WHERE id = ?", id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ClassRecord>{};
  return std::optional<ClassRecord>{rows->front()};
}

Result<std::optional<ClassRecord>> SqlTrainingRepository::ClassForArticle(
    std::int64_t article_id) {
  auto rows = Classes("WHERE news_article_id = ? ORDER BY id LIMIT 1", article_id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ClassRecord>{};
  return std::optional<ClassRecord>{rows->front()};
}

Result<std::int64_t> SqlTrainingRepository::InsertSession(const SessionRow& s) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO training_sessions (class_id, starts_at, venue, hours, type, topic, lecturer, "
      "presenting_branch_id, speaker_member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, s.class_id).Bind(2, s.starts_at).Bind(3, s.venue).BindDouble(4, s.hours);
  st->Bind(5, s.type).Bind(6, s.topic).Bind(7, s.lecturer).Bind(8, s.presenting_branch_id);
  st->Bind(9, s.speaker_member_id);
  return st->RunReturningId();
}

Result<std::vector<SessionRow>> SqlTrainingRepository::Sessions(const char* where,
                                                                   std::int64_t arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT id, class_id, starts_at, venue, hours, type, topic, lecturer, "
                  "presenting_branch_id, speaker_member_id FROM training_sessions ") +
      where);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  return st->Collect<SessionRow>([](const Statement& row) -> SessionRow {
    return {row.Int(0),  row.Int(1),  row.Text(2), row.Text(3),   row.Double(4),
            row.Text(5), row.Text(6), row.Text(7), row.OptInt(8), row.OptInt(9)};
  });
}

Result<std::vector<SessionRow>> SqlTrainingRepository::ListSessions(std::int64_t class_id) {
  return Sessions("WHERE class_id = ? ORDER BY starts_at, id", class_id);
}

Result<std::optional<SessionRow>> SqlTrainingRepository::GetSession(std::int64_t id) {
  auto rows = Sessions("WHERE id = ?", id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SessionRow>{};
  return std::optional<SessionRow>{rows->front()};
}

Status SqlTrainingRepository::UpdateSession(const SessionRow& s) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE training_sessions SET starts_at = ?, venue = ?, hours = ?, type = ?, topic = ?, "
      "lecturer = ?, presenting_branch_id = ?, speaker_member_id = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, s.starts_at).Bind(2, s.venue).BindDouble(3, s.hours).Bind(4, s.type);
  st->Bind(5, s.topic).Bind(6, s.lecturer).Bind(7, s.presenting_branch_id);
  st->Bind(8, s.speaker_member_id).Bind(9, s.id);
  return st->Run();
}

Status SqlTrainingRepository::DeleteSession(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM training_sessions WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return st->Run();
}

Status SqlTrainingRepository::Enroll(std::int64_t class_id, std::int64_t member_id,
                                        UnixSeconds at) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO enrollments (class_id, member_id, enrolled_at) VALUES (?, ?, ?) "
      "ON CONFLICT (class_id, member_id) DO UPDATE SET withdrawn_at = NULL "
      "WHERE enrollments.withdrawn_at IS NOT NULL");
  if (!st.ok()) return st.status();
  st->Bind(1, class_id).Bind(2, member_id).Bind(3, at);
  return st->Run();
}

Status SqlTrainingRepository::Withdraw(std::int64_t class_id, std::int64_t member_id,
                                          UnixSeconds at) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE enrollments SET withdrawn_at = ? WHERE class_id = ? AND member_id = ? AND "
      "withdrawn_at IS NULL");
  if (!st.ok()) return st.status();
  st->Bind(1, at).Bind(2, class_id).Bind(3, member_id);
  return st->Run();
}

Result<std::vector<EnrollmentRecord>> SqlTrainingRepository::ListEnrollments(
    std::int64_t class_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT class_id, member_id, enrolled_at, withdrawn_at FROM enrollments WHERE class_id = ? "
      "ORDER BY member_id");
  if (!st.ok()) return st.status();
  st->Bind(1, class_id);
  return st->Collect<EnrollmentRecord>([](const Statement& row) -> EnrollmentRecord {
    return {row.Int(0), row.Int(1), row.Int(2), row.OptInt(3)};
  });
}

}  // namespace procura::sql
