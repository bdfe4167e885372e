// OpenPostgresStorage and MigratePostgres: version checks, migrations under
// an advisory lock, and the Storage over the shared SQL repositories.
#include <fmt/format.h>

#include <random>

#include "core/clock.h"

#include "storage/postgres/pg_cluster.h"
#include "storage/postgres/pg_db.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/sql/sql_storage.h"
#include "storage/storage.h"

namespace procura {
namespace postgres {
namespace {

// pg_advisory_lock's key for migrations: "procura" in ASCII.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7021802385937249)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7021802385937249)";

std::string RandomHex(int bytes) {
  std::random_device rd;
  std::string out;
  for (int i = 0; i < bytes; ++i) out += fmt::format("{:02x}", rd() & 0xff);
  return out;
}

// What a PostgreSQL storage and a transaction's context share: the storage
// services, over one sql::Database (the pool's, or the transaction's).
class PgServices : public sql::SqlStorage {
 public:
  Status Ping() override { return db().Exec("SELECT 1"); }

  bool SharesFiles() const override { return true; }

  Status PutSharedFile(const std::string& key, std::string_view bytes) override {
    auto st = db().Prepare(
        "INSERT INTO shared_files (key, bytes, size, stored_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET bytes = excluded.bytes, size = excluded.size, "
        "stored_at = excluded.stored_at");
    if (!st.ok()) return st.status();
    st->Bind(1, key).BindBlob(2, bytes).Bind(3, static_cast<std::int64_t>(bytes.size()));
    st->Bind(4, NowUnix());
    return st->Run();
  }

  Result<std::string> GetSharedFile(const std::string& key) override {
    auto st = db().Prepare("SELECT bytes FROM shared_files WHERE key = ?");
    if (!st.ok()) return st.status();
    st->Bind(1, key);
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no shared file " + key);
    return st->Blob(0);
  }

  Result<int> SweepSharedFiles(const std::string& prefix, UnixSeconds before) override {
    auto st = db().Prepare(
        "DELETE FROM shared_files WHERE key LIKE ? ESCAPE '\\' AND stored_at < ?");
    if (!st.ok()) return st.status();
    st->Bind(1, sql::EscapeLike(prefix) + "%").Bind(2, before);
    PROCURA_RETURN_IF_ERROR(st->Run());
    return static_cast<int>(st->Changes());
  }

  Status DeleteSharedFile(const std::string& key) override {
    auto st = db().Prepare("DELETE FROM shared_files WHERE key = ?");
    if (!st.ok()) return st.status();
    st->Bind(1, key);
    return st->Run();
  }

  Result<std::string> Generation() override {
    auto st = db().Prepare("SELECT value FROM meta WHERE key = 'generation'");
    if (!st.ok()) return st.status();
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Corruption("the database has no generation id");
    return st->Text(0);
  }

  Status NewGeneration() override {
    auto st = db().Prepare("UPDATE meta SET value = ? WHERE key = 'generation'");
    if (!st.ok()) return st.status();
    st->Bind(1, RandomHex(16));
    return st->Run();
  }

  Status CopyTo(const std::string&) override {
    return Status::Invalid(
        "procura backup copies SQLite databases; back a PostgreSQL database up with pg_dump or "
        "a streaming replica (docs/deploy.md)");
  }

  // PostgreSQL checksums its own pages; there is nothing for procura to check.
  Status CheckIntegrity(const std::atomic<bool>*) override { return Status::Ok(); }

 protected:
  using SqlStorage::SqlStorage;
};

// A transaction's context as a Storage: its repositories and services run
// on the transaction's connection; what has no statements (the schema
// version, leadership, wake-ups) is the outer storage's.
class PgTransaction final : public PgServices {
 public:
  PgTransaction(Storage& outer, sql::Database& tx) : PgServices(tx), outer_(outer) {}

  // Nested: joins this transaction (its error rolls the whole one back).
  Status InTransaction(const std::function<Status(Storage&)>& fn) override { return fn(*this); }
  int SchemaVersion() const override { return outer_.SchemaVersion(); }
  void OnCommittedChange(std::function<void()> wake) override {
    outer_.OnCommittedChange(std::move(wake));
  }
  std::unique_ptr<Leadership> Elect(const std::string& name) override {
    return outer_.Elect(name);
  }

 private:
  Storage& outer_;
};

class PgStorage final : public PgServices {
 public:
  PgStorage(const std::string& url, std::unique_ptr<Database> db, int version)
      : PgServices(*db), url_(url), listener_(url), db_(std::move(db)), version_(version) {}

  int SchemaVersion() const override { return version_; }

  Status InTransaction(const std::function<Status(Storage&)>& fn) override {
    return db_->Atomically([&](sql::Database& tx) -> Status {
      PgTransaction context(*this, tx);
      return fn(context);
    });
  }

  void OnCommittedChange(std::function<void()> wake) override { listener_.Add(std::move(wake)); }

  std::unique_ptr<Leadership> Elect(const std::string& name) override {
    return std::make_unique<AdvisoryLeadership>(url_, name);
  }

