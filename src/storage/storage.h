// The storage interface. Every SQL statement in procura lives behind it, in
// a backend directory (sqlite/ now, postgres/ later), and one test suite
// runs against every backend.
//
// All methods are thread-safe. Errors come back as Status values; a method
// that fails changes nothing that was stored.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/attendance_repository.h"
#include "storage/branch_life_repository.h"
#include "storage/dues_repository.h"
#include "storage/change_log_repository.h"
#include "storage/newsroom_repositories.h"
#include "storage/org_repository.h"
#include "storage/records.h"
#include "storage/inspection_repository.h"
#include "storage/mailbox_repository.h"
#include "storage/safety_repository.h"
#include "storage/training_repository.h"

namespace procura {

class ContentRepository {
 public:
  virtual ~ContentRepository() = default;

  // The site's settings. NotFound if never stored.
  virtual Result<SiteRecord> GetSite() = 0;
  // Creates or replaces the site's settings.
  virtual Status PutSite(const SiteRecord& site) = 0;

  // Every column, ordered by (parent, position, id).
  virtual Result<std::vector<ColumnRecord>> ListColumns() = 0;
  // Inserts `c` (its id is ignored) and returns the new id. AlreadyExists if
  // the slug is taken; Invalid if the parent does not exist.
  virtual Result<std::int64_t> InsertColumn(const ColumnRecord& c) = 0;

  // Every published article without its body, newest first
  // (published_at DESC, id DESC).
  virtual Result<std::vector<ArticleRecord>> ListPublishedSummaries() = 0;
  // One article with its body, in any state; nullopt if there is none.
  virtual Result<std::optional<ArticleRecord>> GetArticle(std::int64_t id) = 0;
  // Inserts `a` (its id is ignored) and returns the new id.
  virtual Result<std::int64_t> InsertArticle(const ArticleRecord& a) = 0;

  // Every media item, by id.
  virtual Result<std::vector<MediaRecord>> ListMedia() = 0;
  // One media item; nullopt if there is none with this id.
  virtual Result<std::optional<MediaRecord>> GetMedia(std::int64_t id) = 0;
  // The media library's page `q`.
  virtual Result<MediaPage> FindMedia(const MediaQuery& q) = 0;
  // Inserts `m` (its id is ignored) and returns the new id.
  virtual Result<std::int64_t> InsertMedia(const MediaRecord& m) = 0;
  // Where media item `media_id` is used, articles first, each place once,
  // at most `limit`: as an article's lead image, in its body or its pending
  // revision's (from the index written with each article; an article not
  // yet indexed is scanned for `stem`, the stored name without its
  // extension, which every size variant's name begins with; an empty
  // `stem` leaves bodies out), as an attachment, or among a meeting's or
  // a class's photos. Empty when nothing uses it.
  virtual Result<std::vector<MediaUse>> FindMediaUses(std::int64_t media_id,
                                                      const std::string& stem, int limit) = 0;
  // Replaces a media item's alt text; NotFound if there is no such item.
  virtual Status SetMediaAlt(std::int64_t id, const std::string& alt) = 0;
  // Deletes a media record. Invalid if an article still uses it.
  virtual Status DeleteMedia(std::int64_t id) = 0;
  // Makes private media items public for good (MediaRecord::is_private),
  // named by id or by stored name; returns the ids that were private (the
  // others, public or unknown, are left as they are).
  virtual Result<std::vector<std::int64_t>> ReleaseMedia(std::span<const std::int64_t> ids,
                                                         std::span<const std::string> names) = 0;

  // Every attachment, by article then position.
  virtual Result<std::vector<AttachmentRecord>> ListAttachments() = 0;
  // One article's attachments, by position.
  virtual Result<std::vector<AttachmentRecord>> ListAttachmentsOf(std::int64_t article_id) = 0;
  virtual Status AddAttachment(const AttachmentRecord& a) = 0;
  virtual Status RemoveAttachment(std::int64_t article_id, std::int64_t media_id) = 0;
  virtual Status SetAttachmentPending(std::int64_t article_id, std::int64_t media_id,
                                      const std::string& pending) = 0;
  // Settles an article's pending attachment changes: `apply` makes them
  // public (adds become live, removes are deleted); otherwise they are
  // undone (adds deleted, removes kept).
  virtual Status SettlePendingAttachments(std::int64_t article_id, bool apply) = 0;

  // True if the database holds no site settings and no columns yet.
  virtual Result<bool> IsEmpty() = 0;
};

// One process's claim to run a singleton (the scheduler, housekeeping)
// among every process on the same database.
class Leadership {
 public:
  virtual ~Leadership() = default;
  // True while this process holds the claim; when it does not, tries to
  // take it. Call it before each round of singleton work (about once a
  // second): a holder that died loses the claim with its connection, and
  // the next caller elsewhere takes it over.
  virtual bool Check() = 0;
};

class Storage {
 public:
  virtual ~Storage() = default;
  virtual ContentRepository& content() = 0;
  virtual ArticleRepository& articles() = 0;
  virtual UserRepository& users() = 0;
  virtual AuditRepository& audit() = 0;
  virtual OrgRepository& org() = 0;
  virtual TrainingRepository& training() = 0;
  virtual AttendanceRepository& attendance() = 0;
  virtual ChangeLogRepository& changes() = 0;
  virtual SafetyRepository& safety() = 0;
  virtual MailboxRepository& mailbox() = 0;
  virtual InspectionRepository& inspection() = 0;
  virtual BranchLifeRepository& branch_life() = 0;
  virtual DuesRepository& dues() = 0;

