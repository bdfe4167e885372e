#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "content/content_service.h"
#include "content/markdown.h"

namespace procura {
namespace {

TEST(Markdown, RendersParagraphsEmphasisAndTables) {
  auto html = RenderMarkdown("Zhou Yong **stressed** that\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("<p>Zhou Yong <strong>stressed</strong> that</p>"), std::string::npos);
  EXPECT_NE(html->find("<table>"), std::string::npos);
}

TEST(Markdown, RendersChineseUnchanged) {
  auto html = RenderMarkdown("省检察院机关举办党支部书记培训班");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(*html, "<p>省检察院机关举办党支部书记培训班</p>\n");
}

TEST(Markdown, DropsRawHtmlAndDangerousLinks) {
  auto html = RenderMarkdown(
      "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>\n\n"
      "[click](javascript:alert(1)) [ok](https://example.org/)");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->find("<script"), std::string::npos);
  EXPECT_EQ(html->find("onerror"), std::string::npos);
  EXPECT_EQ(html->find("javascript:"), std::string::npos);
  EXPECT_NE(html->find("href=\"https://example.org/\""), std::string::npos);
}

TEST(Markdown, EscapesTextSpecials) {
  auto html = RenderMarkdown("a < b & \"c\"");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("a &lt; b &amp; &quot;c&quot;"), std::string::npos);
}

TEST(Markdown, RejectsOversizeAndInvalidUtf8) {
  std::string big(kMaxMarkdownBytes + 1, 'a');
  auto r = RenderMarkdown(big);
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("KiB"), std::string::npos);
  EXPECT_FALSE(RenderMarkdown("bad \xff byte").ok());
  EXPECT_TRUE(RenderMarkdown(std::string(kMaxMarkdownBytes, 'a')).ok());
}

// Inputs of the shapes behind cmark's published quadratic-time bugs, at the
// size cap: they must finish (the fuzz target explores the rest).
TEST(Markdown, PathologicalInputsAtTheCapComplete) {
  const size_t n = kMaxMarkdownBytes / 4;
  std::string nested_brackets(n, '[');
  std::string emphasis;
  while (emphasis.size() + 4 < kMaxMarkdownBytes) emphasis += "*a _";
  std::string tables = "| a |\n|---|\n";
  while (tables.size() + 6 < kMaxMarkdownBytes) tables += "| x |\n";
  std::string backticks;
  while (backticks.size() + 3 < kMaxMarkdownBytes) backticks += "`a`";
  for (const std::string* s : {&nested_brackets, &emphasis, &tables, &backticks}) {
    EXPECT_TRUE(RenderMarkdown(*s).ok());
  }
}

TEST(Markdown, ExcerptIsPlainTextCutAtCharacters) {
  EXPECT_EQ(MarkdownExcerpt("**培训**班\n\n第二段", 100), "培训班 第二段");
  EXPECT_EQ(MarkdownExcerpt("省检察院机关举办党支部书记培训班", 4), "省检察院…");
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("procura-content-test-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    SiteRecord site;
    site.name = "Site";
    ASSERT_TRUE(storage_->content().PutSite(site).ok());
    ColumnRecord c;
    c.slug = "news";
    c.name = "News";
    column_ = *storage_->content().InsertColumn(c);
    c.slug = "secret";
    c.hidden = true;
    hidden_ = *storage_->content().InsertColumn(c);
  }
  void TearDown() override {
    storage_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::int64_t Add(std::int64_t col, UnixSeconds when, const char* status = kStatusPublished) {
    ArticleRecord a;
    a.column_id = col;
    a.title = "t" + std::to_string(when);
    a.status = status;
    if (std::string(status) == kStatusPublished) a.published_at = when;
    return *storage_->content().InsertArticle(a);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Storage> storage_;
  std::int64_t column_ = 0, hidden_ = 0;
};

TEST_F(SnapshotTest, ListsPublishedNewestFirstWithNeighbours) {
  const auto a = Add(column_, 100), b = Add(column_, 300), c = Add(column_, 200);
  Add(column_, 400, kStatusDraft);
  Add(hidden_, 500);
  auto snap = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(snap.ok());
  auto list = (*snap)->ArticlesIn(column_);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]->id, b);
  EXPECT_EQ(list[1]->id, c);
  EXPECT_EQ(list[2]->id, a);
  auto [older, newer] = (*snap)->Neighbors(c);
  EXPECT_EQ(older->id, a);
  EXPECT_EQ(newer->id, b);
  EXPECT_EQ((*snap)->ColumnBySlug("secret"), nullptr);  // hidden
  EXPECT_EQ((*snap)->articles().size(), 3u);
}

TEST_F(SnapshotTest, ServiceReloadsOnEvent) {
  ContentService svc(*storage_);
  EventBus bus;
  svc.SubscribeTo(bus);
  ASSERT_TRUE(svc.Reload().ok());
  EXPECT_TRUE(svc.Snapshot()->articles().empty());
  const auto id = Add(column_, 100);
  EXPECT_TRUE(svc.Snapshot()->articles().empty());  // until told
  bus.Publish({"article", id, {column_}});
  EXPECT_EQ(svc.Snapshot()->articles().size(), 1u);
  auto draft = Add(column_, 0, kStatusDraft);
  EXPECT_FALSE(svc.PublishedArticle(draft)->has_value());
  EXPECT_TRUE(svc.PublishedArticle(id)->has_value());
}

}  // namespace
}  // namespace procura
