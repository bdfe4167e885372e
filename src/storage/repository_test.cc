// One repository suite, run against every backend: SQLite in a temporary
// directory always, and PostgreSQL when PROCURA_TEST_PG_URL names a server
// (tests/pg/with-postgres.sh starts one; `make test` runs the suite both
// ways). Each test starts from an empty, migrated database.
#include <algorithm>
#include <thread>

#include "storage/repository_fixture.h"

namespace procura {
namespace {

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(RepositoryTest, AFreshDatabaseIsEmptyAndAlive) {
  EXPECT_TRUE(db().Ping().ok());
  auto empty = db().content().IsEmpty();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(*empty);
  EXPECT_EQ(db().content().GetSite().status().code(), Status::Code::kNotFound);
  auto gen = db().Generation();
  ASSERT_TRUE(gen.ok()) << gen.status().message();
  EXPECT_EQ(gen->size(), 32u);
  ASSERT_TRUE(db().NewGeneration().ok());
  EXPECT_NE(*db().Generation(), *gen);
}

TEST_P(RepositoryTest, SiteSettingsRoundTrip) {
  SiteRecord s;
  s.name = "省人民检察院";
  s.lang = "zh-CN";
  s.second_name = "Provincial Procuratorate";
  s.public_url = "https://www.example.gov.cn";
  s.show_byline_labels = true;
  s.robots_disallow = "/admin/\n/search";
  ASSERT_TRUE(db().content().PutSite(s).ok());
  s.tagline = "second write replaces";
  ASSERT_TRUE(db().content().PutSite(s).ok());
  auto got = db().content().GetSite();
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, s.name);
  EXPECT_EQ(got->tagline, s.tagline);
  EXPECT_EQ(got->second_name, s.second_name);
  EXPECT_EQ(got->public_url, s.public_url);
  EXPECT_TRUE(got->show_byline_labels);
  EXPECT_EQ(got->robots_disallow, s.robots_disallow);
  EXPECT_EQ(got->utc_offset_minutes, 480);
  EXPECT_FALSE(*db().content().IsEmpty());
}

TEST_P(RepositoryTest, ColumnsNestOrderAndRefuseDuplicateSlugs) {
  const auto news = Column("news");
  const auto sub = Column("sub", news);
  Column("about");
  EXPECT_EQ(db().content().InsertColumn({0, {}, "news", "again"}).status().code(),
            Status::Code::kAlreadyExists);
  ColumnRecord orphan;
  orphan.slug = "orphan";
  orphan.name = "x";
  orphan.parent_id = 9999;
  EXPECT_FALSE(db().content().InsertColumn(orphan).ok());
  auto cols = db().content().ListColumns();
  ASSERT_TRUE(cols.ok());
  ASSERT_EQ(cols->size(), 3u);
  EXPECT_EQ(cols->back().id, sub);  // children after the top level
  ColumnRecord c = cols->front();
  c.name = "新闻";
  c.four_eyes = false;
  c.second_name = "News";
  c.second_description = "News of the procuratorate.";
  ASSERT_TRUE(db().articles().UpdateColumn(c).ok());
  c.id = 9999;
  EXPECT_EQ(db().articles().UpdateColumn(c).code(), Status::Code::kNotFound);
  cols = db().content().ListColumns();
  EXPECT_EQ(cols->front().name, "新闻");
  EXPECT_EQ(cols->front().second_name, "News");
  EXPECT_EQ(cols->front().second_description, "News of the procuratorate.");
  EXPECT_FALSE(cols->front().four_eyes);
  ColumnRecord described;
  described.slug = "described";
  described.name = "说明";
  described.second_description = "Described.";
  ASSERT_TRUE(db().content().InsertColumn(described).ok());
  cols = db().content().ListColumns();
  auto it = std::find_if(cols->begin(), cols->end(), [](const ColumnRecord& x) { return x.slug == "described"; });
  ASSERT_NE(it, cols->end());
  EXPECT_EQ(it->second_description, "Described.");
}

TEST_P(RepositoryTest, ArticlesRoundTripAndListNewestFirst) {
  const auto col = Column("news");
  const auto a = Article(col, "较早", kStatusPublished, 100);
  const auto b = Article(col, "较新", kStatusPublished, 200);
  Article(col, "草稿");
  auto list = db().content().ListPublishedSummaries();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, b);
  EXPECT_EQ((*list)[1].id, a);
  EXPECT_TRUE((*list)[0].body_md.empty());
  auto one = db().content().GetArticle(a);
  ASSERT_TRUE(one.ok() && *one);
  EXPECT_EQ((*one)->body_md, "正文 较早");
  EXPECT_EQ((*one)->lang, "zh-CN");
  EXPECT_EQ((*one)->version, 1);
  EXPECT_FALSE(*db().content().GetArticle(424242));
  // A published article needs a time: the schema refuses one without.
  ArticleRecord bad;
  bad.column_id = col;
  bad.title = "x";
  bad.status = kStatusPublished;
  EXPECT_FALSE(db().content().InsertArticle(bad).ok());
}

