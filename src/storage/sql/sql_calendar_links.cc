// SqlUserRepository: calendar addresses (calendar_links), one per user.
#include "storage/sql/sql_user_repository.h"

namespace procura::sql {

Status SqlUserRepository::PutCalendarLink(std::int64_t user_id, const std::string& hash,
                                          UnixSeconds at) {
  return RunWith(
      "INSERT INTO calendar_links (user_id, token_hash, created_at, last_read_at) "
      "VALUES (?, ?, ?, NULL) ON CONFLICT (user_id) DO UPDATE SET "
      "token_hash = excluded.token_hash, created_at = excluded.created_at, last_read_at = NULL",
      [&](Statement& st) { st.Bind(1, user_id).Bind(2, hash).Bind(3, at); });
}

Status SqlUserRepository::DeleteCalendarLink(std::int64_t user_id) {
  return RunWith("DELETE FROM calendar_links WHERE user_id = ?",
                 [&](Statement& st) { st.Bind(1, user_id); });
}

Result<std::optional<CalendarLinkRecord>> SqlUserRepository::GetCalendarLink(
    std::int64_t user_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT user_id, created_at, last_read_at FROM calendar_links WHERE user_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, user_id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<CalendarLinkRecord>();
  return std::optional<CalendarLinkRecord>(
      CalendarLinkRecord{st->Int(0), st->Int(1), st->OptInt(2)});
}

Result<std::optional<std::int64_t>> SqlUserRepository::FindCalendarLinkUser(
    const std::string& hash) {
  return UserOfHash("SELECT user_id FROM calendar_links WHERE token_hash = ?", hash);
}

Status SqlUserRepository::TouchCalendarLink(std::int64_t user_id, UnixSeconds at,
                                            UnixSeconds every) {
  return RunWith(
      "UPDATE calendar_links SET last_read_at = ? "
      "WHERE user_id = ? AND (last_read_at IS NULL OR last_read_at <= ?)",
      [&](Statement& st) { st.Bind(1, at).Bind(2, user_id).Bind(3, at - every); });
}

}  // namespace procura::sql
