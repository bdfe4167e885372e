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
    case SQLITE_CANTOPEN:  // a missing directory or no permission, not a full disk
      return Status::Io(msg);
    case SQLITE_IOERR:  // how a full disk often shows (a failed write)
    case SQLITE_FULL:
      return Status::NoSpace("the disk is full: " + msg);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Status::Io(msg);
    default:
      return Status::Internal(msg);
  }
}

namespace {

class SqliteStatement final : public sql::StatementImpl {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> cache)
      : db_(db), stmt_(stmt), cache_(std::move(cache)) {}
  ~SqliteStatement() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cache_->GiveBack(stmt_);
  }

  void BindInt(int i, std::int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindDouble(int i, double v) override { sqlite3_bind_double(stmt_, i, v); }
  void BindBlob(int i, std::string_view v) override {
    sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  }
  void BindNull(int i, NullKind) override { sqlite3_bind_null(stmt_, i); }

  Result<bool> Step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    return FromCode(db_, sqlite3_extended_errcode(db_), "query failed");
  }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  std::string Blob(int col) const override {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  std::int64_t Changes() const override { return changes_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::shared_ptr<StatementCache> cache_;
  std::int64_t changes_ = 0;
};

}  // namespace

StatementCache::~StatementCache() {
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
}

sqlite3_stmt* StatementCache::Take(std::string_view sql) {
  std::lock_guard lock(mu_);
  auto it = idle_.find(sql);
  if (it == idle_.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  idle_.erase(it);
  return stmt;
}

void StatementCache::GiveBack(sqlite3_stmt* stmt) {
  const std::string_view sql = sqlite3_sql(stmt);
  {
    std::lock_guard lock(mu_);
    if (idle_.size() < kMaxIdle && idle_.count(sql) < kMaxPerText) {
      idle_.emplace(sql, stmt);
      return;
    }
  }
  sqlite3_finalize(stmt);
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

Database::~Database() {
  cache_.reset();  // finalizes the idle statements (one still in use finalizes itself)
  sqlite3_close_v2(db_);
}

Status Database::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string copy(sql);
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) return FromCode(db_, sqlite3_extended_errcode(db_), "statement failed");
  return Status::Ok();
}

Result<sql::Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = cache_->Take(sql);
  if (!stmt) {
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return FromCode(db_, rc, "prepare failed");
    if (!stmt) return Status::Invalid("prepare failed: no statement in the text");
  }
  return sql::Statement(std::make_unique<SqliteStatement>(db_, stmt, cache_));
}

Status Database::Atomically(const std::function<Status(sql::Database&)>& fn) {
  std::lock_guard lock(mu_);
  PROCURA_RETURN_IF_ERROR(Exec("SAVEPOINT atomically"));
  Status s;
  try {
    s = fn(*this);  // one connection: the transaction is this database
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