TEST_P(RepositoryTest, TheSecondOfTwoSavesOfOneVersionIsAConflict) {
  const auto col = Column("news");
  const auto id = Article(col, "标题");
  auto first = **db().content().GetArticle(id);
  auto second = first;
  first.title = "第一次保存";
  ASSERT_TRUE(db().articles().UpdateArticle(first).ok());
  second.title = "第二次保存";
  EXPECT_EQ(db().articles().UpdateArticle(second).code(), Status::Code::kConflict);
  auto now = **db().content().GetArticle(id);
  EXPECT_EQ(now.title, "第一次保存");
  EXPECT_EQ(now.version, 2);
}

TEST_P(RepositoryTest, ArticleFiltersCountAndSearchText) {
  const auto news = Column("news");
  const auto other = Column("other");
  const auto editor = User("editor1");
  ArticleRecord a;
  a.column_id = news;
  a.title = "Branch Secretaries 100%_Trained";
  a.lang = "en";
  a.author = "王某";
  a.body_md = "党支部书记培训班";
  a.created_by = editor;
  a.created_at = 10;
  a.updated_at = 50;
  ASSERT_TRUE(db().content().InsertArticle(a).ok());
  Article(other, "别的");
  ArticleFilter f;
  f.title_contains = "secretaries 100%_";  // case-insensitive, wildcards literal
  EXPECT_EQ(*db().articles().CountArticles(f), 1);
  f.title_contains = "100%x";
  EXPECT_EQ(*db().articles().CountArticles(f), 0);
  f = {};
  f.title_contains = "书记培训";  // the body counts
  EXPECT_EQ(*db().articles().CountArticles(f), 1);
  f.title_contains = "王某";  // so does the author
  EXPECT_EQ(*db().articles().CountArticles(f), 1);
  f = {};
  f.column_id = other;
  EXPECT_EQ(*db().articles().CountArticles(f), 1);
  f = {};
  f.lang = "en";
  ASSERT_EQ(db().articles().ListArticles(f)->size(), 1u);
  EXPECT_EQ(db().articles().ListArticles(f)->front().title, a.title);
  f.lang = "zh-CN";
  EXPECT_EQ(db().articles().ListArticles(f)->front().title, "别的");
  EXPECT_EQ(*db().articles().CountArticles(f), 1);
  f = {};
  f.created_by = editor;
  f.updated_from = 40;
  f.updated_to = 60;
  auto rows = db().articles().ListArticles(f);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].author, "王某");
  f.updated_from = 51;
  EXPECT_EQ(*db().articles().CountArticles(f), 0);
  f = {};
  f.limit = 1;
  f.offset = 1;
  EXPECT_EQ(db().articles().ListArticles(f)->size(), 1u);
  f = {};
  f.pending_only = true;
  EXPECT_EQ(*db().articles().CountArticles(f), 0);
}

// A page and the total of every match (from a short page itself, else
// counted); a page past the end is empty and still carries the total.
TEST_P(RepositoryTest, FindArticlesGivesThePageAndTheTotal) {
  const auto news = Column("news");
  for (int i = 0; i < 5; ++i) Article(news, "培训 " + std::to_string(i));
  Article(news, "其他");
  ArticleFilter f;
  f.title_contains = "培训";
  f.limit = 2;
  auto page = db().articles().FindArticles(f);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].title, "培训 4") << "newest first";
  EXPECT_TRUE(page->items[0].body_md.empty()) << "no bodies";
  f.offset = 4;
  page = db().articles().FindArticles(f);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].title, "培训 0");
  EXPECT_EQ(page->total, 5);
  f.offset = 50;
  page = db().articles().FindArticles(f);
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->total, 5) << "past the end";
  f = {};
  f.limit = 50;
  EXPECT_EQ(db().articles().FindArticles(f)->total, 6);
  f.title_contains = "nothing like it";
  page = db().articles().FindArticles(f);
  EXPECT_EQ(page->total, 0);
  EXPECT_TRUE(page->items.empty());
}

