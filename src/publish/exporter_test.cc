// The incremental export's dependency rules, on a real SQLite file: what a
// change rebuilds, counted (the integration tests check the files).
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <optional>
#include <random>

#include "content/content_service.h"
#include "content/markdown.h"
#include "core/clock.h"
#include "publish/exporter.h"
#include "publish/push_command.h"
#include "storage/sqlite/sqlite_db.h"
#include "render/assets.h"
#include "render/templates.h"

namespace procura::publish {
namespace {
namespace fs = std::filesystem;

class ExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-exporter-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "data");
    auto storage = OpenSqliteStorage(dir_ / "data");
    ASSERT_TRUE(storage.ok()) << storage.status().message();
    storage_ = std::move(storage).value();
    SiteRecord site;  // English first: the Chinese articles live under /zh/
    site.name = "procura";
    site.lang = "en";
    ASSERT_TRUE(storage_->content().PutSite(site).ok());
    ColumnRecord c;
    c.slug = "news";
    c.name = "新闻";
    column_ = *storage_->content().InsertColumn(c);
    templates_ = std::make_unique<TemplateSet>(
        std::move(TemplateSet::Load(fs::path(PROCURA_SOURCE_DIR) / "templates")).value());
    assets_ = std::make_unique<AssetTable>(
        std::move(AssetTable::Load(fs::path(PROCURA_SOURCE_DIR) / "static")).value());
  }
  void TearDown() override {
    exporter_.reset();
    content_.reset();
    storage_.reset();
    fs::remove_all(dir_);
  }
  // Article `i` of the column, published i minutes after a fixed time; in
  // English as the translation of `original`, if given.
  std::int64_t Publish(int i, std::optional<std::int64_t> original = std::nullopt) {
    ArticleRecord a;
    if (original) {
      a.lang = "en";
      a.translation_of = original;
    }
    a.column_id = column_;
    a.title = "第" + std::to_string(i) + "篇";
    a.body_md = "正文";
    a.body_html = RenderMarkdown(a.body_md).value();
    a.status = kStatusPublished;
    a.published_at = 1657728000 + i * 60;
    a.created_at = a.updated_at = *a.published_at;
    std::int64_t id = 0;
    EXPECT_TRUE(storage_->InTransaction([&](Storage& tx) -> Status {
      auto got = tx.content().InsertArticle(a);
      if (!got.ok()) return got.status();
      id = *got;
      return tx.changes().Append({0, "article", id, {column_}, NowUnix()}).status();
    }).ok());
    return id;
  }
  // Changes article `id` with `change`, as an editor's save does (row and
  // log together).
  void Edit(std::int64_t id, const std::function<void(ArticleRecord&)>& change) {
    ASSERT_TRUE(storage_->InTransaction([&](Storage& tx) -> Status {
      auto a = tx.content().GetArticle(id);
      if (!a.ok()) return a.status();
      ArticleRecord edited = **a;
      change(edited);
      PROCURA_RETURN_IF_ERROR(tx.articles().UpdateArticle(edited));
      return tx.changes().Append({0, "article", id, {column_}, NowUnix()}).status();
    }).ok());
  }
  void Retitle(std::int64_t id, const std::string& title) {
    Edit(id, [&](ArticleRecord& a) { a.title = title; });
  }
  // Options for an export into dir_/out with `threads` threads, no variants.
  ExportOptions Options(unsigned threads = 1) const {
    return {dir_ / "out", dir_ / "data" / "media", "", threads, false, false, {}};
  }
  // Loads the content and exports all of it into dir_/out: content_ and
  // exporter_ then follow the log (Follow).
  void ExportEverything() {
    content_ = std::make_unique<ContentService>(*storage_);
    ASSERT_TRUE(content_->Reload().ok());
    exporter_ = std::make_unique<Exporter>(RenderInputs{*content_, *templates_, *assets_, nullptr},
                                           Options());
    ASSERT_TRUE(exporter_->Open().ok());
    ASSERT_TRUE(exporter_->Full(content_->Snapshot()).ok());
  }
  ExportStats Follow() { return Follow(*content_, *exporter_); }
  // Applies what the log holds since the export's position.
  ExportStats Follow(ContentService& content, Exporter& exporter) {
    auto caught = content.CatchUp();
    EXPECT_TRUE(caught.ok());
    auto changes = storage_->changes().Since(exporter.seq(), 1000);
    EXPECT_TRUE(changes.ok());
    auto stats = exporter.Apply(*changes, content.Snapshot());
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return stats.ok() ? *stats : ExportStats{};
  }
  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<TemplateSet> templates_;
  std::unique_ptr<AssetTable> assets_;
  std::int64_t column_ = 0;
  std::unique_ptr<ContentService> content_;
  std::unique_ptr<Exporter> exporter_;
};

