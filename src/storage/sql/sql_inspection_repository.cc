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

}  // namespace procura::sql