TEST_P(RepositoryTest, RevisionsNumberPerArticle) {
  const auto col = Column("news");
  const auto id = Article(col, "标题");
  RevisionRecord r;
  r.article_id = id;
  r.column_id = col;
  r.title = "v1";
  r.saved_at = 1;
  r.body_html = "<p>1</p>";
  auto r1 = db().articles().InsertRevision(r);
  r.title = "v2";
  r.body_html.reset();
  auto r2 = db().articles().InsertRevision(r);
  ASSERT_TRUE(r1.ok() && r2.ok());
  auto list = db().articles().ListRevisions(id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  auto got = db().articles().GetRevision(*r2);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->number, 2);
  EXPECT_EQ((*got)->title, "v2");
  EXPECT_FALSE((*got)->body_html);
  auto first = db().articles().GetRevision(*r1);
  ASSERT_TRUE(first.ok() && *first && (*first)->body_html);
  EXPECT_EQ(*(*first)->body_html, "<p>1</p>");
  EXPECT_FALSE(*db().articles().GetRevision(999));
}

TEST_P(RepositoryTest, SchedulingAndRenderingQueues) {
  const auto col = Column("news");
  ArticleRecord a;
  a.column_id = col;
  a.title = "定时";
  a.status = kStatusScheduled;
  a.scheduled_at = 500;
  a.created_at = a.updated_at = 1;
  const auto id = *db().content().InsertArticle(a);
  a.scheduled_at = 900;
  ASSERT_TRUE(db().content().InsertArticle(a).ok());
  EXPECT_EQ(**db().articles().NextScheduled(), 500);
  auto due = db().articles().DueScheduled(600);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, id);
  auto unrendered = db().articles().ListUnrendered(0, 10);
  ASSERT_TRUE(unrendered.ok());
  EXPECT_EQ(unrendered->size(), 2u);
  ASSERT_TRUE(db().articles().StoreRendering(id, std::string("<p>x</p>"), "").ok());
  EXPECT_EQ(db().articles().ListUnrendered(0, 10)->size(), 1u);
  EXPECT_EQ(*(**db().content().GetArticle(id)).body_html, "<p>x</p>");
}

TEST_P(RepositoryTest, ARenderingIsReplacedOnlyWhileTheArticleIsUnchanged) {
  const auto col = Column("news");
  ArticleRecord a;
  a.column_id = col;
  a.title = "旧渲染";
  a.body_md = "第一段\n第二段";
  a.created_at = a.updated_at = 7;
  const auto id = *db().content().InsertArticle(a);
  a.title = "未渲染";
  ASSERT_TRUE(db().content().InsertArticle(a).ok());  // no rendering yet: the backfill's
  ASSERT_TRUE(db().articles().StoreRendering(id, std::string("<p>第一段\n第二段</p>"), "").ok());
  auto bodies = db().articles().ListRenderedBodies(0, 10);
  ASSERT_TRUE(bodies.ok()) << bodies.status().message();
  ASSERT_EQ(bodies->size(), 1u) << "only rendered bodies";
  const StoredBody b = bodies->front();
  EXPECT_EQ(b.id, id);
  EXPECT_EQ(b.column_id, col);
  EXPECT_EQ(b.title, "旧渲染");
  EXPECT_EQ(b.body_md, "第一段\n第二段");
  EXPECT_EQ(b.body_html, "<p>第一段\n第二段</p>");
  EXPECT_TRUE(db().articles().ListRenderedBodies(id, 10)->empty()) << "after the last id";
  EXPECT_FALSE(*db().articles().ReplaceRendering(id, b.version + 1, "<p>x</p>")) << "saved meanwhile";
  EXPECT_TRUE(*db().articles().ReplaceRendering(id, b.version, "<p>第一段</p>\n<p>第二段</p>"));
  const ArticleRecord after = **db().content().GetArticle(id);
  EXPECT_EQ(*after.body_html, "<p>第一段</p>\n<p>第二段</p>");
  EXPECT_EQ(after.version, b.version) << "not an edit";
  EXPECT_EQ(after.updated_at, 7);
}

