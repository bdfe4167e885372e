#include "storage/sql/sql_inspection_repository.h"

namespace procura::sql {

Status SqlInspectionRepository::AppendRun(const InspectionRunRecord& r) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO inspection_runs (at, failed, warnings, summary) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, r.at).Bind(2, std::int64_t{r.failed}).Bind(3, std::int64_t{r.warnings});
  st->Bind(4, r.summary);
  return st->Run();
}

Result<std::vector<InspectionRunRecord>> SqlInspectionRepository::ListRuns(int limit) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, at, failed, warnings, summary FROM inspection_runs ORDER BY at DESC, id DESC "
      "LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{limit});
  return st->Collect<InspectionRunRecord>([](const Statement& row) {
    return InspectionRunRecord{row.Int(0), row.Int(1), static_cast<int>(row.Int(2)),
                               static_cast<int>(row.Int(3)), row.Text(4)};
  });
}

Status SqlInspectionRepository::AppendProbe(const ProbeRecord& p) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("INSERT INTO availability_probes (at, status, millis) VALUES (?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, p.at).Bind(2, std::int64_t{p.status}).Bind(3, std::int64_t{p.millis});
  return st->Run();
}

Result<std::vector<ProbeRecord>> SqlInspectionRepository::ProbesSince(UnixSeconds since) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT at, status, millis FROM availability_probes WHERE at >= ? ORDER BY at, id");
  if (!st.ok()) return st.status();
  st->Bind(1, since);
  return st->Collect<ProbeRecord>([](const Statement& row) {
    return ProbeRecord{row.Int(0), static_cast<int>(row.Int(1)), static_cast<int>(row.Int(2))};
  });
}

Status SqlInspectionRepository::AddPageViews(const std::vector<PageViewRecord>& views) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    for (const auto& v : views) {
      auto st = tx.Prepare(
          "INSERT INTO page_views (day, kind, object_id, views) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (day, kind, object_id) DO UPDATE SET views = page_views.views + excluded.views");
      if (!st.ok()) return st.status();
      st->Bind(1, v.day).Bind(2, v.kind).Bind(3, v.object_id).Bind(4, v.views);
      PROCURA_RETURN_IF_ERROR(st->Run());
    }
    return Status::Ok();
  });
}

Status SqlInspectionRepository::StoreVisitorSketch(const std::string& day,
                                                  const std::string& node,
                                                  std::string_view sketch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO visitor_sketches (day, node, registers) VALUES (?, ?, ?) "
      "ON CONFLICT (day, node) DO UPDATE SET registers = excluded.registers");
  if (!st.ok()) return st.status();
  st->Bind(1, day).Bind(2, node).BindBlob(3, sketch);
  return st->Run();
}

Result<std::vector<std::string>> SqlInspectionRepository::VisitorSketches(const std::string& day) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT registers FROM visitor_sketches WHERE day = ? ORDER BY node");
  if (!st.ok()) return st.status();
  st->Bind(1, day);
  return st->Collect<std::string>([](const Statement& row) { return row.Blob(0); });
}

Status SqlInspectionRepository::RaiseVisitors(const std::string& day, std::int64_t visitors) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO daily_visitors (day, visitors) VALUES (?, ?) ON CONFLICT (day) "
      "DO UPDATE SET visitors = excluded.visitors WHERE excluded.visitors > daily_visitors.visitors");
  if (!st.ok()) return st.status();
  st->Bind(1, day).Bind(2, visitors);
  return st->Run();
}

Status SqlInspectionRepository::DropVisitorSketchesBefore(const std::string& day) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM visitor_sketches WHERE day < ?");
  if (!st.ok()) return st.status();
  st->Bind(1, day);
  return st->Run();
}

Result<bool> SqlInspectionRepository::ClaimLogImport(const std::string& digest,
                                                     const std::string& name, UnixSeconds at) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO imported_logs (digest, name, imported_at) VALUES (?, ?, ?) "
      "ON CONFLICT (digest) DO NOTHING RETURNING digest");
  if (!st.ok()) return st.status();
  st->Bind(1, digest).Bind(2, name).Bind(3, at);
  auto claimed = st->Collect<std::string>([](const Statement& row) { return row.Text(0); });
  if (!claimed.ok()) return claimed.status();
  return !claimed->empty();
}

Status SqlInspectionRepository::ReleaseLogImport(const std::string& digest) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM imported_logs WHERE digest = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, digest);
  return st->Run();
}

Result<LogImports> SqlInspectionRepository::CountLogImports() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT (SELECT count(*) FROM imported_logs), name, imported_at FROM imported_logs "
      "ORDER BY imported_at DESC, digest LIMIT 1");
  if (!st.ok()) return st.status();
  auto rows = st->Collect<LogImports>([](const Statement& row) {
    return LogImports{row.Int(0), row.Text(1), row.Int(2)};
  });
  if (!rows.ok()) return rows.status();
  return rows->empty() ? LogImports{} : rows->front();
}

Result<std::vector<PageViewRecord>> SqlInspectionRepository::PageViews(const std::string& prefix) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT day, kind, object_id, views FROM page_views WHERE day LIKE ? ESCAPE '\\' "
      "ORDER BY day, kind, object_id");
  if (!st.ok()) return st.status();
  st->Bind(1, EscapeLike(prefix) + "%");
  return st->Collect<PageViewRecord>([](const Statement& row) {
    return PageViewRecord{row.Text(0), row.Text(1), row.Int(2), row.Int(3)};
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqlInspectionRepository::Visitors(
    const std::string& prefix) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT day, visitors FROM daily_visitors WHERE day LIKE ? ESCAPE '\\' ORDER BY day");
  if (!st.ok()) return st.status();
  st->Bind(1, EscapeLike(prefix) + "%");
  return st->Collect<std::pair<std::string, std::int64_t>>(
      [](const Statement& row) { return std::pair{row.Text(0), row.Int(1)}; });
}

}  // namespace procura::sql
