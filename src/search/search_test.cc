// The full build on real SQLite and Xapian files: several shards merged
// into one database that keeps the articles' ids, skipping unpublished
// ones; Rebuild replacing an existing index under open readers; searches
// running side by side while the writer applies changes; counts marked as
// estimates.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "content/markdown.h"
#include "search/index_builder.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace procura::search {
namespace {

namespace fs = std::filesystem;

class SearchBuildTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("procura-search-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    ColumnRecord col;
    col.slug = "work";
    col.name = "Work";
    column_ = *storage_->content().InsertColumn(col);
  }
  void TearDown() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  // Article `n`: published unless `draft`; its body names it ("article7").
  std::int64_t Add(int n, bool draft = false) {
    ArticleRecord a;
    a.column_id = column_;
    a.title = "Training report " + std::to_string(n);
    a.body_md = "培训 article" + std::to_string(n) + " of the branch.";
    a.body_html = RenderMarkdown(a.body_md).value();
    a.status = draft ? kStatusDraft : kStatusPublished;
    if (!draft) a.published_at = 1600000000 + n;
    a.created_at = a.updated_at = 1600000000;
    return *storage_->content().InsertArticle(a);
  }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::int64_t column_ = 0;
};

TEST_F(SearchBuildTest, ShardsMergeIntoOneDatabaseKeepingIds) {
  std::vector<std::int64_t> ids;
  for (int n = 1; n <= 11; ++n) ids.push_back(Add(n, /*draft=*/n % 4 == 0));
  std::size_t last_done = 0, last_total = 0;
  BuildOptions options;
  options.workers = 2;
  options.shard_size = 3;  // four shards
  options.flush_every = 2;
  ASSERT_TRUE(BuildIndex(storage_->content(), ids, dir_ / "built", options,
                         [&](std::size_t d, std::size_t t) { last_done = d, last_total = t; })
                  .ok());
  EXPECT_EQ(last_done, ids.size());
  EXPECT_EQ(last_total, ids.size());
  EXPECT_FALSE(fs::exists(dir_ / "built.shards"));
  Xapian::Database db((dir_ / "built").string());
  EXPECT_EQ(db.get_doccount(), 9u);  // 11 minus the drafts 4 and 8
  for (int n = 1; n <= 11; ++n) {
    const std::string term = "article" + std::to_string(n);
    if (n % 4 == 0) {
      EXPECT_EQ(db.get_termfreq(term), 0u) << term;
      continue;
    }
    Xapian::PostingIterator p = db.postlist_begin(term);
    ASSERT_NE(p, db.postlist_end(term)) << term;
    EXPECT_EQ(*p, static_cast<Xapian::docid>(ids[n - 1])) << term;
  }
  EXPECT_EQ(db.get_spelling_suggestion("trainimg"), "training");  // titles feed spelling
}

TEST_F(SearchBuildTest, RebuildReplacesTheIndexUnderOpenReaders) {
  for (int n = 1; n <= 3; ++n) Add(n);
  SearchIndex index(*storage_, dir_ / "search");
  ASSERT_TRUE(index.Rebuild().ok());
  SearchQuery q;
  q.text = "article2";
  ASSERT_EQ(index.Search(q)->hits.size(), 1u);  // leaves a reader in the pool
  Add(4);
  ASSERT_TRUE(index.Rebuild().ok());
  q.text = "article4";
  auto r = index.Search(q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->hits.size(), 1u);
  EXPECT_FALSE(fs::exists(dir_ / "search.new"));
}

TEST_F(SearchBuildTest, SearchesRunSideBySideWhileChangesAreApplied) {
  for (int n = 1; n <= 8; ++n) Add(n);
  SearchIndex index(*storage_, dir_ / "search");
  ASSERT_TRUE(index.Rebuild().ok());
  std::atomic<bool> stop{false};
  std::atomic<int> searches{0}, wrong{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      for (int i = 0; !stop || i < 50; ++i) {
        SearchQuery q;
        q.text = "article" + std::to_string(1 + (r + i) % 8);  // always indexed
        auto result = index.Search(q);
        if (!result.ok() || result->hits.size() != 1 ||
            result->hits[0].snippet_html.find("<mark>") == std::string::npos)
          ++wrong;
        ++searches;
      }
    });
  }
  std::vector<std::int64_t> added;
  for (int n = 9; n <= 28; ++n) {  // the writer: one change, one Sync, at a time
    added.push_back(Add(n));
    ASSERT_TRUE(storage_->changes().Append({0, "article", added.back(), {}, 1600000000 + n}).ok());
    ASSERT_TRUE(index.Sync().ok());
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(wrong, 0) << "of " << searches << " searches";
  for (int n = 9; n <= 28; ++n) {
    SearchQuery q;
    q.text = "article" + std::to_string(n);
    auto r = index.Search(q);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->hits.size(), 1u) << q.text;
    EXPECT_EQ(r->hits[0].article_id, added[n - 9]);
  }
}