TEST_P(RepositoryTest, RenderingRulesAreRecordedAndNeverLowered) {
  EXPECT_EQ(*db().articles().RenderingRules(), 0) << "never recorded";
  ASSERT_TRUE(db().articles().RecordRenderingRules(2).ok());
  EXPECT_EQ(*db().articles().RenderingRules(), 2);
  ASSERT_TRUE(db().articles().RecordRenderingRules(1).ok()) << "an older node's record";
  EXPECT_EQ(*db().articles().RenderingRules(), 2) << "is not lowered";
  ASSERT_TRUE(db().articles().RecordRenderingRules(10).ok());
  EXPECT_EQ(*db().articles().RenderingRules(), 10) << "compared as numbers, not text";
}

TEST_P(RepositoryTest, PinsAreSetWithoutAnEditAndFoundWhenDue) {
  const auto col = Column("news");
  const auto other = Column("other");
  ArticleRecord a;
  a.column_id = col;
  a.title = "置顶";
  a.status = kStatusPublished;
  a.published_at = 100;
  a.created_at = a.updated_at = 1;
  const auto pinned = *db().content().InsertArticle(a);
  const auto forever = *db().content().InsertArticle(a);
  a.column_id = other;
  ASSERT_TRUE(db().content().InsertArticle(a).ok());
  const auto version = (**db().content().GetArticle(pinned)).version;
  ASSERT_TRUE(db().articles().SetArticlePin(pinned, 500, 900).ok());
  ASSERT_TRUE(db().articles().SetArticlePin(forever, 600, std::nullopt).ok());
  EXPECT_EQ(db().articles().SetArticlePin(99999, 1, 2).code(), Status::Code::kNotFound);
  const ArticleRecord got = **db().content().GetArticle(pinned);
  EXPECT_EQ(got.pinned_at, 500);
  EXPECT_EQ(got.pinned_until, 900);
  EXPECT_EQ(got.version, version) << "a pin is not an edit";
  EXPECT_EQ(*db().articles().CountPinned(col, a.lang), 2);
  EXPECT_EQ(*db().articles().CountPinned(col, a.lang == "en" ? "zh-CN" : "en"), 0)
      << "counted per language";
  EXPECT_EQ(*db().articles().CountPinned(other, a.lang), 0);
  EXPECT_TRUE(db().articles().PinsDue(899)->empty());
  auto due = db().articles().PinsDue(900);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u) << "a pin without an end is never due";
  EXPECT_EQ((*due)[0].id, pinned);
  // The portal's summaries carry the pins.
  auto summaries = db().content().ListPublishedSummaries();
  ASSERT_TRUE(summaries.ok());
  int with_pins = 0;
  for (const auto& s : *summaries) with_pins += s.pinned_at.has_value();
  EXPECT_EQ(with_pins, 2);
  ASSERT_TRUE(db().articles().SetArticlePin(pinned, std::nullopt, 900).ok());
  EXPECT_FALSE((**db().content().GetArticle(pinned)).pinned_until) << "no end without a start";
  EXPECT_EQ(*db().articles().CountPinned(col, a.lang), 1);
}

TEST_P(RepositoryTest, TheAuditLogFiltersAndCannotBeRewritten) {
  for (int i = 0; i < 5; ++i) {
    AuditEntry e;
    e.at = 100 + i;
    e.actor_name = i % 2 ? "editor" : "admin";
    e.action = i < 3 ? "article.publish" : "article_x";
    e.object_type = "article";
    e.object_id = i;
    e.detail = "第" + std::to_string(i) + "次";
    ASSERT_TRUE(db().audit().Append(e).ok());
  }
  AuditFilter f;
  f.action = "article.";  // a prefix; the dot is not a wildcard
  EXPECT_EQ(db().audit().Query(f)->size(), 3u);
  f.action = "article_";  // nor is the underscore
  EXPECT_EQ(db().audit().Query(f)->size(), 2u);
  f = {};
  f.actor = "editor";
  EXPECT_EQ(db().audit().Query(f)->size(), 2u);
  f = {};
  f.object_type = "article";
  f.object_id = 2;
  auto one = db().audit().Query(f);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].detail, "第2次");
  f = {};
  f.from = 101;
  f.to = 103;
  f.limit = 2;
  auto page = db().audit().Query(f);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].at, 103);  // newest first
}