TEST_F(ExporterTest, AnEditOrAPublishRebuildsOnlyTheListPagesItChanges) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 100; ++i) ids.push_back(Publish(i));
  ExportEverything();
  // Archive pages from the oldest: 1 holds 0..19, 2 holds 20..39, up to 4
  // (60..79); the first page holds 80..99.
  const auto list_pages = [](const ExportStats& st) {
    std::vector<std::string> out;
    for (const auto& url : st.rebuilt)
      if (url.find("/columns/") != std::string::npos && !url.ends_with(".xml")) out.push_back(url);
    return out;
  };
  Retitle(ids[25], "第25篇（更新）");
  const auto edit = Follow();
  EXPECT_EQ(list_pages(edit), std::vector<std::string>{"/zh/columns/news/page/2/"});
  EXPECT_EQ(edit.written, 4u) << "the article, its two neighbours (their prev/next links), list page 2";
  EXPECT_TRUE(std::find(edit.rebuilt.begin(), edit.rebuilt.end(),
                        "/zh/articles/" + std::to_string(ids[25]) + "/") != edit.rebuilt.end());

  // A new article changes the first page and no archive page...
  for (int i = 100; i < 119; ++i) ids.push_back(Publish(i));
  EXPECT_EQ(list_pages(Follow()), std::vector<std::string>{"/zh/columns/news/"});
  // ...until the first page has 40: then 20 of them fill a new archive
  // page, and the pagers of the pages next to the newest end change.
  ids.push_back(Publish(119));
  EXPECT_EQ(list_pages(Follow()),
            (std::vector<std::string>{"/zh/columns/news/", "/zh/columns/news/page/2/",
                                      "/zh/columns/news/page/3/", "/zh/columns/news/page/4/",
                                      "/zh/columns/news/page/5/"}));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "zh/columns/news/page/5/index.html"));
  // An edit of the newest article: the first page only.
  Retitle(ids[119], "第119篇（更新）");
  EXPECT_EQ(list_pages(Follow()), std::vector<std::string>{"/zh/columns/news/"});
}

TEST_F(ExporterTest, AWithdrawalBelowFortyDeletesTheArchivePageThatNoLongerExists) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(Publish(i));  // archive page 1: 0..19
  ExportEverything();
  const fs::path archive = dir_ / "out" / FileFor("/zh/columns/news/page/1/");
  ASSERT_TRUE(fs::exists(archive));
  // The newest goes: 39 left, all on the first page. Page 1 lists none of
  // the changed articles, yet it is gone.
  Edit(ids[39], [](ArticleRecord& a) { a.status = kStatusWithdrawn; });
  const ExportStats st = Follow();
  EXPECT_FALSE(fs::exists(archive));
  EXPECT_EQ(st.deleted, 2u) << "the article's page and archive page 1";
}

