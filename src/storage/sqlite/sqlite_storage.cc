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

// A transaction's context: the connection, used without taking its lock,
// which the thread that opened the transaction holds for it until it ends.
// Whoever is handed the context (another thread, say, while the opener
// waits for it) runs inside the transaction.
class TransactionConnection final : public sql::Database {
 public:
  explicit TransactionConnection(Database& db) : db_(db) {}
  void lock() override {}
  void unlock() override {}
  Status Exec(std::string_view sql) override { return db_.Exec(sql); }
  Result<sql::Statement> Prepare(std::string_view sql) override { return db_.Prepare(sql); }
  Status Atomically(const std::function<Status(sql::Database&)>& fn) override {
    struct Depth {  // nesting depth, restored however `fn` ends
      int& d;
      ~Depth() { --d; }
    } depth{++depth_};
    return sql::InSavepoint(*this, "tx" + std::to_string(depth_), fn);
  }

 private:
  Database& db_;
  int depth_ = 0;
};

// The Storage a transaction's function gets: the repositories over the
// transaction's connection; the rest is the outer storage's.
class SqliteTransaction final : public sql::SqlStorage {
 public:
  SqliteTransaction(Storage& outer, TransactionConnection& conn)
      : SqlStorage(conn), outer_(outer) {}
  // Nested: joins this transaction (its error rolls the whole one back).
  Status InTransaction(const std::function<Status(Storage&)>& fn) override { return fn(*this); }
  int SchemaVersion() const override { return outer_.SchemaVersion(); }
  Status Ping() override { return db().Exec("SELECT 1"); }
  Result<std::string> Generation() override { return outer_.Generation(); }
  Status NewGeneration() override { return outer_.NewGeneration(); }
  Status CopyTo(const std::string& path) override { return outer_.CopyTo(path); }
  Status CheckIntegrity(const std::atomic<bool>* stop) override {
    return outer_.CheckIntegrity(stop);
  }

 private:
  Storage& outer_;
};

class SqliteStorage final : public sql::SqlStorage {
 public:
  SqliteStorage(std::unique_ptr<Database> db, int version, std::string path)
      : SqlStorage(*db), path_(std::move(path)), db_(std::move(db)), version_(version) {}

  int SchemaVersion() const override { return version_; }

  // Exception-safe: a throw from `fn` (at any depth) rolls the outermost
  // transaction back, leaves no transaction open, and is rethrown. The
  // connection's lock is held throughout; `fn` gets a context that uses the
  // connection without it. A call on this storage from the same thread
  // meanwhile joins the transaction too (one connection).
  Status InTransaction(const std::function<Status(Storage&)>& fn) override {
    std::lock_guard lock(*db_);
    TransactionConnection conn(*db_);
    SqliteTransaction tx(*this, conn);
    if (in_transaction_) return fn(tx);  // from this thread, beside the context: join
    PROCURA_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    struct Open {  // marks the transaction open however `fn` ends
      bool& b;
      explicit Open(bool& open) : b(open) { b = true; }
      ~Open() { b = false; }
    };
    Status s;
    try {
      Open open(in_transaction_);
      s = fn(tx);
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
  bool in_transaction_ = false;  // guarded by the database lock
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
  // Waiting on a lock held by a running server (a backup, `procura check`)
  // from the first read on: a header read that meets a checkpoint is busy,
  // not corrupt. The timeout is the connection's own; nothing is written.
  sqlite3_busy_timeout(d.handle(), 5000);
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
