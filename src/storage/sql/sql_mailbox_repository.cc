#include "storage/sql/sql_mailbox_repository.h"

#include <fmt/format.h>

namespace procura::sql {
namespace {

constexpr const char* kMessageColumns =
    "SELECT id, box_id, code_hash, title, body, name, phone, email, wants_public, state, flags, "
    "received_at, due_day, triaged_at, triaged_by, reject_reason, department, reply, reply_by, "
    "replied_at, published, version FROM messages ";

MessageRecord ReadMessage(const Statement& row) {
  MessageRecord m;
  m.id = row.Int(0);
  m.box_id = row.Int(1);
  m.code_hash = row.Text(2);
  m.title = row.Text(3);
  m.body = row.Text(4);
  m.name = row.Text(5);
  m.phone = row.Text(6);
  m.email = row.Text(7);
  m.wants_public = row.Int(8) != 0;
  m.state = row.Text(9);
  m.flags = row.Text(10);
  m.received_at = row.Int(11);
  m.due_day = row.Text(12);
  m.triaged_at = row.OptInt(13);
  m.triaged_by = row.OptInt(14);
  m.reject_reason = row.Text(15);
  m.department = row.Text(16);
  m.reply = row.Text(17);
  m.reply_by = row.OptInt(18);
  m.replied_at = row.OptInt(19);
  m.published = row.Int(20) != 0;
  m.version = row.Int(21);
  return m;
}

// Binds the writable fields as parameters 1-20 (box_id ... published).
void BindMessage(Statement& st, const MessageRecord& m) {
  st.Bind(1, m.box_id).Bind(2, m.code_hash).Bind(3, m.title).Bind(4, m.body).Bind(5, m.name);
  st.Bind(6, m.phone).Bind(7, m.email).Bind(8, std::int64_t{m.wants_public}).Bind(9, m.state);
  st.Bind(10, m.flags).Bind(11, m.received_at).Bind(12, m.due_day).Bind(13, m.triaged_at);
  st.Bind(14, m.triaged_by).Bind(15, m.reject_reason).Bind(16, m.department).Bind(17, m.reply);
  st.Bind(18, m.reply_by).Bind(19, m.replied_at).Bind(20, std::int64_t{m.published});
}

}  // namespace

Result<std::vector<MessageBoxRecord>> SqlMailboxRepository::ListBoxes() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, slug, name, second_name, intro, deadline_days, ask_name, ask_phone, ask_email, "
      "enabled, position FROM message_boxes ORDER BY position, id");
  if (!st.ok()) return st.status();
  return st->Collect<MessageBoxRecord>([](const Statement& row) {
    MessageBoxRecord b;
    b.id = row.Int(0);
    b.slug = row.Text(1);
    b.name = row.Text(2);
    b.second_name = row.Text(3);
    b.intro = row.Text(4);
    b.deadline_days = static_cast<int>(row.Int(5));
    b.ask_name = static_cast<int>(row.Int(6));
    b.ask_phone = static_cast<int>(row.Int(7));
    b.ask_email = static_cast<int>(row.Int(8));
    b.enabled = row.Int(9) != 0;
    b.position = static_cast<int>(row.Int(10));
    return b;
  });
}

Status SqlMailboxRepository::UpdateBox(const MessageBoxRecord& b) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE message_boxes SET name = ?, second_name = ?, intro = ?, deadline_days = ?, "
      "ask_name = ?, ask_phone = ?, ask_email = ?, enabled = ?, position = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, b.name).Bind(2, b.second_name).Bind(3, b.intro);
  st->Bind(4, std::int64_t{b.deadline_days}).Bind(5, std::int64_t{b.ask_name});
  st->Bind(6, std::int64_t{b.ask_phone}).Bind(7, std::int64_t{b.ask_email});
  st->Bind(8, std::int64_t{b.enabled}).Bind(9, std::int64_t{b.position}).Bind(10, b.id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such message box");
  return Status::Ok();
}