TEST_F(ExporterTest, ThePushListNamesWhatWasWrittenAndDeletedAndNothingElse) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(Publish(i));
  ExportEverything();
  EXPECT_EQ(exporter_->TakeChangedUrls(), std::vector<std::string>{}) << "kept only when asked";
  exporter_->KeepChangedUrls();
  Retitle(ids[25], "第25篇（更新）");
  Edit(ids[39], [](ArticleRecord& a) { a.status = kStatusWithdrawn; });
  const ExportStats st = Follow();
  auto urls = exporter_->TakeChangedUrls();
  ASSERT_TRUE(urls.has_value());
  std::sort(urls->begin(), urls->end());
  urls->erase(std::unique(urls->begin(), urls->end()), urls->end());
  EXPECT_EQ(urls->size(), st.written + st.deleted) << "each written or deleted page, once";
  const auto has = [&](const std::string& url) { return std::count(urls->begin(), urls->end(), url) == 1; };
  EXPECT_TRUE(has("/zh/articles/" + std::to_string(ids[25]) + "/")) << "written";
  EXPECT_TRUE(has("/zh/articles/" + std::to_string(ids[39]) + "/")) << "deleted";
  EXPECT_TRUE(has("/zh/columns/news/page/1/")) << "the archive page that no longer exists";
  EXPECT_EQ(exporter_->TakeChangedUrls(), std::vector<std::string>{}) << "taken: forgotten";

  // The list for PROCURA_EXPORT_CHANGED: each file with its variants.
  const fs::path list = dir_ / "list";
  ASSERT_TRUE(WriteChangedList(list, {"/zh/columns/news/page/1/", "/media/a.jpg"}).ok());
  std::ifstream in(list);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text, "media/a.jpg\nmedia/a.jpg.br\nmedia/a.jpg.gz\nzh/columns/news/page/1/index.html\n"
                  "zh/columns/news/page/1/index.html.br\nzh/columns/news/page/1/index.html.gz\n");
  // With the export's directory: the directories a deletion emptied (and
  // the export removed) are listed too, so that the web server drops them.
  const fs::path root = dir_ / "root";
  fs::create_directories(root / "zh/columns/news");
  fs::create_directories(root / "media");
  ASSERT_TRUE(WriteChangedList(list, {"/zh/columns/news/page/1/", "/media/a.jpg", "/"}, root).ok());
  std::ifstream again(list);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(again)), {}),
            "index.html\nindex.html.br\nindex.html.gz\nmedia/a.jpg\nmedia/a.jpg.br\nmedia/a.jpg.gz\n"
            "zh/columns/news/page\nzh/columns/news/page/1\nzh/columns/news/page/1/index.html\n"
            "zh/columns/news/page/1/index.html.br\nzh/columns/news/page/1/index.html.gz\n");
}

TEST_F(ExporterTest, ARestartFindsThePagesInTheIndexAndWithoutItChecksEveryPage) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 50; ++i) ids.push_back(Publish(i));  // archive page 1: 0..19
  ContentService content(*storage_);
  ASSERT_TRUE(content.Reload().ok());
  const ExportOptions options = Options(2);
  std::int64_t seq = 0;
  std::size_t pages = 0;
  {
    Exporter first({content, *templates_, *assets_, nullptr}, options);
    ASSERT_TRUE(first.Open().ok());
    auto full = first.Full(content.Snapshot());
    ASSERT_TRUE(full.ok());
    seq = first.seq();
    pages = full->targets;
    EXPECT_EQ(full->built, pages);
  }
  // Another process: the pages an edit reaches come from the index on disk.
  Retitle(ids[5], "第5篇（更新）");
  {
    Exporter second({content, *templates_, *assets_, nullptr}, options);
    ASSERT_TRUE(second.Open().ok());
    EXPECT_EQ(second.seq(), seq);
    const ExportStats edit = Follow(content, second);
    EXPECT_EQ(edit.written, 4u);
    EXPECT_NE(std::find(edit.rebuilt.begin(), edit.rebuilt.end(), "/zh/columns/news/page/1/"),
              edit.rebuilt.end());
    EXPECT_EQ(edit.targets, pages) << "the page count is carried in the state";
  }
  // Without the index the files are not known page by page: a full check.
  fs::remove(dir_ / "out" / kPagesFile);
  Exporter third({content, *templates_, *assets_, nullptr}, options);
  ASSERT_TRUE(third.Open().ok());
  EXPECT_EQ(third.seq(), -1);
}

