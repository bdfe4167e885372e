// OpenSqliteStorage: connection setup, integrity check and migrations.
#include <fmt/format.h>

#include <mutex>

#include "storage/migrations.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sql/sql_storage.h"
#include "storage/storage.h"

namespace procura {
namespace sqlite {
namespace {

Status CheckIntegrity(Database& db);  // PRAGMA quick_check; Corruption unless "ok"

class SqliteStorage final : public sql::SqlStorage {
 public:
  SqliteStorage(std::unique_ptr<Database> db, int version, std::string path)
      : SqlStorage(*db), path_(std::move(path)), db_(std::move(db)), version_(version) {}

  int SchemaVersion() const override { return version_; }

  // Exception-safe: a throw from `fn` (at any depth) rolls the outermost
  // transaction back, leaves no transaction open, and is rethrown.
  Status InTransaction(const std::function<Status()>& fn) override {
    std::lock_guard lock(*db_);
    struct Depth {  // restores the nesting depth however `fn` ends
      int& d;
      explicit Depth(int& depth) : d(depth) { ++d; }
      ~Depth() { --d; }
    };
    if (depth_ > 0) {  // nested: join the outer transaction
      Depth nested(depth_);
      return fn();
    }
    PROCURA_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    Status s;
    try {
      Depth outer(depth_);
      s = fn();
    } catch (...) {
      (void)db_->Exec("ROLLBACK");
      throw;
    }
    if (s.ok()) s = db_->Exec("COMMIT");
    if (!s.ok()) (void)db_->Exec("ROLLBACK");
    return s;
  }

  Status Ping() override {
    std::lock_guard lock(*db_);
    if (!corruption_.empty()) return Status::Corruption(corruption_);
    return db_->Exec("SELECT 1");
  }

  Status CheckIntegrity(const std::atomic<bool>* stop) override {
    auto own = Database::Open(path_);  // its own connection: no lock held meanwhile
    if (!own.ok()) return own.status();
    if (stop) {
      sqlite3_progress_handler(
          (*own)->handle(), 10000,
          [](void* flag) { return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0; },
          const_cast<std::atomic<bool>*>(stop));
    }
    Status s = sqlite::CheckIntegrity(**own);
    if (stop && stop->load()) return Status::Unavailable("the check was stopped");
    if (s.code() != Status::Code::kCorruption) return s;
    std::lock_guard lock(*db_);
    corruption_ = s.message() + "; writes are refused until the database is restored";
    (void)db_->Exec("PRAGMA query_only = 1");
    return Status::Corruption(corruption_);
  }

  Result<std::string> Generation() override {
    std::lock_guard lock(*db_);
    auto st = db_->Prepare("SELECT value FROM meta WHERE key = 'generation'");
    if (!st.ok()) return st.status();
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Corruption("the database has no generation id");
    return st->Text(0);
  }

  Status NewGeneration() override {
    std::lock_guard lock(*db_);
    return db_->Exec("UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'generation'");
  }

  // VACUUM INTO reads one snapshot of the database (WAL included) in a
  // read transaction, so writers on other connections go on meanwhile.
  Status CopyTo(const std::string& path) override {
    std::lock_guard lock(*db_);
    auto st = db_->Prepare("VACUUM INTO ?");
    if (!st.ok()) return st.status();
    st->Bind(1, std::string_view(path));
    return st->Run();
  }

 private:
  std::string path_;
  std::string corruption_;  // guarded by the database lock; set once a check fails
  int depth_ = 0;  // InTransaction nesting, guarded by the database lock
  std::unique_ptr<Database> db_;
  int version_;
};

Result<int> ReadUserVersion(Database& db) {
  auto st = db.Prepare("PRAGMA user_version");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st->Int(0));
}

Status CheckIntegrity(Database& db) {
  auto st = db.Prepare("PRAGMA quick_check");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  const std::string verdict = *row ? st->Text(0) : "no answer";
  if (verdict != "ok") return Status::Corruption("integrity check failed: " + verdict);
  return Status::Ok();
}

Status Migrate(Database& db, int from) {
  for (const Migration& m : EmbeddedMigrations()) {
    if (m.version <= from) continue;
    PROCURA_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(m.sql);
    if (s.ok()) s = db.Exec(fmt::format("PRAGMA user_version = {}", m.version));
    if (s.ok()) s = db.Exec("COMMIT");
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return Status::Internal(fmt::format("migration {} failed: {}", m.name, s.message()));
    }
  }
  return Status::Ok();
}

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Storage>> OpenSqliteStorage(const std::filesystem::path& data_dir,
                                                   OpenOptions options) {
  const std::string path = (data_dir / "procura.db").string();
  auto db = sqlite::Database::Open(path);
  if (!db.ok()) return db.status();
  sqlite::Database& d = **db;
  // Reading the header first: a file that is not a database fails here,
  // before anything could be written to it.
  auto version = sqlite::ReadUserVersion(d);
  if (!version.ok()) {
    return Status::Corruption(fmt::format("{} is not a readable procura database ({})", path,
                                          version.status().message()));
  }
  if (*version > LatestSchemaVersion()) {
    return Status::Version(fmt::format(
        "{} has schema version {}, but this procura knows only up to {}: it was written by a "
        "newer procura. Upgrade procura; the data was left untouched.",
        path, *version, LatestSchemaVersion()));
  }
  // A database file this process cannot write (SQLite then opens it
  // read-only) would start, look healthy and fail every write: refuse it.
  if (sqlite3_db_readonly(d.handle(), "main") == 1)
    return Status::Io(fmt::format(
        "{} is not writable by this process. Fix its permissions (or its owner) and start again.",
        path));
  if (options.check_integrity) PROCURA_RETURN_IF_ERROR(sqlite::CheckIntegrity(d));
  PROCURA_RETURN_IF_ERROR(d.Exec("PRAGMA busy_timeout = 5000"));
  PROCURA_RETURN_IF_ERROR(d.Exec("PRAGMA journal_mode = WAL"));
  // FULL: every acknowledged commit survives power loss, not only a crash
  // (in WAL mode NORMAL may lose the last commits on power loss).
  PROCURA_RETURN_IF_ERROR(d.Exec("PRAGMA synchronous = FULL"));
  PROCURA_RETURN_IF_ERROR(d.Exec("PRAGMA foreign_keys = ON"));
  PROCURA_RETURN_IF_ERROR(sqlite::Migrate(d, *version));
  return std::unique_ptr<Storage>(
      new sqlite::SqliteStorage(std::move(db).value(), LatestSchemaVersion(), path));
}

}  // namespace procura