TEST_P(RepositoryTest, TheChangeLogNumbersInOrderAndSweeps) {
  auto s1 = db().changes().Append({0, "article", 7, {3, 5}, 100});
  auto s2 = db().changes().Append({0, "site", 1, {}, 200});
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(*s2, *s1 + 1);
  EXPECT_FALSE(db().changes().Append({0, "bogus", 1, {}, 1}).ok());
  EXPECT_EQ(*db().changes().Latest(), *s2);
  auto since = db().changes().Since(0, 10);
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 2u);
  EXPECT_EQ((*since)[0].column_ids, (std::vector<std::int64_t>{3, 5}));
  EXPECT_EQ(db().changes().Since(*s1, 10)->size(), 1u);
  EXPECT_EQ(*db().changes().Sweep(*s2, 150), 1);
  EXPECT_EQ(*db().changes().Latest(), *s2);  // the counter survives a sweep
}

TEST_P(RepositoryTest, TransactionsCommitOrRollBackWhole) {
  const auto col = Column("news");
  Status s = db().InTransaction([&](Storage& tx) -> Status {
    ArticleIn(tx, col, "回滚");
    return tx.InTransaction([](Storage&) { return Status::Invalid("nested failure"); });
  });
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(*db().articles().CountArticles({}), 0);
  ASSERT_TRUE(db().InTransaction([&](Storage& tx) -> Status {
                ArticleIn(tx, col, "提交");
                return tx.changes().Append({0, "article", 1, {}, 1}).status();
              }).ok());
  EXPECT_EQ(*db().articles().CountArticles({}), 1);
  EXPECT_THROW(db().InTransaction([&](Storage& tx) -> Status {
                 ArticleIn(tx, col, "异常");
                 throw std::runtime_error("boom");
               }),
               std::runtime_error);
  EXPECT_EQ(*db().articles().CountArticles({}), 1);
}

// The transaction context is the object InTransaction hands over, not the
// calling thread: work done through it on another thread joins the
// transaction (and is rolled back with it).
TEST_P(RepositoryTest, TheTransactionContextJoinsFromAnyThread) {
  const auto col = Column("news");
  Status s = db().InTransaction([&](Storage& tx) -> Status {
    std::int64_t id = 0;
    std::thread helper([&] { id = ArticleIn(tx, col, "别的线程"); });
    helper.join();
    EXPECT_GT(id, 0);
    auto seen = tx.content().GetArticle(id);  // the transaction sees its own write
    EXPECT_TRUE(seen.ok() && seen->has_value());
    return Status::Invalid("undo");
  });
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(*db().articles().CountArticles({}), 0) << "the helper thread's insert was rolled back";
}

// A statement issued on the outer storage while the same thread's
// transaction is open would run outside it on PostgreSQL (another pooled
// connection): it is refused there, loudly. SQLite's one connection joins.
TEST_P(RepositoryTest, TheOuterStorageIsNotASecondDoorIntoATransaction) {
  const auto col = Column("news");
  Status inner;
  Status s = db().InTransaction([&](Storage& tx) -> Status {
    ArticleIn(tx, col, "事务内");
    inner = db().articles().CountArticles({}).status();
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  if (GetParam() == "postgresql") {
    EXPECT_EQ(inner.code(), Status::Code::kInternal);
    EXPECT_NE(inner.message().find("transaction's context"), std::string::npos) << inner.message();
  } else {
    EXPECT_TRUE(inner.ok());
  }
  EXPECT_EQ(*db().articles().CountArticles({}), 1);
}

TEST_P(RepositoryTest, ConcurrentWritersAreSerialized) {
  const auto col = Column("news");
  const auto id = Article(col, "计数");
  // Each transaction reads the version and writes it back raised by one;
  // without serialization two would read the same version and one would
  // get a conflict.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        Status s = db().InTransaction([&](Storage& tx) -> Status {
          auto a = tx.content().GetArticle(id);
          if (!a.ok()) return a.status();
          ArticleRecord r = **a;
          r.title = "计数 " + std::to_string(r.version);
          return tx.articles().UpdateArticle(r);
        });
        if (!s.ok()) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ((**db().content().GetArticle(id)).version, 41);
}

}  // namespace
}  // namespace procura
