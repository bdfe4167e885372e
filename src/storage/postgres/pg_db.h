// The PostgreSQL implementation of the SQL layer (storage/sql/sql.h),
// through libpq: a pool of connections and an explicit transaction context.
//
// Outside a transaction each statement borrows a pooled connection for as
// long as it executes (the whole result is fetched at once). Atomically()
// borrows one connection for the whole transaction and hands `fn` a
// transaction context: a sql::Database bound to that connection. Statements
// prepared on it, and Atomically() calls nested on it (savepoints), run on
// the transaction's connection, whatever thread issues them. While a
// transaction is open, statements that the thread which opened it issues on
// the outer Database are refused (Internal): they would run outside it.
//
// Every top-level transaction first takes the row lock of `writer_lock`, so
// transactions that write run one at a time across every node, as SQLite's
// BEGIN IMMEDIATE makes them run on one machine: a check followed by an
// insert inside one transaction cannot race another node's. Reads outside a
// transaction never wait for it.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sql/sql.h"

namespace procura::postgres {

// Maps a failed libpq result (or connection) to a Status: unique violation
// → Exists, other constraint violations → Invalid, serialization failures
// → Conflict, lost connections → Unavailable, the rest → Internal.
Status FromResult(PGconn* conn, const PGresult* res, std::string_view what);

// Opens one connection to `url` with the session settings procura needs.
// Unavailable if the server cannot be reached; Denied if it refuses the
// credentials or the database.
Result<PGconn*> Connect(const std::string& url);

class Pool {
 public:
  Pool(std::string url, int max_connections) : url_(std::move(url)), max_(max_connections) {}
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A connection for the caller's use, made anew if the pool has none idle
  // (waits while `max_connections` are lent out).
  Result<PGconn*> Borrow();
  // Gives `conn` back; a broken connection is closed instead of kept.
  void Return(PGconn* conn);
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  int max_;
  int lent_ = 0;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<PGconn*> idle_;
};

class Database final : public sql::Database {
 public:
  explicit Database(std::string url, int max_connections = 16);

  void lock() override {}
  void unlock() override {}
  Status Exec(std::string_view sql) override;
  // A transaction of its own on a borrowed connection; `fn` gets the
  // transaction context (nested Atomically() calls on it are savepoints).
  Status Atomically(const std::function<Status(sql::Database&)>& fn) override;
  Result<sql::Statement> Prepare(std::string_view sql) override;
  // NOTIFY procura_changes (outside a transaction: at once).
  Status AnnounceChange() override;

  // Runs `sql` (no parameters) on `conn` and returns its result, or the
  // error. The caller PQclear()s the result.
  static Result<PGresult*> Run(PGconn* conn, std::string_view sql);

  Pool& pool() { return pool_; }
  // Internal (naming `sql`) if the calling thread has a transaction open
  // on this database: a statement on the outer Database would run outside it.
  Status CheckNoOpenTransaction(std::string_view sql) const;

 private:
  Pool pool_;
};

// Rewrites `?` and `?N` parameters to PostgreSQL's `$N`, leaving quoted
// strings, quoted names and comments alone.
std::string RewriteParameters(std::string_view sql);

}  // namespace procura::postgres