TEST_F(SearchBuildTest, CountsPastXapiansCheckedMatchesAreMarkedAsEstimates) {
  ASSERT_TRUE(storage_
                  ->InTransaction([&](Storage& tx) {
                    for (int n = 1; n <= 3000; ++n) {
                      ArticleRecord a;  // alpha in 2/3 of them, beta in 4/5
                      a.column_id = column_;
                      a.title = "Report " + std::to_string(n);
                      a.body_md = std::string(n % 3 ? "alpha " : "") + (n % 5 ? "beta " : "") +
                                  "article" + std::to_string(n);
                      a.body_html = "<p>" + a.body_md + "</p>";
                      a.status = kStatusPublished;
                      a.published_at = a.created_at = a.updated_at = 1600000000 + n;
                      if (!tx.content().InsertArticle(a).ok()) return Status::Internal("");
                    }
                    return Status::Ok();
                  })
                  .ok());
  SearchIndex index(*storage_, dir_ / "search");
  ASSERT_TRUE(index.Rebuild().ok());
  SearchQuery q;
  q.text = "article7";
  auto one = index.Search(q);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->total, 1u);
  EXPECT_TRUE(one->total_is_exact);
  q.text = "article7 OR alpha OR beta";  // 2,800 articles; one weighs far more
  auto all = index.Search(q);
  ASSERT_TRUE(all.ok());
  EXPECT_FALSE(all->total_is_exact);  // Xapian stopped counting past ~1,000
  EXPECT_GE(all->total, 2400u);
  EXPECT_LE(all->total, 3000u);
}

}  // namespace
}  // namespace procura::search

namespace procura::search {
namespace {

// A Chinese input method in full-width mode (全角) types "２０２２" and
// "ＰＤＦ"; some texts are written that way too. Both sides meet as ASCII.
TEST_F(SearchBuildTest, FullWidthFormsFindTheirAsciiWordsBothWays) {
  ArticleRecord a;
  a.column_id = column_;
  a.title = "２０２２年度工作总结";
  a.body_md = "下载 PDF 文件（ＤＯＣ版另附），２０２２年版。";
  a.body_html = RenderMarkdown(a.body_md).value();
  a.status = kStatusPublished;
  a.published_at = a.created_at = a.updated_at = 1600000000;
  const auto id = *storage_->content().InsertArticle(a);
  SearchIndex index(*storage_, dir_ / "search");
  ASSERT_TRUE(index.Rebuild().ok());
  for (const char* words : {"2022", "２０２２", "ＰＤＦ", "pdf", "工作　总结"}) {
    SearchQuery q;
    q.text = words;
    auto r = index.Search(q);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->hits.size(), 1u) << words;
    EXPECT_EQ(r->hits[0].article_id, id);
  }
  // The snippet marks a full-width word the query found, and keeps the
  // Chinese punctuation around it.
  SearchQuery q;
  q.text = "doc";
  auto r = index.Search(q);
  ASSERT_TRUE(r.ok() && r->hits.size() == 1u);
  EXPECT_NE(r->hits[0].snippet_html.find("（<mark>DOC</mark>版另附），2022年版"), std::string::npos)
      << r->hits[0].snippet_html;
}

// An index made before full-width forms were indexed as ASCII (no format
// mark) is rebuilt when the server starts; a current one is kept.
TEST_F(SearchBuildTest, AnIndexOfAnOlderFormatIsRebuiltAtStart) {
  Add(1);
  {
    SearchIndex index(*storage_, dir_ / "search");
    ASSERT_TRUE(index.Rebuild().ok());
  }
  {
    Xapian::WritableDatabase db((dir_ / "search").string(), Xapian::DB_OPEN);
    db.set_metadata("procura:format", "");
    db.set_metadata("procura:marker", "old");
    db.commit();
  }
  {
    SearchIndex index(*storage_, dir_ / "search");
    index.StartBackground();
    index.JoinBackground();
    ASSERT_TRUE(index.ready());
  }
  {
    Xapian::Database db((dir_ / "search").string());
    EXPECT_EQ(db.get_metadata("procura:format"), "2");
    EXPECT_EQ(db.get_metadata("procura:marker"), "") << "a new index replaced the old";
    Xapian::WritableDatabase w((dir_ / "search").string(), Xapian::DB_OPEN);
    w.set_metadata("procura:marker", "current");
    w.commit();
  }
  {
    SearchIndex index(*storage_, dir_ / "search");
    index.StartBackground();
    index.JoinBackground();
  }
  Xapian::Database db((dir_ / "search").string());
  EXPECT_EQ(db.get_metadata("procura:marker"), "current") << "a current index is kept";
}

}  // namespace
}  // namespace procura::search