TEST_F(ExporterTest, AnIndexOfTheNewestFirstNumberingIsCheckedAgainAndItsStalePagesGo) {
  for (int i = 0; i < 45; ++i) Publish(i);
  ExportEverything();
  // An index as the version before (user_version 2) left it: list pages
  // numbered from the newest, so /page/2/ held the oldest five.
  const fs::path out = dir_ / "out";
  const fs::path stale = out / FileFor("/zh/columns/news/page/2/");
  fs::create_directories(stale.parent_path());
  std::ofstream(stale) << "the old page 2";
  {
    auto db = sqlite::Database::Open((out / kPagesFile).string());
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO pages (url, kind, lang, id, page, format, hash, deps, run) "
                            "SELECT '/zh/columns/news/page/2/', kind, lang, id, 2, format, 1, deps, run "
                            "FROM pages WHERE url = '/zh/columns/news/'; PRAGMA user_version = 2")
                    .ok());
  }
  ContentService content(*storage_);
  ASSERT_TRUE(content.Reload().ok());
  Exporter again({content, *templates_, *assets_, nullptr}, Options());
  ASSERT_TRUE(again.Open().ok());
  EXPECT_EQ(again.seq(), -1) << "every page is checked again";
  auto full = again.Full(content.Snapshot());
  ASSERT_TRUE(full.ok()) << full.status().message();
  EXPECT_FALSE(fs::exists(stale)) << "a page the numbering no longer has is deleted";
  EXPECT_TRUE(fs::exists(out / FileFor("/zh/columns/news/page/1/")));
  Exporter reopened({content, *templates_, *assets_, nullptr}, Options());
  ASSERT_TRUE(reopened.Open().ok());
  EXPECT_NE(reopened.seq(), -1) << "the index is of this version now";
}

TEST_F(ExporterTest, AnArticleWhoseLanguageChangesMovesToItsNewAddress) {
  const std::int64_t id = Publish(1);
  Publish(2);
  ExportEverything();
  const fs::path out = dir_ / "out";
  const fs::path zh = out / FileFor("/zh/articles/" + std::to_string(id) + "/");
  const fs::path en = out / FileFor("/articles/" + std::to_string(id) + "/");
  ASSERT_TRUE(fs::exists(zh));
  Edit(id, [](ArticleRecord& a) { a.lang = "en"; });
  const ExportStats st = Follow();
  EXPECT_FALSE(fs::exists(zh)) << "the old address is not its page any more";
  EXPECT_TRUE(fs::exists(en));
  EXPECT_EQ(st.deleted, 1u);
}

TEST_F(ExporterTest, ATranslationsPublicationRebuildsTheOriginalWhichLinksToIt) {
  const std::int64_t original = Publish(1);
  Publish(2);
  ExportEverything();
  const fs::path out = dir_ / "out";
  const std::string page = "/zh/articles/" + std::to_string(original) + "/";
  const auto html = [&] {
    std::ifstream in(out / FileFor(page));
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string link = "/articles/" + std::to_string(Publish(3, original)) + "/\"";
  ASSERT_EQ(html().find(link), std::string::npos);

  // Only the English article's change is in the log; the Chinese page shows
  // a link to it all the same.
  const ExportStats st = Follow();
  EXPECT_NE(std::find(st.rebuilt.begin(), st.rebuilt.end(), page), st.rebuilt.end());
  EXPECT_NE(html().find(link), std::string::npos) << "the original links to its translation";

  // Withdrawn, the translation's file goes and the original loses the link.
  Edit(original + 2, [](ArticleRecord& a) { a.status = kStatusWithdrawn; });
  const ExportStats gone = Follow();
  EXPECT_EQ(gone.deleted, 1u);
  EXPECT_EQ(html().find(link), std::string::npos);
  EXPECT_FALSE(fs::exists(out / FileFor("/articles/" + std::to_string(original + 2) + "/")));
}

}  // namespace
}  // namespace procura::publish