  // Runs `fn` in one transaction: commits if it returns ok, otherwise rolls
  // back and returns its error. `fn` gets the transaction's context, a
  // Storage whose repositories run inside the transaction: every call that
  // belongs to it goes through `tx` (pass it down to helpers), never through
  // this object. A nested `tx.InTransaction` joins the transaction (its
  // error then rolls back the outermost one). On PostgreSQL `tx` holds the
  // transaction's connection, and calls on the outer storage made while the
  // transaction is open are refused (Internal) rather than run outside it.
  virtual Status InTransaction(const std::function<Status(Storage& tx)>& fn) = 0;

  // The schema version the database is at.
  virtual int SchemaVersion() const = 0;

  // Cheap liveness check for /healthz.
  virtual Status Ping() = 0;

  // The database's generation: a random id made with the database and made
  // anew by every restore. A read model built on another generation (or
  // ahead of the change log) rebuilds itself.
  virtual Result<std::string> Generation() = 0;
  virtual Status NewGeneration() = 0;

  // Calls `wake` (from a thread of the storage's own) soon after any
  // process commits a change-log row, where the backend can be told
  // (PostgreSQL: LISTEN/NOTIFY). A no-op on SQLite; readers of the log
  // poll as well, so a lost wake-up only delays them.
  virtual void OnCommittedChange(std::function<void()> wake) { (void)wake; }

  // The claim to run the singleton `name`. SQLite: always held (one
  // server owns a data dir). PostgreSQL: an advisory lock on a connection
  // of the claim's own.
  virtual std::unique_ptr<Leadership> Elect(const std::string& name);

  // The secret called `name` shared by every process on this database:
  // the stored one, or `make()`'s value stored now if there is none (the
  // first writer wins; every caller gets the same value).
  virtual Result<std::string> SharedSecret(const std::string& name,
                                           const std::function<std::string()>& make) = 0;

  // Files every process must reach, keyed "area/name" (PostgreSQL keeps
  // them in the database; SQLite's files stay in the data dir, and these
  // do nothing there: SharesFiles() is false). Use through FileStore.
  virtual bool SharesFiles() const { return false; }
  virtual Status PutSharedFile(const std::string& key, std::string_view bytes);
  // NotFound if there is no such file.
  virtual Result<std::string> GetSharedFile(const std::string& key);
  virtual Status DeleteSharedFile(const std::string& key);
  // Deletes shared files whose key starts with `prefix` stored before
  // `before`; returns how many.
  virtual Result<int> SweepSharedFiles(const std::string& prefix, UnixSeconds before);

  // Writes a consistent copy of the whole database to `path` (which must
  // not exist) while others keep reading and writing.
  virtual Status CopyTo(const std::string& path) = 0;

  // Runs SQLite's quick_check on a connection of its own (readers and
  // writers go on meanwhile). On corruption the storage refuses every write
  // from then on, Ping() reports it, and Corruption is returned. Setting
  // `*stop` (if given) ends the check early with Unavailable.
  virtual Status CheckIntegrity(const std::atomic<bool>* stop = nullptr) = 0;
};

struct OpenOptions {
  // Check integrity while opening (slow on a large database: the server
  // opens without it and checks in the background after it listens).
  bool check_integrity = true;
};

// The newest schema version this build knows.
int LatestSchemaVersion();

// Opens (creating if absent) the SQLite database `<data_dir>/procura.db` in
// WAL mode with foreign keys on and a busy timeout, checks its integrity and
// applies pending migrations, each in a transaction.
// Errors: Corruption if the file is not a readable SQLite database;
// Version if it was written by a newer procura; Io on filesystem problems.
// An existing file is never overwritten or truncated.
Result<std::unique_ptr<Storage>> OpenSqliteStorage(const std::filesystem::path& data_dir,
                                                   OpenOptions options = {});

struct PostgresOptions {
  // Connections each node keeps at most (statements outside a transaction
  // borrow one only while they run).
  int max_connections = 16;
};

// The newest PostgreSQL schema version this build knows (PostgreSQL has its
// own migration set: storage/postgres/migrations/).
int LatestPostgresSchemaVersion();

// Opens the PostgreSQL database at `url` (a libpq URI such as
// postgresql://user:pass@host:5432/db). It never migrates: a node started
// against an unmigrated database must not race others to do it.
// Errors: Unavailable if the server cannot be reached; Denied if it refuses
// the credentials or the database; NotFound if the schema is older than
// this build (the message names `procura migrate`); Version if a newer
// procura has contracted it beyond what this build reads.
Result<std::unique_ptr<Storage>> OpenPostgresStorage(const std::string& url,
                                                     PostgresOptions options = {});

struct MigrationReport {
  int from = 0;  // the schema version before
  int to = 0;    // and after
};

// Applies the pending PostgreSQL migrations, each in a transaction, under
// an advisory lock (a second migrator waits, then finds nothing to do).
// Errors as OpenPostgresStorage, and Internal naming a failed migration.
Result<MigrationReport> MigratePostgres(const std::string& url);

}  // namespace procura
