#include "storage/postgres/pg_db.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace procura::postgres {
namespace {

constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kFloat8 = 701;
constexpr Oid kBytea = 17;

// The databases on which the calling thread has a transaction open. Only a
// guard: the transaction itself is found through its context object, and
// this list only lets a statement issued beside it fail loudly.
thread_local std::vector<const Database*> tls_open_transactions;

bool ConnectionLost(PGconn* conn, const PGresult* res) {
  if (conn && PQstatus(conn) == CONNECTION_BAD) return true;
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  return state && (std::strncmp(state, "08", 2) == 0 || std::strcmp(state, "57P01") == 0 ||
                   std::strcmp(state, "57P02") == 0 || std::strcmp(state, "57P03") == 0);
}

std::string Trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

Status FromResult(PGconn* conn, const PGresult* res, std::string_view what) {
  const std::string detail = Trimmed(res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  const std::string msg = fmt::format("{}: {}", what, detail.empty() ? "no answer" : detail);
  if (ConnectionLost(conn, res))
    return Status::Unavailable("the PostgreSQL server cannot be reached (" + msg + ")");
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  if (code == "23505") return Status::Exists(msg);
  if (code.rfind("23", 0) == 0 || code.rfind("22", 0) == 0 || code == "P0001")
    return Status::Invalid(msg);
  if (code == "40001" || code == "40P01")
    return Status::Conflict("a concurrent change got in the way; try again (" + msg + ")");
  if (code == "53100") return Status::NoSpace("the database server's disk is full: " + msg);
  return Status::Internal(msg);
}

Result<PGconn*> Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    if (why.find("password authentication failed") != std::string::npos ||
        why.find("no password supplied") != std::string::npos ||
        why.find("does not exist") != std::string::npos ||
        why.find("permission denied") != std::string::npos ||
        why.find("no pg_hba.conf entry") != std::string::npos)
      return Status::Denied("the PostgreSQL server refused the connection: " + why);
    return Status::Unavailable("cannot reach the PostgreSQL server: " + why);
  }
  // UTC and UTF-8 whatever the server's defaults; a statement never runs
  // for more than a minute.
  for (const char* setting : {"SET TIME ZONE 'UTC'", "SET client_encoding = 'UTF8'",
                              "SET statement_timeout = 60000",
                              "SET client_min_messages = warning"}) {
    auto r = Database::Run(conn, setting);
    if (!r.ok()) {
      PQfinish(conn);
      return r.status();
    }
    PQclear(*r);
  }
  return conn;
}

Pool::~Pool() {
  for (PGconn* c : idle_) PQfinish(c);
}

Result<PGconn*> Pool::Borrow() {
  std::unique_lock lock(mu_);
  freed_.wait(lock, [&] { return !idle_.empty() || lent_ < max_; });
  while (!idle_.empty()) {
    PGconn* c = idle_.back();
    idle_.pop_back();
    // A connection the server closed meanwhile (a restart, an idle
    // timeout) has its farewell waiting: reading it marks the connection
    // bad, and it is replaced instead of failing the caller's statement.
    if (PQconsumeInput(c) == 1 && PQstatus(c) == CONNECTION_OK) {
      ++lent_;
      return c;
    }
    PQfinish(c);
  }
  ++lent_;
  lock.unlock();
  auto made = Connect(url_);
  if (!made.ok()) {
    std::lock_guard relock(mu_);
    --lent_;
    freed_.notify_one();
  }
  return made;
}

void Pool::Return(PGconn* conn) {
  const bool keep = PQstatus(conn) == CONNECTION_OK &&
                    PQtransactionStatus(conn) == PQTRANS_IDLE;
  if (!keep) PQfinish(conn);
  std::lock_guard lock(mu_);
  if (keep) idle_.push_back(conn);
  --lent_;
  freed_.notify_one();
}

// ---- statements -----------------------------------------------------------

class PgStatement final : public sql::StatementImpl {
 public:
  // Runs on `conn` (a transaction's), or on a connection borrowed from
  // `outer`'s pool when `conn` is null.
  PgStatement(Database& outer, PGconn* conn, std::string sql)
      : outer_(outer), conn_(conn), sql_(std::move(sql)) {}
  ~PgStatement() override {
    if (res_) PQclear(res_);
  }

