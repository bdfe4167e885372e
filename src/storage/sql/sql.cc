#include "storage/sql/sql.h"

namespace procura::sql {

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

Result<std::int64_t> Statement::RunReturningId() {
  auto row = Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the statement returned no row");
  const std::int64_t id = Int(0);
  PROCURA_RETURN_IF_ERROR(Run());  // finish the statement
  return id;
}

Status InSavepoint(Database& db, const std::string& name,
                   const std::function<Status(Database&)>& fn) {
  PROCURA_RETURN_IF_ERROR(db.Exec("SAVEPOINT " + name));
  Status s;
  try {
    s = fn(db);
  } catch (...) {
    (void)db.Exec("ROLLBACK TO SAVEPOINT " + name);
    (void)db.Exec("RELEASE SAVEPOINT " + name);
    throw;
  }
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK TO SAVEPOINT " + name);
    (void)db.Exec("RELEASE SAVEPOINT " + name);
    return s;
  }
  return db.Exec("RELEASE SAVEPOINT " + name);
}

Result<std::optional<std::string>> MetaValue(Database& db, const std::string& key) {
  auto st = db.Prepare("SELECT value FROM meta WHERE key = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, key);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

Result<std::string> SharedMetaValue(Database& db, const std::string& key,
                                    const std::function<std::string()>& make) {
  std::lock_guard lock(db);
  auto found = MetaValue(db, key);
  if (!found.ok()) return found.status();
  if (*found) return **found;
  auto st = db.Prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING");
  if (!st.ok()) return st.status();
  st->Bind(1, key).Bind(2, make());
  PROCURA_RETURN_IF_ERROR(st->Run());
  found = MetaValue(db, key);
  if (!found.ok()) return found.status();
  if (!*found) return Status::Internal("the shared value '" + key + "' was not stored");
  return **found;
}

std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace procura::sql
