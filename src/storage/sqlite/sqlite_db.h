// A thin RAII layer over the SQLite C API: one connection, prepared
// statements with bound parameters only. Not thread-safe by itself; the
// storage object serializes access with its own mutex.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura::sqlite {

// Maps an SQLite result code to a Status with `what` as context.
Status FromCode(sqlite3* db, int rc, std::string_view what);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binders; `i` is 1-based. Strings are copied (SQLITE_TRANSIENT).
  Statement& Bind(int i, std::int64_t v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, std::optional<std::int64_t> v);
  Statement& BindOptText(int i, const std::optional<std::string>& v);
  Statement& BindNull(int i);
  Statement& BindDouble(int i, double v);

  // Steps once: true if a row is ready, false when done; error otherwise.
  Result<bool> Step();
  // Steps to completion, expecting no rows.
  Status Run();
  // Steps to completion, turning each row into a T with `read_row(*this)`.
  template <typename T, typename ReadRow>
  Result<std::vector<T>> Collect(ReadRow read_row) {
    std::vector<T> out;
    for (;;) {
      auto row = Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out.push_back(read_row(*this));
    }
  }

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::optional<std::int64_t> OptInt(int col) const;
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens or creates `path`. Never truncates an existing file.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();

  // Runs one or more statements without parameters (DDL, PRAGMAs).
  Status Exec(std::string_view sql);
  // Runs `fn` inside a SAVEPOINT: all of its statements take effect, or
  // (an error or an exception) none do. Works inside or outside a
  // transaction, so a multi-statement repository method is atomic either way.
  Status Atomically(const std::function<Status()>& fn);
  Result<Statement> Prepare(std::string_view sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace procura::sqlite
