// Runs against a real SQLite file in a fresh temporary directory. The
// PostgreSQL backend (a later issue) will run this same suite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "storage/migrations.h"
#include "storage/storage.h"

namespace procura {
namespace {

namespace fs = std::filesystem;

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("procura-storage-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Storage> OpenOrDie() {
    auto s = OpenSqliteStorage(dir_);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static ColumnRecord Column(std::string slug) {
    ColumnRecord c;
    c.slug = slug;
    c.name = "Column " + slug;
    return c;
  }

  fs::path dir_;
};

TEST_F(StorageTest, FreshDatabaseIsMigratedAndEmpty) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->SchemaVersion(), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 1);
  auto empty = s->content().IsEmpty();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(*empty);
  EXPECT_TRUE(s->Ping().ok());
  EXPECT_EQ(s->content().GetSite().status().code(), Status::Code::kNotFound);
}

TEST_F(StorageTest, UsesWalModeAndForeignKeys) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s->content().InsertColumn(Column("a")).ok());
  EXPECT_TRUE(fs::exists(dir_ / "procura.db-wal"));
  ArticleRecord a;
  a.column_id = 999;  // no such column
  a.title = "orphan";
  EXPECT_EQ(s->content().InsertArticle(a).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(StorageTest, DataSurvivesReopen) {
  {
    auto s = OpenOrDie();
    SiteRecord site;
    site.name = "Provincial People's Procuratorate";
    ASSERT_TRUE(s->content().PutSite(site).ok());
    auto col = s->content().InsertColumn(Column("highlights"));
    ASSERT_TRUE(col.ok());
    ArticleRecord a;
    a.column_id = *col;
    a.title = "培训班";
    a.status = kStatusPublished;
    a.published_at = 1657728000;
    a.body_md = "body";
    ASSERT_TRUE(s->content().InsertArticle(a).ok());
  }
  auto s = OpenOrDie();
  EXPECT_EQ(s->content().GetSite()->name, "Provincial People's Procuratorate");
  auto list = s->content().ListPublishedSummaries();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].title, "培训班");
  EXPECT_TRUE((*list)[0].body_md.empty());  // summaries carry no body
  auto full = s->content().GetArticle((*list)[0].id);
  ASSERT_TRUE(full.ok() && full->has_value());
  EXPECT_EQ((*full)->body_md, "body");
  EXPECT_EQ((*full)->published_at, 1657728000);
}

TEST_F(StorageTest, PublishedArticleNeedsADate) {
  auto s = OpenOrDie();
  auto col = s->content().InsertColumn(Column("a"));
  ArticleRecord a;
  a.column_id = *col;
  a.title = "t";
  a.status = kStatusPublished;  // but no published_at
  EXPECT_FALSE(s->content().InsertArticle(a).ok());
}

TEST_F(StorageTest, DuplicateSlugIsAlreadyExists) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s->content().InsertColumn(Column("notices")).ok());
  EXPECT_EQ(s->content().InsertColumn(Column("notices")).status().code(),
            Status::Code::kAlreadyExists);
}

TEST_F(StorageTest, FailedTransactionRollsBack) {
  auto s = OpenOrDie();
  Status st = s->InTransaction([&](Storage& tx) {
    PROCURA_RETURN_IF_ERROR(tx.content().InsertColumn(Column("x")).status());
    return Status::Invalid("stop here");
  });
  EXPECT_EQ(st.message(), "stop here");
  EXPECT_TRUE(s->content().ListColumns()->empty());
}

