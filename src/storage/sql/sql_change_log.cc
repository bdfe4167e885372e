#include "storage/sql/sql_change_log.h"


#include <charconv>

#include "core/text.h"

namespace procura::sql {
namespace {

bool IsKnownKind(const std::string& kind) {
  return kind == "site" || kind == "column" || kind == "article" || kind == "media";
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::int64_t> ParseIds(const std::string& text) {
  std::vector<std::int64_t> out;
  for (const auto& part : Split(text, ',')) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (ec == std::errc() && end == part.data() + part.size()) out.push_back(id);
  }
  return out;
}

// `text` cut to at most `max` bytes, never inside a UTF-8 sequence.
std::string CutAtBytes(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

Result<std::int64_t> SqlChangeLog::Append(const ChangeRecord& c) {
  if (!IsKnownKind(c.kind)) return Status::Invalid("change log: unknown kind '" + c.kind + "'");
  std::lock_guard lock(db_);
  std::int64_t seq = 0;
  PROCURA_RETURN_IF_ERROR(db_.Atomically([&](Database& tx) -> Status {
    // The counter row's lock (held to commit) orders numbers by commit.
    auto next = tx.Prepare("UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq");
    if (!next.ok()) return next.status();
    auto row = next->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Corruption("change log: the counter row is missing");
    seq = next->Int(0);
    auto st = tx.Prepare(
        "INSERT INTO change_log (seq, kind, entity_id, column_ids, at) VALUES (?, ?, ?, ?, ?)");
    if (!st.ok()) return st.status();
    st->Bind(1, seq).Bind(2, c.kind).Bind(3, c.entity_id).Bind(4, JoinIds(c.column_ids));
    st->Bind(5, c.at);
    PROCURA_RETURN_IF_ERROR(st->Run());
    return tx.AnnounceChange();
  }));
  return seq;
}

Result<std::vector<ChangeRecord>> SqlChangeLog::Since(std::int64_t seq, int limit) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT seq, kind, entity_id, column_ids, at FROM change_log WHERE seq > ? "
      "ORDER BY seq LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, seq).Bind(2, static_cast<std::int64_t>(limit));
  return st->Collect<ChangeRecord>([](const Statement& row) {
    return ChangeRecord{row.Int(0), row.Text(1), row.Int(2), ParseIds(row.Text(3)), row.Int(4)};
  });
}

Result<std::int64_t> SqlChangeLog::Latest() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT seq FROM change_counter WHERE id = 1");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return *row ? st->Int(0) : 0;
}

Result<int> SqlChangeLog::Sweep(std::int64_t up_to, UnixSeconds before) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM change_log WHERE seq <= ? AND at < ?");
  if (!st.ok()) return st.status();
  st->Bind(1, up_to).Bind(2, before);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

Result<std::optional<std::int64_t>> SqlChangeLog::LatestFor(const std::string& kind,
                                                           std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT max(seq) FROM change_log WHERE kind = ? AND entity_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, kind).Bind(2, id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return st->OptInt(0);
}

Status SqlChangeLog::PutExportReport(const ExportReport& r) {
  if (r.name.empty() || r.name.size() > kMaxExportReportName)
    return Status::Invalid("export report: the name must be 1 to " +
                           std::to_string(kMaxExportReportName) + " bytes");
  if (r.pass_done < 0 || r.pass_done > r.pass_total)
    return Status::Invalid("export report: a pass's pages done must be 0 to its total");
  if (r.pushed_seq < -1 || (!r.pushes && r.pushed_seq != -1))
    return Status::Invalid("export report: a pushed change needs a push, and is -1 or more");
  if (r.push_key.size() > kMaxExportReportPushKey || (!r.pushes && !r.push_key.empty()))
    return Status::Invalid("export report: a push key needs a push, and is at most " +
                           std::to_string(kMaxExportReportPushKey) + " bytes");
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO export_reports (name, seq, pages, following, started_at, checked_at, "
      "wrote_at, written, deleted, error, error_at, pass_done, pass_total, pushes, pushed_seq, "
      "pushed_at, push_error, push_error_at, push_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, pages = excluded.pages, "
      "following = excluded.following, started_at = excluded.started_at, "
      "checked_at = excluded.checked_at, wrote_at = excluded.wrote_at, "
      "written = excluded.written, deleted = excluded.deleted, error = excluded.error, "
      "error_at = excluded.error_at, pass_done = excluded.pass_done, "
      "pass_total = excluded.pass_total, pushes = excluded.pushes, "
      "pushed_seq = excluded.pushed_seq, pushed_at = excluded.pushed_at, "
      "push_error = excluded.push_error, push_error_at = excluded.push_error_at, "
      "push_key = excluded.push_key");
  if (!st.ok()) return st.status();
  st->Bind(1, r.name).Bind(2, r.seq).Bind(3, r.pages).Bind(4, std::int64_t{r.following ? 1 : 0});
  st->Bind(5, r.started_at).Bind(6, r.checked_at).Bind(7, r.wrote_at).Bind(8, r.written);
  st->Bind(9, r.deleted).Bind(10, CutAtBytes(r.error, kMaxExportReportError)).Bind(11, r.error_at);
  st->Bind(12, r.pass_done).Bind(13, r.pass_total).Bind(14, std::int64_t{r.pushes ? 1 : 0});
  st->Bind(15, r.pushed_seq).Bind(16, r.pushed_at);
  st->Bind(17, CutAtBytes(r.push_error, kMaxExportReportError)).Bind(18, r.push_error_at);
  st->Bind(19, r.push_key);
  return st->Run();
}

Result<std::vector<ExportReport>> SqlChangeLog::ExportReports() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT name, seq, pages, following, started_at, checked_at, wrote_at, written, deleted, "
      "error, error_at, pass_done, pass_total, pushes, pushed_seq, pushed_at, push_error, "
      "push_error_at, push_key FROM export_reports ORDER BY name");
  if (!st.ok()) return st.status();
  return st->Collect<ExportReport>([](const Statement& row) {
    return ExportReport{row.Text(0), row.Int(1), row.Int(2), row.Int(3) != 0, row.Int(4),
                        row.Int(5),  row.Int(6), row.Int(7), row.Int(8),       row.Text(9),
                        row.Int(10), row.Int(11), row.Int(12), row.Int(13) != 0,
                        row.Int(14), row.Int(15), row.Text(16), row.Int(17), row.Text(18)};
  });
}

Status SqlChangeLog::DeleteExportReport(const std::string& name) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM export_reports WHERE name = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, name);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no export is named " + name);
  return Status::Ok();
}

}  // namespace procura::sql