  void BindInt(int i, std::int64_t v) override { Set(i, std::to_string(v), kInt8); }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v), kText); }
  void BindDouble(int i, double v) override { Set(i, fmt::format("{}", v), kFloat8); }
  void BindBlob(int i, std::string_view v) override {
    Set(i, std::string(v), kBytea);
    formats_[i - 1] = 1;  // sent as raw bytes
  }
  void BindNull(int i, NullKind kind) override {
    Set(i, std::nullopt, kind == NullKind::kInt ? kInt8 : kind == NullKind::kText ? kText : 0);
  }

  Result<bool> Step() override {
    if (!res_) PROCURA_RETURN_IF_ERROR(Execute());
    if (row_ + 1 >= PQntuples(res_)) {
      row_ = PQntuples(res_);
      return false;
    }
    ++row_;
    return true;
  }
  bool IsNull(int col) const override { return PQgetisnull(res_, row_, col) == 1; }
  std::int64_t Int(int col) const override {
    const char* v = PQgetvalue(res_, row_, col);
    if (v[0] == 't' && v[1] == 0) return 1;  // a boolean expression's value
    if (v[0] == 'f' && v[1] == 0) return 0;
    std::int64_t out = 0;
    std::from_chars(v, v + std::strlen(v), out);
    return out;
  }
  double Double(int col) const override { return std::strtod(PQgetvalue(res_, row_, col), nullptr); }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(res_, row_, col), PQgetlength(res_, row_, col));
  }
  // bytea comes back in its text form: \x and two hex digits a byte.
  std::string Blob(int col) const override {
    const char* v = PQgetvalue(res_, row_, col);
    const int len = PQgetlength(res_, row_, col);
    std::string out;
    if (len < 2 || v[0] != '\\' || v[1] != 'x') return out;
    out.reserve((len - 2) / 2);
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (int i = 2; i + 1 < len; i += 2)
      out += static_cast<char>(nibble(v[i]) << 4 | nibble(v[i + 1]));
    return out;
  }
  std::int64_t Changes() const override {
    const char* n = res_ ? PQcmdTuples(res_) : "";
    return *n ? std::atoll(n) : 0;
  }

 private:
  void Set(int i, std::optional<std::string> v, Oid type) {
    if (i < 1) return;
    if (static_cast<size_t>(i) > values_.size()) {
      values_.resize(i);
      types_.resize(i, 0);
      formats_.resize(i, 0);
    }
    values_[i - 1] = std::move(v);
    types_[i - 1] = type;
    formats_[i - 1] = 0;
  }

  Status Execute() {
    std::vector<const char*> ptrs;
    std::vector<int> lengths;
    for (const auto& v : values_) {
      ptrs.push_back(v ? v->data() : nullptr);
      lengths.push_back(v ? static_cast<int>(v->size()) : 0);
    }
    PGconn* conn = conn_;
    const bool borrowed = conn == nullptr;
    if (borrowed) {
      PROCURA_RETURN_IF_ERROR(outer_.CheckNoOpenTransaction(sql_));
      auto c = outer_.pool().Borrow();
      if (!c.ok()) return c.status();
      conn = *c;
    }
    res_ = PQexecParams(conn, sql_.c_str(), static_cast<int>(ptrs.size()), types_.data(),
                        ptrs.data(), lengths.data(), formats_.data(), 0);
    const ExecStatusType st = PQresultStatus(res_);
    Status s;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) s = FromResult(conn, res_, "query failed");
    if (borrowed) outer_.pool().Return(conn);
    if (!s.ok()) {
      PQclear(res_);
      res_ = nullptr;
    }
    return s;
  }

  Database& outer_;
  PGconn* conn_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  std::vector<int> formats_;  // 0 text, 1 binary (blobs)
  PGresult* res_ = nullptr;
  int row_ = -1;
};

// ---- the database ---------------------------------------------------------

Database::Database(std::string url, int max_connections) : pool_(std::move(url), max_connections) {}

Result<PGresult*> Database::Run(PGconn* conn, std::string_view sql) {
  PGresult* res = PQexec(conn, std::string(sql).c_str());
  const ExecStatusType st = PQresultStatus(res);
  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) return res;
  Status s = FromResult(conn, res, "statement failed");
  PQclear(res);
  return s;
}

