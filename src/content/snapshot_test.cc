// Issue 12: the snapshot follows the change log incrementally. These tests
// hold the incremental path to the one that loads everything: after any
// sequence of changes, Apply must give what Load gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "content/article_list.h"
#include "content/snapshot.h"

namespace procura {
namespace {

ArticlePtr Art(std::int64_t id, UnixSeconds published) {
  auto a = std::make_shared<ArticleRecord>();
  a->id = id;
  a->published_at = published;
  return a;
}

std::vector<std::int64_t> Ids(const ArticleList& list) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(list[i]->id);
  return out;
}

TEST(ArticleList, KeepsOrderAcrossChunkSplitsAndCopiesStayUnchanged) {
  std::mt19937 rng(12);
  ArticleList list;
  std::vector<ArticlePtr> model;  // the same articles in a plain sorted vector
  auto sorted_ids = [&] {
    std::sort(model.begin(), model.end(),
              [](const ArticlePtr& a, const ArticlePtr& b) { return ListedBefore(*a, *b); });
    std::vector<std::int64_t> ids;
    for (const auto& a : model) ids.push_back(a->id);
    return ids;
  };
  for (std::int64_t id = 1; id <= 3000; ++id) {  // several chunks, times repeating
    auto a = Art(id, static_cast<UnixSeconds>(rng() % 500));
    list.Insert(a);
    model.push_back(a);
  }
  ASSERT_EQ(Ids(list), sorted_ids());
  const ArticleList before = list;  // a reader's view
  const auto before_ids = Ids(before);
  for (int i = 0; i < 1500; ++i) {  // erase half, at random
    const std::size_t at = rng() % model.size();
    ASSERT_TRUE(list.Erase(*model[at]));
    model.erase(model.begin() + static_cast<std::ptrdiff_t>(at));
  }
  EXPECT_FALSE(list.Erase(*Art(99999, 1))) << "not listed";
  EXPECT_EQ(Ids(list), sorted_ids());
  EXPECT_EQ(Ids(before), before_ids) << "changing a list never changes a copy of it";
  for (std::size_t i = 0; i < list.size(); i += 97) EXPECT_EQ(list.IndexOf(*list[i]), i);
  EXPECT_FALSE(list.IndexOf(*Art(99999, 1)));
  // Walked oldest first: the same articles, back to front.
  std::vector<std::int64_t> walked;
  for (ArticleList::OldestFirst it(list); it.get(); it.Next()) walked.push_back(it.get()->id);
  std::vector<std::int64_t> reversed = Ids(list);
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(walked, reversed);
  EXPECT_EQ(ArticleList::OldestFirst(ArticleList{}).get(), nullptr);
}

TEST(ArticleIndex, FindsPutsAndErasesAcrossBuckets) {
  ArticleIndex index;
  for (std::int64_t id : {1, 1023, 1024, 5000, 70000}) index.Put({Art(id, id), {id}});
  EXPECT_EQ(index.size(), 5u);
  const ArticleIndex copy = index;
  index.Erase(1024);
  index.Put({Art(5000, 1), {}});  // replaces
  EXPECT_EQ(index.size(), 4u);
  EXPECT_EQ(index.Find(1024), nullptr);
  EXPECT_EQ(index.Find(5000)->article->published_at, 1);
  EXPECT_NE(copy.Find(1024), nullptr) << "the copy is untouched";
  EXPECT_EQ(copy.Find(5000)->article->published_at, 5000);
  EXPECT_EQ(index.Find(-1), nullptr);
  EXPECT_EQ(index.Find(1 << 30), nullptr);
}

class IncrementalSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("procura-snapshot-test-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    SiteRecord site;
    site.name = "Site";
    ASSERT_TRUE(storage_->content().PutSite(site).ok());
    for (const char* slug : {"a", "b", "c"}) {
      ColumnRecord c;
      c.slug = slug;
      c.name = slug;
      columns_.push_back(*storage_->content().InsertColumn(c));
    }
    MediaRecord m;
    m.kind = "document";
    m.stored_name = "doc.pdf";
    document_ = *storage_->content().InsertMedia(m);
  }
  void TearDown() override {
    storage_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Log(const char* kind, std::int64_t id, std::vector<std::int64_t> columns = {}) {
    ASSERT_TRUE(storage_->changes().Append({0, kind, id, std::move(columns), 0}).ok());
  }
  // Everything a page can ask a snapshot, as text.
  static std::string Describe(const SiteSnapshot& s, const std::vector<std::int64_t>& columns,
                              std::int64_t max_id) {
    std::string out = "seq " + std::to_string(s.seq()) + " all";
    for (auto id : Ids(s.ArticlesInLanguage("zh-CN"))) out += " " + std::to_string(id);
    out += " count " + std::to_string(s.ArticleCount());
    for (auto c : columns) {
      out += "\ncolumn " + std::to_string(c) + (s.ColumnById(c) ? "" : " hidden") + ":";
      for (auto id : Ids(s.ArticlesIn(c))) out += " " + std::to_string(id);
    }
    for (std::int64_t id = 1; id <= max_id; ++id) {
      if (!s.ArticleById(id)) continue;
      auto [older, newer] = s.Neighbors(id);
      out += "\n" + std::to_string(id) + " older " + std::to_string(older ? older->id : 0) +
             " newer " + std::to_string(newer ? newer->id : 0) + " attachments " +
             std::to_string(s.AttachmentsOf(id).size()) + " title " + s.ArticleById(id)->title;
    }
    return out;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Storage> storage_;
  std::vector<std::int64_t> columns_;
  std::int64_t document_ = 0;
};

// Random publications, withdrawals, edits, moves, attachments and column
// hiding, each logged; after every step the incremental snapshot must
// describe exactly what a full load describes.
TEST_F(IncrementalSnapshotTest, ApplyingTheLogGivesWhatAFullLoadGives) {
  std::mt19937 rng(7);
  auto start = SiteSnapshot::Load(storage_->content(), 0);
  ASSERT_TRUE(start.ok());
  std::shared_ptr<const SiteSnapshot> snap = *start;
  std::vector<std::int64_t> ids;
  std::shared_ptr<const SiteSnapshot> held;  // a reader's view, kept across later changes
  std::string held_description;
  for (int step = 0; step < 300; ++step) {
    const int op = static_cast<int>(rng() % 6);
    if (op == 0 || ids.empty()) {  // a new article, published or not
      ArticleRecord a;
      a.column_id = columns_[rng() % 3];
      a.title = "new";
      a.status = rng() % 4 ? kStatusPublished : kStatusDraft;
      a.published_at = static_cast<UnixSeconds>(rng() % 50);  // many ties
      ids.push_back(*storage_->content().InsertArticle(a));
      Log("article", ids.back(), {a.column_id});
    } else if (op == 5) {  // hide or show a column
      auto cols = *storage_->content().ListColumns();
      ColumnRecord c = cols[rng() % cols.size()];
      c.hidden = !c.hidden;
      ASSERT_TRUE(storage_->articles().UpdateColumn(c).ok());
      Log("column", c.id);
    } else {
      ArticleRecord a = **storage_->content().GetArticle(ids[rng() % ids.size()]);
      const std::int64_t old_column = a.column_id;
      if (op == 1) a.status = a.status == kStatusPublished ? kStatusWithdrawn : kStatusPublished;
      if (op == 2) a.column_id = columns_[rng() % 3];
      if (op == 3) a.title = "edited " + std::to_string(step);
      if (op == 4) {
        ASSERT_TRUE(storage_->content().AddAttachment({a.id, document_, 0, ""}).ok());
      }
      if (op != 4) {
        ASSERT_TRUE(storage_->articles().UpdateArticle(a).ok());
      }
      Log("article", a.id, {old_column, a.column_id});
    }
    auto changes = storage_->changes().Since(snap->seq(), 1000);
    ASSERT_TRUE(changes.ok());
    auto next = snap->Apply(*changes, storage_->content());
    ASSERT_TRUE(next.ok()) << next.status().message();
    snap = *next;
    auto full = SiteSnapshot::Load(storage_->content(), snap->seq());
    ASSERT_TRUE(full.ok());
    ASSERT_EQ(Describe(*snap, columns_, 400), Describe(**full, columns_, 400)) << "step " << step;
    if (step == 150) {
      held = snap;
      held_description = Describe(*held, columns_, 400);
    }
  }
  EXPECT_EQ(Describe(*held, columns_, 400), held_description)
      << "150 later changes left the snapshot a reader held as it was";
}

}  // namespace
}  // namespace procura