Result<std::int64_t> SqlMailboxRepository::InsertMessage(const MessageRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO messages (box_id, code_hash, title, body, name, phone, email, wants_public, "
      "state, flags, received_at, due_day, triaged_at, triaged_by, reject_reason, department, "
      "reply, reply_by, replied_at, published) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  BindMessage(*st, m);
  return st->RunReturningId();
}

Result<std::vector<MessageRecord>> SqlMailboxRepository::Select(
    const std::string& where, const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(kMessageColumns + where);
  if (!st.ok()) return st.status();
  bind(*st);
  return st->Collect<MessageRecord>(ReadMessage);
}

Result<std::optional<MessageRecord>> SqlMailboxRepository::GetMessage(std::int64_t id) {
  auto rows = Select("WHERE id = ?", [&](Statement& st) { st.Bind(1, id); });
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<MessageRecord>();
  return std::optional<MessageRecord>(std::move(rows->front()));
}

Result<std::optional<MessageRecord>> SqlMailboxRepository::FindMessageByCode(
    const std::string& code_hash) {
  auto rows = Select("WHERE code_hash = ?", [&](Statement& st) { st.Bind(1, code_hash); });
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<MessageRecord>();
  return std::optional<MessageRecord>(std::move(rows->front()));
}

Result<std::vector<MessageRecord>> SqlMailboxRepository::ListMessages(const MessageFilter& f) {
  std::string where = "WHERE (? = '' OR state = ?) AND (? = 0 OR box_id = ?) AND (? = 0 OR published = 1) ";
  where += f.published_only ? "ORDER BY replied_at DESC, id DESC " : "ORDER BY received_at DESC, id DESC ";
  where += "LIMIT ? OFFSET ?";
  return Select(where, [&](Statement& st) {
    st.Bind(1, f.state).Bind(2, f.state);
    st.Bind(3, f.box_id.value_or(0)).Bind(4, f.box_id.value_or(0));
    st.Bind(5, std::int64_t{f.published_only});
    st.Bind(6, std::int64_t{f.limit}).Bind(7, std::int64_t{f.offset});
  });
}

Status SqlMailboxRepository::UpdateMessage(const MessageRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE messages SET box_id = ?, code_hash = ?, title = ?, body = ?, name = ?, phone = ?, "
      "email = ?, wants_public = ?, state = ?, flags = ?, received_at = ?, due_day = ?, "
      "triaged_at = ?, triaged_by = ?, reject_reason = ?, department = ?, reply = ?, "
      "reply_by = ?, replied_at = ?, published = ?, version = version + 1 "
      "WHERE id = ? AND version = ?");
  if (!st.ok()) return st.status();
  BindMessage(*st, m);
  st->Bind(21, m.id).Bind(22, m.version);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::Conflict("the message changed meanwhile");
  return Status::Ok();
}

Result<int> SqlMailboxRepository::CountHit(const std::string& key_hash, UnixSeconds window_start) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO message_limits (key_hash, window_start, count) VALUES (?, ?, 1) "
      "ON CONFLICT (key_hash) DO UPDATE SET "
      "count = CASE WHEN message_limits.window_start = excluded.window_start "
      "THEN message_limits.count + 1 ELSE 1 END, window_start = excluded.window_start "
      "RETURNING count");
  if (!st.ok()) return st.status();
  st->Bind(1, key_hash).Bind(2, window_start);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st->Int(0));
}

Result<std::vector<CalendarDay>> SqlMailboxRepository::ListCalendar() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT day, kind, note FROM work_calendar ORDER BY day");
  if (!st.ok()) return st.status();
  return st->Collect<CalendarDay>([](const Statement& row) {
    return CalendarDay{row.Text(0), row.Text(1), row.Text(2)};
  });
}

Status SqlMailboxRepository::ReplaceCalendar(const std::vector<CalendarDay>& days) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    auto del = tx.Prepare("DELETE FROM work_calendar");
    if (!del.ok()) return del.status();
    PROCURA_RETURN_IF_ERROR(del->Run());
    for (const auto& d : days) {
      auto st = tx.Prepare("INSERT INTO work_calendar (day, kind, note) VALUES (?, ?, ?)");
      if (!st.ok()) return st.status();
      st->Bind(1, d.day).Bind(2, d.kind).Bind(3, d.note);
      PROCURA_RETURN_IF_ERROR(st->Run());
    }
    return Status::Ok();
  });
}

}  // namespace procura::sql
