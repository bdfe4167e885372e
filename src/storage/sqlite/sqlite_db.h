// The SQLite implementation of the SQL layer (storage/sql/sql.h): one
// connection, serialized by a recursive mutex that is the Database's lock.
#pragma once

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <string_view>

#include "storage/sql/sql.h"

namespace procura::sqlite {

// Maps an SQLite result code to a Status with `what` as context.
Status FromCode(sqlite3* db, int rc, std::string_view what);

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
};

}  // namespace procura::sqlite