TEST_F(StorageTest, NestedTransactionsJoinTheOuterOne) {
  auto s = OpenOrDie();
  Status st = s->InTransaction([&](Storage& tx) {
    PROCURA_RETURN_IF_ERROR(tx.content().InsertColumn(Column("outer")).status());
    PROCURA_RETURN_IF_ERROR(
        tx.InTransaction([&](Storage& in) { return in.content().InsertColumn(Column("inner")).status(); }));
    return Status::Invalid("undo both");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(s->content().ListColumns()->empty());
  ASSERT_TRUE(s->InTransaction([&](Storage& tx) {
                 return tx.InTransaction(
                     [&](Storage& in) { return in.content().InsertColumn(Column("kept")).status(); });
               }).ok());
  EXPECT_EQ(s->content().ListColumns()->size(), 1u);
}

TEST_F(StorageTest, CorruptFileIsRefusedAndLeftUntouched) {
  const std::string junk(8192, 'x');
  std::ofstream(dir_ / "procura.db", std::ios::binary) << junk;
  auto s = OpenSqliteStorage(dir_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kCorruption);
  EXPECT_NE(s.status().message().find("not a readable procura database"), std::string::npos);
  EXPECT_EQ(ReadFile(dir_ / "procura.db"), junk);
}

TEST_F(StorageTest, NewerSchemaIsRefusedAndLeftUntouched) {
  { auto s = OpenOrDie(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &db), SQLITE_OK);
  const std::string bump = "PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1);
  ASSERT_EQ(sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = ReadFile(dir_ / "procura.db");
  auto s = OpenSqliteStorage(dir_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kVersion);
  EXPECT_NE(s.status().message().find("newer procura"), std::string::npos);
  EXPECT_EQ(ReadFile(dir_ / "procura.db"), before);
}

// Migration 42: a site that has articles but no stored settings was served
// English first; it keeps that. An empty one takes a new site's language.
// The database is made at version 41 from the embedded migrations
// themselves, so a later migration needs nothing here.
TEST_F(StorageTest, ASiteWithArticlesButNoSettingsKeepsEnglishAfterTheUpgrade) {
  for (const bool with_article : {true, false}) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &db), SQLITE_OK);
    for (const Migration& m : EmbeddedMigrations()) {
      if (m.version > 41) break;
      ASSERT_EQ(sqlite3_exec(db, m.sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
          << m.name << ": " << sqlite3_errmsg(db);
    }
    std::string rows = "INSERT INTO columns (slug, name) VALUES ('news', 'news'); ";
    if (with_article)
      rows += "INSERT INTO articles (column_id, title, status, created_at, updated_at) "
              "VALUES (1, '草稿', 'draft', 1700000000, 1700000000); ";
    rows += "PRAGMA user_version = 41";
    ASSERT_EQ(sqlite3_exec(db, rows.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
    auto s = OpenOrDie();
    ASSERT_TRUE(s);
    auto site = s->content().GetSite();
    if (with_article) {
      ASSERT_TRUE(site.ok()) << site.status().message();
      EXPECT_EQ(site->lang, "en");
      EXPECT_EQ(site->name, "procura");
      EXPECT_EQ(site->utc_offset_minutes, 480);
    } else {
      EXPECT_EQ(site.status().code(), Status::Code::kNotFound) << "nothing stored for an empty site";
    }
  }
}

}  // namespace
}  // namespace procura

namespace procura {
namespace {

// The storage contract (issue 12): a throw inside InTransaction rolls back
// and leaves the database usable; multi-statement methods are atomic.
TEST_F(StorageTest, AThrowInsideATransactionRollsBackAndTheNextCommits) {
  auto s = OpenOrDie();
  ColumnRecord c;
  c.slug = "thrown";
  c.name = "Thrown";
  EXPECT_THROW((void)s->InTransaction([&](Storage& tx) -> Status {
                 EXPECT_TRUE(tx.content().InsertColumn(c).ok());
                 return tx.InTransaction([&](Storage&) -> Status { throw std::runtime_error("boom"); });
               }),
               std::runtime_error);
  EXPECT_TRUE(s->content().ListColumns()->empty()) << "rolled back";
  c.slug = "kept";
  ASSERT_TRUE(s->InTransaction([&](Storage& tx) -> Status { return tx.content().InsertColumn(c).status(); })
                  .ok())
      << "no transaction was left open";
  ASSERT_EQ(s->content().ListColumns()->size(), 1u);
  // A second handle sees the commit: it is on disk, not pending.
  auto other = OpenOrDie();
  EXPECT_EQ(other->content().ListColumns()->size(), 1u);
}

TEST_F(StorageTest, AUserAndTheirRolesAreInsertedTogetherOrNotAtAll) {
  auto s = OpenOrDie();
  UserRecord u;
  u.name = "half";
  u.password_hash = "$argon2id$x";
  u.roles = {"editor", "no-such-role"};  // the second violates the CHECK
  EXPECT_FALSE(s->users().InsertUser(u).ok());
  EXPECT_FALSE(s->users().FindUserByName("half")->has_value()) << "no user without their roles";
  u.roles = {"editor"};
  auto id = s->users().InsertUser(u);
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(s->users().SetRoles(*id, {"reviewer", "bogus"}).ok());
  EXPECT_EQ((*s->users().FindUserByName("half"))->roles, std::vector<std::string>{"editor"})
      << "the old roles stay when the new set fails";
}

}  // namespace
}  // namespace procura
