// The SQLite implementation of the SQL layer (storage/sql/sql.h): one
// connection, serialized by a recursive mutex that is the Database's lock.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/sql.h"

namespace procura::sqlite {

// Maps an SQLite result code to a Status with `what` as context.
Status FromCode(sqlite3* db, int rc, std::string_view what);

// Prepared statements not in use, by their SQL text, for reuse: compiling
// a statement costs more than running most of them (an article page's
// query was prepared for every page of an export). Shared by the database
// and its statements, so a statement outliving the database finalizes
// itself instead of touching it.
class StatementCache {
 public:
  ~StatementCache();
  // An idle statement for exactly `sql`, or nullptr.
  sqlite3_stmt* Take(std::string_view sql);
  // A statement done with (reset, bindings cleared): kept, or finalized
  // when the cache already holds enough.
  void GiveBack(sqlite3_stmt* stmt);

 private:
  static constexpr std::size_t kMaxIdle = 512;  // dynamic SQL cannot grow it without bound
  static constexpr std::size_t kMaxPerText = 4;
  std::mutex mu_;
  std::unordered_multimap<std::string_view, sqlite3_stmt*> idle_;  // keys: sqlite3_sql(stmt)
};

class Database final : public sql::Database {
 public:
  // Opens or creates `path`. Never truncates an existing file.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database() override;

  void lock() override { mu_.lock(); }
  void unlock() override { mu_.unlock(); }
  Status Exec(std::string_view sql) override;
  // A SAVEPOINT: works inside or outside a transaction; `fn` gets this
  // database (one connection holds every transaction).
  Status Atomically(const std::function<Status(sql::Database&)>& fn) override;
  Result<sql::Statement> Prepare(std::string_view sql) override;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::recursive_mutex mu_;
  std::shared_ptr<StatementCache> cache_ = std::make_shared<StatementCache>();
};

}  // namespace procura::sqlite
