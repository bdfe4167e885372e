#include "storage/sql/sql_safety_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

namespace procura::sql {
namespace {

constexpr const char* kRevisionKey = "word_lists_revision";

std::string NewRevision() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

// Binds an entry's fields as parameters 1-8 (category ... updated_at).
void BindEntry(Statement& st, const WordEntryRecord& e) {
  st.Bind(1, e.category).Bind(2, e.word).Bind(3, e.level).Bind(4, e.replacement);
  st.Bind(5, e.note).Bind(6, std::int64_t{e.whole_word}).Bind(7, std::int64_t{e.is_sample});
  st.Bind(8, e.updated_at);
}

constexpr const char* kEntryColumns =
    "SELECT id, category, word, level, replacement, note, whole_word, is_sample, updated_at "
    "FROM word_entries";

WordEntryRecord ReadEntry(const Statement& row) {
  return {row.Int(0), row.Text(1), row.Text(2),    row.Text(3),    row.Text(4),
          row.Text(5), row.Int(6) != 0, row.Int(7) != 0, row.Int(8)};
}

}  // namespace

Status SqlSafetyRepository::Bump(Database& tx) {
  auto st = tx.Prepare(
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!st.ok()) return st.status();
  st->Bind(1, kRevisionKey).Bind(2, NewRevision());
  return st->Run();
}

Result<std::vector<WordEntryRecord>> SqlSafetyRepository::ListWordEntries() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kEntryColumns) + " ORDER BY category, word, id");
  if (!st.ok()) return st.status();
  return st->Collect<WordEntryRecord>(ReadEntry);
}

Result<std::optional<WordEntryRecord>> SqlSafetyRepository::GetWordEntry(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kEntryColumns) + " WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto rows = st->Collect<WordEntryRecord>(ReadEntry);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<WordEntryRecord>();
  return std::optional<WordEntryRecord>(std::move(rows->front()));
}

Result<std::int64_t> SqlSafetyRepository::InsertWordEntry(const WordEntryRecord& e) {
  std::lock_guard lock(db_);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(db_.Atomically([&](Database& tx) -> Status {
    auto st = tx.Prepare(
        "INSERT INTO word_entries (category, word, level, replacement, note, whole_word, "
        "is_sample, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st.ok()) return st.status();
    BindEntry(*st, e);
    auto inserted = st->RunReturningId();
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return Bump(tx);
  }));
  return id;
}

Status SqlSafetyRepository::UpdateWordEntry(const WordEntryRecord& e) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    auto st = tx.Prepare(
        "UPDATE word_entries SET category = ?, word = ?, level = ?, replacement = ?, note = ?, "
        "whole_word = ?, is_sample = ?, updated_at = ? WHERE id = ?");
    if (!st.ok()) return st.status();
    BindEntry(*st, e);
    st->Bind(9, e.id);
    PROCURA_RETURN_IF_ERROR(st->Run());
    if (st->Changes() == 0) return Status::NotFound("no word list entry " + std::to_string(e.id));
    return Bump(tx);
  });
}

Status SqlSafetyRepository::DeleteWordEntry(std::int64_t id) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    auto st = tx.Prepare("DELETE FROM word_entries WHERE id = ?");
    if (!st.ok()) return st.status();
    st->Bind(1, id);
    PROCURA_RETURN_IF_ERROR(st->Run());
    return Bump(tx);
  });
}

Result<std::vector<LeaderRecord>> SqlSafetyRepository::ListLeaders() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, name, titles, precedence, updated_at FROM leaders ORDER BY precedence, name");
  if (!st.ok()) return st.status();
  return st->Collect<LeaderRecord>([](const Statement& row) -> LeaderRecord {
    LeaderRecord l{row.Int(0), row.Text(1), {}, static_cast<int>(row.Int(3)), row.Int(4)};
    const std::string titles = row.Text(2);  // one per line
    for (std::size_t at = 0; at < titles.size();) {
      const std::size_t nl = std::min(titles.find('\n', at), titles.size());
      if (nl > at) l.titles.push_back(titles.substr(at, nl - at));
      at = nl + 1;
    }
    return l;
  });
}

Result<std::int64_t> SqlSafetyRepository::InsertLeader(const LeaderRecord& l) {
  std::lock_guard lock(db_);
  std::string titles;
  for (const auto& t : l.titles) titles += (titles.empty() ? "" : "\n") + t;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(db_.Atomically([&](Database& tx) -> Status {
    auto st = tx.Prepare(
        "INSERT INTO leaders (name, titles, precedence, updated_at) VALUES (?, ?, ?, ?) "
        "RETURNING id");
    if (!st.ok()) return st.status();
    st->Bind(1, l.name).Bind(2, titles).Bind(3, std::int64_t{l.precedence}).Bind(4, l.updated_at);
    auto inserted = st->RunReturningId();
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return Bump(tx);
  }));
  return id;
}

Status SqlSafetyRepository::DeleteLeader(std::int64_t id) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    auto st = tx.Prepare("DELETE FROM leaders WHERE id = ?");
    if (!st.ok()) return st.status();
    st->Bind(1, id);
    PROCURA_RETURN_IF_ERROR(st->Run());
    return Bump(tx);
  });
}

Result<std::string> SqlSafetyRepository::WordListsRevision() {
  std::lock_guard lock(db_);
  auto value = MetaValue(db_, kRevisionKey);
  if (!value.ok()) return value.status();
  return value->value_or("");
}

}  // namespace procura::sql
