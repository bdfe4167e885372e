// The SQL layer the repositories are written against: a connection-like
// Database with prepared statements and bound parameters only. The SQLite
// backend (storage/sqlite/) and the PostgreSQL backend (storage/postgres/)
// each implement it, so both run the same repository code
// (storage/sql/*_repository.cc) and the same statements.
//
// Statements are written in the SQL both engines accept: `?` or `?N`
// parameters (the PostgreSQL backend rewrites them to `$N`), INSERT ...
// RETURNING instead of last-insert-id, ON CONFLICT instead of INSERT OR
// IGNORE, LIKE instead of instr(). docs/storage.md lists the rules.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <functional>

#include "core/status.h"

namespace procura::sql {

// One backend's prepared statement. Binders are 1-based; columns 0-based.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void BindInt(int i, std::int64_t v) = 0;
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindDouble(int i, double v) = 0;
  virtual void BindBlob(int i, std::string_view bytes) = 0;
  // A NULL of the given kind (PostgreSQL must know a parameter's type).
  enum class NullKind { kInt, kText, kUnknown };
  virtual void BindNull(int i, NullKind kind) = 0;
  // Runs the statement on the first call; true while a row is ready.
  virtual Result<bool> Step() = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string Blob(int col) const = 0;
  // Rows changed by the statement once it has run (UPDATE/DELETE/INSERT).
  virtual std::int64_t Changes() const = 0;
};

// A prepared statement handle; movable, not copyable.
class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}

  Statement& Bind(int i, std::int64_t v) { impl_->BindInt(i, v); return *this; }
  Statement& Bind(int i, std::string_view v) { impl_->BindText(i, v); return *this; }
  Statement& Bind(int i, const std::string& v) { impl_->BindText(i, v); return *this; }
  Statement& Bind(int i, const char* v) { impl_->BindText(i, v); return *this; }
  Statement& Bind(int i, std::optional<std::int64_t> v) {
    if (v) impl_->BindInt(i, *v); else impl_->BindNull(i, StatementImpl::NullKind::kInt);
    return *this;
  }
  Statement& BindOptText(int i, const std::optional<std::string>& v) {
    if (v) impl_->BindText(i, *v); else impl_->BindNull(i, StatementImpl::NullKind::kText);
    return *this;
  }
  Statement& BindNull(int i) {
    impl_->BindNull(i, StatementImpl::NullKind::kUnknown);
    return *this;
  }
  Statement& BindDouble(int i, double v) { impl_->BindDouble(i, v); return *this; }
  Statement& BindBlob(int i, std::string_view bytes) { impl_->BindBlob(i, bytes); return *this; }

  // Steps once: true if a row is ready, false when done; error otherwise.
  Result<bool> Step() { return impl_->Step(); }
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
  // Runs an `INSERT ... RETURNING id` (or any one-row query) and returns
  // the first column of its row.
  Result<std::int64_t> RunReturningId();

  std::int64_t Int(int col) const { return impl_->Int(col); }
  std::optional<std::int64_t> OptInt(int col) const {
    if (impl_->IsNull(col)) return std::nullopt;
    return impl_->Int(col);
  }
  double Double(int col) const { return impl_->Double(col); }
  std::string Text(int col) const { return impl_->Text(col); }
  std::string Blob(int col) const { return impl_->Blob(col); }
  std::optional<std::string> OptText(int col) const {
    if (impl_->IsNull(col)) return std::nullopt;
    return impl_->Text(col);
  }
  std::int64_t Changes() const { return impl_->Changes(); }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// A database as the repositories see it. It is BasicLockable: a repository
// method holds `std::lock_guard lock(db)` for its whole run. The SQLite
// backend serializes there (one connection); the PostgreSQL backend's lock
// does nothing (each statement takes a pooled connection, or runs on the
// connection of the transaction Database it was prepared on).
class Database {
 public:
  virtual ~Database() = default;
  virtual void lock() = 0;
  virtual void unlock() = 0;

  // Runs one or more statements without parameters (DDL).
  virtual Status Exec(std::string_view sql) = 0;
  // Runs `fn` so that all of its statements take effect or none do: a
  // savepoint inside a transaction, a transaction of its own otherwise.
  // `fn` gets the transaction's Database and must issue its statements
  // there: the transaction context is that object, passed explicitly (on
  // PostgreSQL, statements on the outer Database would run on another
  // connection, outside the transaction, and are refused while it is open).
  virtual Status Atomically(const std::function<Status(Database& tx)>& fn) = 0;
  virtual Result<Statement> Prepare(std::string_view sql) = 0;
  // Called inside the transaction that appends to the change log, so that
  // other processes can be woken when it commits. Default: nothing.
  virtual Status AnnounceChange() { return Status::Ok(); }
};

// Runs `fn(db)` inside SAVEPOINT `name` on `db`: released if `fn`
// succeeds; rolled back to and released if it fails, or throws (rethrown).
// For transaction contexts' nested Atomically().
Status InSavepoint(Database& db, const std::string& name,
                   const std::function<Status(Database&)>& fn);

// The value of `meta` row `key`, nullopt if there is none. The caller
// holds `db`'s lock.
Result<std::optional<std::string>> MetaValue(Database& db, const std::string& key);

// The value of `meta` row `key`, inserting `make()`'s value first if the
// row is absent (concurrent callers all get the first stored value).
Result<std::string> SharedMetaValue(Database& db, const std::string& key,
                                    const std::function<std::string()>& make);

// `text` with LIKE's wildcards (% and _) and the escape character escaped
// by a backslash; use with `LIKE ? ESCAPE '\'`.
std::string EscapeLike(std::string_view text);

}  // namespace procura::sql
