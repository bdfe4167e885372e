// SqlBranchLifeRepository: heart-to-heart talks (heart_talks).
#include "storage/sql/sql_branch_life_repository.h"

namespace procura::sql {
namespace {

constexpr const char* kTalkColumns =
    "SELECT id, branch_id, held_on, talker_id, member_id, summary, recorded_by, recorded_at "
    "FROM heart_talks ";

TalkRecord ReadTalk(const Statement& row) {
  TalkRecord t;
  t.id = row.Int(0);
  t.branch_id = row.Int(1);
  t.held_on = row.Text(2);
  t.talker_id = row.Int(3);
  t.member_id = row.Int(4);
  t.summary = row.Text(5);
  t.recorded_by = row.OptInt(6);
  t.recorded_at = row.Int(7);
  return t;
}

}  // namespace

Result<std::int64_t> SqlBranchLifeRepository::InsertTalk(const TalkRecord& t) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO heart_talks (branch_id, held_on, talker_id, member_id, summary, recorded_by, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, t.branch_id).Bind(2, t.held_on).Bind(3, t.talker_id).Bind(4, t.member_id);
  st->Bind(5, t.summary).Bind(6, t.recorded_by).Bind(7, t.recorded_at);
  return st->RunReturningId();
}

Status SqlBranchLifeRepository::UpdateTalk(const TalkRecord& t) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE heart_talks SET held_on = ?, talker_id = ?, member_id = ?, summary = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, t.held_on).Bind(2, t.talker_id).Bind(3, t.member_id).Bind(4, t.summary).Bind(5, t.id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such talk");
  return Status::Ok();
}

Status SqlBranchLifeRepository::DeleteTalk(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM heart_talks WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return st->Run();
}

Result<std::optional<TalkRecord>> SqlBranchLifeRepository::GetTalk(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kTalkColumns) + "WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto rows = st->Collect<TalkRecord>(ReadTalk);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<TalkRecord>();
  return std::optional<TalkRecord>(std::move(rows->front()));
}

Result<std::vector<TalkRecord>> SqlBranchLifeRepository::ListTalks(std::optional<std::int64_t> branch,
                                                                  const std::string& from_day,
                                                                  const std::string& to_day) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kTalkColumns) +
                        "WHERE (? = 0 OR branch_id = ?) AND held_on >= ? AND held_on <= ? "
                        "ORDER BY held_on DESC, id DESC");
  if (!st.ok()) return st.status();
  st->Bind(1, branch.value_or(0)).Bind(2, branch.value_or(0)).Bind(3, from_day).Bind(4, to_day);
  return st->Collect<TalkRecord>(ReadTalk);
}

}  // namespace procura::sql
