// SqlAttendanceRepository: training received outside the organ's classes.
#include <fmt/format.h>

#include "storage/sql/sql_attendance_repository.h"

namespace procura::sql {

Result<std::int64_t> SqlAttendanceRepository::InsertOutsideTraining(
    const OutsideTrainingRecord& t) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO outside_training (member_id, title, organizer, kind, start_date, end_date, "
      "hours, note, recorded_at, recorded_by, state, certificate, certificate_name, "
      "certificate_mime, review_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, t.member_id).Bind(2, t.title).Bind(3, t.organizer).Bind(4, t.kind);
  st->Bind(5, t.start_date).Bind(6, t.end_date).BindDouble(7, t.hours).Bind(8, t.note);
  st->Bind(9, t.recorded_at).Bind(10, t.recorded_by).Bind(11, t.state).Bind(12, t.certificate);
  st->Bind(13, t.certificate_name).Bind(14, t.certificate_mime).Bind(15, t.review_note);
  return st->RunReturningId();
}

Result<std::vector<OutsideTrainingRecord>> SqlAttendanceRepository::OutsideTraining(
    const char* where, std::optional<std::int64_t> a, std::optional<std::string> b,
    bool where_has_b) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT id, member_id, title, organizer, kind, start_date, end_date, hours, "
                  "note, recorded_at, recorded_by, state, certificate, certificate_name, "
                  "certificate_mime, review_note FROM outside_training ") +
      where);
  if (!st.ok()) return st.status();
  st->Bind(1, a);
  if (where_has_b) st->BindOptText(2, b);
  return st->Collect<OutsideTrainingRecord>([](const Statement& row) -> OutsideTrainingRecord {
    return {row.Int(0),  row.Int(1),    row.Text(2),  row.Text(3),  row.Text(4),  row.Text(5),
            row.Text(6), row.Double(7), row.Text(8),  row.Int(9),   row.OptInt(10), row.Text(11),
            row.Text(12), row.Text(13), row.Text(14), row.Text(15)};
  });
}

Result<std::optional<OutsideTrainingRecord>> SqlAttendanceRepository::GetOutsideTraining(
    std::int64_t id) {
  auto rows = OutsideTraining("WHERE id = ?1", id, std::nullopt, /*where_has_b=*/false);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<OutsideTrainingRecord>{};
  return std::optional<OutsideTrainingRecord>{rows->front()};
}

Result<std::vector<OutsideTrainingRecord>> SqlAttendanceRepository::ListOutsideTraining(
    std::optional<std::int64_t> member, std::optional<int> year) {
  return OutsideTraining(
      "WHERE (?1 IS NULL OR member_id = ?1) AND (?2 IS NULL OR substr(end_date, 1, 4) = ?2) "
      "ORDER BY member_id, end_date, id",
      member, year ? std::optional<std::string>{fmt::format("{:04d}", *year)} : std::nullopt,
      /*where_has_b=*/true);
}

Status SqlAttendanceRepository::UpdateOutsideTraining(const OutsideTrainingRecord& t) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE outside_training SET title = ?, organizer = ?, kind = ?, start_date = ?, "
      "end_date = ?, hours = ?, note = ?, certificate = ?, certificate_name = ?, "
      "certificate_mime = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, t.title).Bind(2, t.organizer).Bind(3, t.kind).Bind(4, t.start_date);
  st->Bind(5, t.end_date).BindDouble(6, t.hours).Bind(7, t.note).Bind(8, t.certificate);
  st->Bind(9, t.certificate_name).Bind(10, t.certificate_mime).Bind(11, t.id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such training record");
  return Status::Ok();
}

Status SqlAttendanceRepository::DeleteOutsideTraining(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM outside_training WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return st->Run();
}

Result<std::vector<OutsideTrainingRecord>> SqlAttendanceRepository::ListOutsideTrainingIn(
    const std::string& state) {
  return OutsideTraining("WHERE (?1 IS NULL OR member_id = ?1) AND state = ?2 ORDER BY recorded_at, id", std::nullopt,
                         state, /*where_has_b=*/true);
}

Status SqlAttendanceRepository::SetOutsideTrainingState(std::int64_t id, const std::string& from,
                                                        const std::string& to,
                                                        const std::string& review_note) {
  {
    std::lock_guard lock(db_);
    auto st = db_.Prepare(
        "UPDATE outside_training SET state = ?, review_note = ? WHERE id = ? AND state = ?");
    if (!st.ok()) return st.status();
    st->Bind(1, to).Bind(2, review_note).Bind(3, id).Bind(4, from);
    PROCURA_RETURN_IF_ERROR(st->Run());
    if (st->Changes() > 0) return Status::Ok();
  }
  auto now = GetOutsideTraining(id);
  if (!now.ok()) return now.status();
  if (!now->has_value()) return Status::NotFound("no such training record");
  return Status::Conflict("the training record is no longer in that state");
}

}  // namespace procura::sql
