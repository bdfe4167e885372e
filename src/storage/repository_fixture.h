// The fixture of the repository suite (repository_test.cc,
// repository_records_test.cc): one empty, migrated database per test, on
// the backend the test's parameter names.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "core/clock.h"
#include "storage/storage.h"

namespace procura {

namespace fs = std::filesystem;

inline std::string PgUrl() {
  const char* url = std::getenv("PROCURA_TEST_PG_URL");
  return url ? url : "";
}

// Empties the PostgreSQL test database (drops and remakes its schema).
inline void ResetPostgres(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PGresult* r = PQexec(c, "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
}

class RepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      if (PgUrl().empty()) GTEST_SKIP() << "PROCURA_TEST_PG_URL is not set";
      ResetPostgres(PgUrl());
      auto m = MigratePostgres(PgUrl());
      ASSERT_TRUE(m.ok()) << m.status().message();
      auto s = OpenPostgresStorage(PgUrl());
      ASSERT_TRUE(s.ok()) << s.status().message();
      storage_ = std::move(s).value();
    } else {
      dir_ = fs::temp_directory_path() /
             ("procura-repo-test-" + std::to_string(std::random_device{}()));
      fs::create_directories(dir_);
      auto s = OpenSqliteStorage(dir_);
      ASSERT_TRUE(s.ok()) << s.status().message();
      storage_ = std::move(s).value();
    }
  }
  void TearDown() override {
    storage_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  Storage& db() { return *storage_; }

  // Runs `sql` on the test's database over a connection of its own, for
  // a state the repositories never write (a row from before a migration).
  void RawExec(const std::string& sql) {
    if (GetParam() == "postgresql") {
      PGconn* c = PQconnectdb(PgUrl().c_str());
      PGresult* r = PQexec(c, sql.c_str());
      EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
      PQclear(r);
      PQfinish(c);
      return;
    }
    sqlite3* c = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &c), SQLITE_OK);
    sqlite3_busy_timeout(c, 5000);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(c, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(c);
  }

  std::int64_t Column(const std::string& slug, std::optional<std::int64_t> parent = {}) {
    ColumnRecord c;
    c.slug = slug;
    c.name = "栏目 " + slug;
    c.parent_id = parent;
    auto id = db().content().InsertColumn(c);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  std::int64_t User(const std::string& name, std::vector<std::string> roles = {"editor"}) {
    UserRecord u;
    u.name = name;
    u.password_hash = "$argon2id$x";
    u.created_at = 100;
    u.roles = std::move(roles);
    auto id = db().users().InsertUser(u);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  std::int64_t Article(std::int64_t column, const std::string& title,
                       const std::string& status = kStatusDraft,
                       std::optional<UnixSeconds> published = {}) {
    return ArticleIn(db(), column, title, status, published);
  }
  // An article inserted through `s` (a transaction's context, say).
  std::int64_t ArticleIn(Storage& s, std::int64_t column, const std::string& title,
                         const std::string& status = kStatusDraft,
                         std::optional<UnixSeconds> published = {}) {
    ArticleRecord a;
    a.column_id = column;
    a.title = title;
    a.status = status;
    a.published_at = published;
    a.body_md = "正文 " + title;
    a.created_at = a.updated_at = 1000;
    auto id = s.content().InsertArticle(a);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  std::int64_t Media(const std::string& stored) {
    MediaRecord m;
    m.stored_name = stored;
    m.mime = "image/jpeg";
    m.byte_size = 10;
    m.created_at = 5;
    auto id = db().content().InsertMedia(m);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  std::int64_t Unit(const std::string& kind, const std::string& name,
                    std::optional<std::int64_t> parent = {}) {
    auto id = db().org().InsertUnit({0, parent, kind, name, "", 0});
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }
  std::int64_t Member(const std::string& name, std::int64_t branch) {
    MemberRecord m;
    m.name = name;
    m.gender = "female";
    m.branch_id = branch;
    m.status = "full";
    auto id = db().org().InsertMember(m);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : 0;
  }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
};

}  // namespace procura