Status Database::CheckNoOpenTransaction(std::string_view sql) const {
  for (const Database* open : tls_open_transactions)
    if (open == this)
      return Status::Internal(fmt::format(
          "a statement ({}) was issued on the storage while this thread's transaction is open on "
          "it; it must go through the transaction's context (InTransaction's argument)",
          sql.substr(0, 60)));
  return Status::Ok();
}

Status Database::Exec(std::string_view sql) {
  PROCURA_RETURN_IF_ERROR(CheckNoOpenTransaction(sql));
  auto c = pool_.Borrow();
  if (!c.ok()) return c.status();
  auto r = Run(*c, sql);
  pool_.Return(*c);
  if (!r.ok()) return r.status();
  PQclear(*r);
  return Status::Ok();
}

Result<sql::Statement> Database::Prepare(std::string_view sql) {
  return sql::Statement(std::make_unique<PgStatement>(*this, nullptr, RewriteParameters(sql)));
}

Status Database::AnnounceChange() { return Exec("NOTIFY procura_changes"); }

namespace {

// A transaction context: the sql::Database that Atomically() hands to its
// function, bound to the transaction's connection.
class TransactionContext final : public sql::Database {
 public:
  TransactionContext(postgres::Database& outer, PGconn* conn) : outer_(outer), conn_(conn) {}

  void lock() override {}
  void unlock() override {}
  Status Exec(std::string_view sql) override {
    auto r = postgres::Database::Run(conn_, sql);
    if (!r.ok()) return r.status();
    PQclear(*r);
    return Status::Ok();
  }
  Result<sql::Statement> Prepare(std::string_view sql) override {
    return sql::Statement(std::make_unique<PgStatement>(outer_, conn_, RewriteParameters(sql)));
  }
  // Delivered to listeners when the transaction commits.
  Status AnnounceChange() override { return Exec("NOTIFY procura_changes"); }

  // Nested: a savepoint on the transaction's connection.
  Status Atomically(const std::function<Status(sql::Database&)>& fn) override {
    struct Depth {  // nesting depth, restored however `fn` ends
      int& d;
      ~Depth() { --d; }
    } depth{++depth_};
    return sql::InSavepoint(*this, "sp" + std::to_string(depth_), fn);
  }

 private:
  postgres::Database& outer_;
  PGconn* conn_;
  int depth_ = 0;
};

}  // namespace

Status Database::Atomically(const std::function<Status(sql::Database&)>& fn) {
  PROCURA_RETURN_IF_ERROR(CheckNoOpenTransaction("BEGIN"));
  auto borrowed = pool_.Borrow();
  if (!borrowed.ok()) return borrowed.status();
  PGconn* conn = *borrowed;
  struct Open {  // marks the transaction open, and ends it however fn ends
    const Database* db;
    Pool& pool;
    PGconn* conn;
    Open(const Database* d, Pool& p, PGconn* c) : db(d), pool(p), conn(c) {
      tls_open_transactions.push_back(d);
    }
    ~Open() {
      auto& open = tls_open_transactions;
      for (auto it = open.end(); it != open.begin();)
        if (*--it == db) {
          open.erase(it);
          break;
        }
      if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
        if (PGresult* r = PQexec(conn, "ROLLBACK")) PQclear(r);
      }
      pool.Return(conn);
    }
  } open(this, pool_, conn);
  TransactionContext tx(*this, conn);
  PROCURA_RETURN_IF_ERROR(tx.Exec("BEGIN"));
  PROCURA_RETURN_IF_ERROR(tx.Exec("SELECT id FROM writer_lock WHERE id = 1 FOR UPDATE"));
  Status s = fn(tx);  // a throw leaves through ~Open, which rolls back
  if (s.ok()) return tx.Exec("COMMIT");
  (void)tx.Exec("ROLLBACK");
  return s;
}

std::string RewriteParameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // copy the quoted run whole ('' and "" stay inside)
      const size_t end = sql.find(c, i + 1);
      const size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const size_t end = sql.find('\n', i);
      const size_t stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
      out += '$';
      if (j > i + 1) {
        out.append(sql.substr(i + 1, j - i - 1));
        i = j - 1;
      } else {
        out += std::to_string(++next);
      }
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace procura::postgres
