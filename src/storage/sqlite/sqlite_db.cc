#include "storage/sqlite/sqlite_db.h"

#include <fmt/format.h>

#include <memory>

namespace procura::sqlite {

Status FromCode(sqlite3* db, int rc, std::string_view what) {
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string msg = fmt::format("{}: {}", what, detail);
  switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
      return Status::Ok();
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::Corruption(msg);
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Status::Exists(msg);
      return Status::Invalid(msg);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return Status::NoSpace("the disk is full: " + msg);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Status::Io(msg);
    default:
      return Status::Internal(msg);
  }
}

Statement& Statement::Bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int i, std::optional<std::int64_t> v) {
  return v ? Bind(i, *v) : BindNull(i);
}
Statement& Statement::BindOptText(int i, const std::optional<std::string>& v) {
  return v ? Bind(i, std::string_view(*v)) : BindNull(i);
}
Statement& Statement::BindDouble(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromCode(db_, sqlite3_extended_errcode(db_), "query failed");
}

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

std::optional<std::int64_t> Statement::OptInt(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_, col);
}

std::optional<std::string> Statement::OptText(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return Text(col);
}

std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
      nullptr);
  if (rc != SQLITE_OK) {
    Status s = FromCode(db, rc, "cannot open database " + path);
    sqlite3_close(db);
    return s;
  }
  return std::unique_ptr<Database>(new Database(db));
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string copy(sql);
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) return FromCode(db_, sqlite3_extended_errcode(db_), "statement failed");
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return FromCode(db_, rc, "prepare failed");
  return Statement(db_, stmt);
}

Status Database::Atomically(const std::function<Status()>& fn) {
  PROCURA_RETURN_IF_ERROR(Exec("SAVEPOINT atomically"));
  Status s;
  try {
    s = fn();
  } catch (...) {
    (void)Exec("ROLLBACK TO atomically");
    (void)Exec("RELEASE atomically");
    throw;
  }
  if (!s.ok()) (void)Exec("ROLLBACK TO atomically");
  (void)Exec("RELEASE atomically");
  return s;
}

}  // namespace procura::sqlite