 private:
  std::string url_;
  ChangeListener listener_;  // its own connection; joined when the storage closes
  std::unique_ptr<Database> db_;
  int version_;
};

struct SchemaState {
  int version = 0;        // newest migration applied; 0 on an empty database
  int readable_from = 0;  // the oldest build version that may use the schema
};

Result<std::string> QueryOne(PGconn* conn, const std::string& sql) {
  auto r = Database::Run(conn, sql);
  if (!r.ok()) return r.status();
  std::string value = PQntuples(*r) > 0 && !PQgetisnull(*r, 0, 0) ? PQgetvalue(*r, 0, 0) : "";
  PQclear(*r);
  return value;
}

Result<SchemaState> ReadSchemaState(PGconn* conn) {
  auto exists = QueryOne(conn,
                         "SELECT count(*) FROM information_schema.tables "
                         "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'");
  if (!exists.ok()) return exists.status();
  SchemaState s;
  if (*exists == "0") return s;
  auto version = QueryOne(conn, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!version.ok()) return version.status();
  s.version = std::stoi(*version);
  auto readable = QueryOne(conn, "SELECT value FROM meta WHERE key = 'readable_from'");
  if (!readable.ok()) return readable.status();
  s.readable_from = readable->empty() ? 0 : std::stoi(*readable);
  return s;
}

Status ApplyOne(PGconn* conn, const Migration& m) {
  const bool contracts = m.sql.find("-- procura:contract") != std::string::npos;
  std::string sql = "BEGIN;\n" + m.sql + "\n;";
  if (m.version == 1)
    sql += fmt::format(
        "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP);"
        "INSERT INTO meta (key, value) VALUES ('generation', '{}');"
        "INSERT INTO meta (key, value) VALUES ('readable_from', '1');",
        RandomHex(16));
  sql += fmt::format("INSERT INTO schema_migrations (version, name) VALUES ({}, '{}');",
                     m.version, m.name);
  if (contracts)
    sql += fmt::format("UPDATE meta SET value = '{}' WHERE key = 'readable_from';", m.version);
  sql += "COMMIT;";
  auto r = Database::Run(conn, sql);
  if (!r.ok()) {
    if (PGresult* rb = PQexec(conn, "ROLLBACK")) PQclear(rb);
    return Status::Internal(fmt::format("migration {} failed: {}", m.name, r.status().message()));
  }
  PQclear(*r);
  return Status::Ok();
}

}  // namespace
}  // namespace postgres

int LatestPostgresSchemaVersion() {
  const auto& all = postgres::EmbeddedPostgresMigrations();
  return all.empty() ? 0 : all.back().version;
}

Result<MigrationReport> MigratePostgres(const std::string& url) {
  auto conn = postgres::Connect(url);
  if (!conn.ok()) return conn.status();
  std::unique_ptr<PGconn, void (*)(PGconn*)> own(*conn, PQfinish);
  // One migrator at a time, whichever node or operator starts it.
  auto locked = postgres::Database::Run(*conn, postgres::kMigrationLock);
  if (!locked.ok()) return locked.status();
  PQclear(*locked);
  auto state = postgres::ReadSchemaState(*conn);
  if (!state.ok()) return state.status();
  MigrationReport report{state->version, state->version};
  if (state->version > LatestPostgresSchemaVersion())
    return Status::Version(fmt::format(
        "the database's schema is at version {}, newer than this procura's {}; migrate it with "
        "the newer procura",
        state->version, LatestPostgresSchemaVersion()));
  for (const Migration& m : postgres::EmbeddedPostgresMigrations()) {
    if (m.version <= state->version) continue;
    PROCURA_RETURN_IF_ERROR(postgres::ApplyOne(*conn, m));
    report.to = m.version;
  }
  if (auto r = postgres::Database::Run(*conn, postgres::kMigrationUnlock); r.ok()) PQclear(*r);
  return report;
}

Result<std::unique_ptr<Storage>> OpenPostgresStorage(const std::string& url,
                                                     PostgresOptions options) {
  auto conn = postgres::Connect(url);
  if (!conn.ok()) return conn.status();
  std::unique_ptr<PGconn, void (*)(PGconn*)> own(*conn, PQfinish);
  auto state = postgres::ReadSchemaState(*conn);
  if (!state.ok()) return state.status();
  const int latest = LatestPostgresSchemaVersion();
  if (state->version < latest)
    return Status::NotFound(fmt::format(
        "the database's schema is at version {}, and this procura needs {}. Run `procura "
        "migrate --database URL` once (one node; the others wait), then start the nodes.",
        state->version, latest));
  if (state->readable_from > latest)
    return Status::Version(fmt::format(
        "the database's schema is at version {} and no longer readable by this procura (which "
        "knows up to {}): it was migrated by a newer procura. Upgrade procura; the data was left "
        "untouched.",
        state->version, latest));
  return std::unique_ptr<Storage>(
      new postgres::PgStorage(url, std::make_unique<postgres::Database>(url, options.max_connections),
                              state->version));
}

}  // namespace procura
