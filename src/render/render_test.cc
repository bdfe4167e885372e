#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <random>

#include "content/markdown.h"
#include "core/text.h"
#include "render/article_parts.h"
#include "render/page_cache.h"
#include "render/pagination.h"
#include "render/feeds.h"
#include "render/portal_pages.h"
#include "render/urls.h"

namespace procura {
namespace {

TEST(Pagination, ArchivePagesAreCountedFromTheOldest) {
  // Under 40 articles there is only the first page.
  EXPECT_EQ(ArchivePageCount(0), 0);
  EXPECT_EQ(ArchivePageCount(39), 0);
  auto only = PageOfList(39, 0);
  ASSERT_TRUE(only);
  EXPECT_EQ(only->count, 39u);
  EXPECT_FALSE(only->Older());
  EXPECT_FALSE(PageOfList(39, 1));
  EXPECT_FALSE(PageOfList(0, 1));
  EXPECT_TRUE(PageOfList(0, 0));
  EXPECT_FALSE(PageOfList(45, -1));
  // 45: the oldest 20 on archive page 1, the newest 25 on the first page.
  EXPECT_EQ(ArchivePageCount(45), 1);
  auto first = PageOfList(45, 0);
  EXPECT_EQ(first->offset, 0u);
  EXPECT_EQ(first->count, 25u);
  EXPECT_EQ(first->Older(), 1);
  EXPECT_FALSE(first->Newer());
  auto one = PageOfList(45, 1);
  EXPECT_EQ(one->offset, 25u);  // newest-first indices 25..44
  EXPECT_EQ(one->count, 20u);
  EXPECT_EQ(one->Newer(), 0);
  EXPECT_FALSE(one->Older());
  // 60 and 79 articles: two archive pages; 80: three, the first page 20.
  EXPECT_EQ(ArchivePageCount(60), 2);
  EXPECT_EQ(ArchivePageCount(79), 2);
  EXPECT_EQ(PageOfList(79, 0)->count, 39u);
  EXPECT_EQ(ArchivePageCount(80), 3);
  EXPECT_EQ(PageOfList(80, 0)->count, 20u);
}

TEST(Pagination, AnArchivePageKeepsItsArticlesAsTheListGrows) {
  // Items numbered from the oldest (0) in a newest-first list of n.
  const auto oldest_ordinals = [](std::size_t n, int archive) {
    auto p = PageOfList(n, archive);
    std::vector<std::size_t> out;
    for (std::size_t i = p->offset; i < p->offset + p->count; ++i) out.push_back(n - 1 - i);
    return out;
  };
  const auto at_60 = oldest_ordinals(60, 1);
  EXPECT_EQ(at_60.front(), 19u);
  EXPECT_EQ(at_60.back(), 0u);
  for (std::size_t n = 61; n < 500; ++n) {
    ASSERT_EQ(oldest_ordinals(n, 1), at_60) << n;
    ASSERT_EQ(oldest_ordinals(n, 2).back(), 20u) << n;
    // PageOfOrdinal agrees with the pages' contents.
    for (int page = 0; page <= ArchivePageCount(n); ++page)
      for (std::size_t o : oldest_ordinals(n, page)) ASSERT_EQ(PageOfOrdinal(o, n), page) << n;
  }
}

TEST(Pagination, LinksNewestFirstWithGaps) {
  const auto links = [](std::size_t n, int archive) {
    std::string s;
    for (const auto& l : PageOfList(n, archive)->Links())
      s += l.gap ? "… " : (l.archive ? std::to_string(l.archive) : "latest") + (l.current ? "* " : " ");
    return s;
  };
  EXPECT_EQ(links(220, 0), "latest* 10 9 … 1 ");  // 10 archive pages
  EXPECT_EQ(links(220, 5), "latest … 7 6 5* 4 3 … 1 ");
  EXPECT_EQ(links(220, 9), "latest 10 9* 8 7 … 1 ");
  EXPECT_EQ(links(220, 1), "latest … 3 2 1* ");
  EXPECT_EQ(links(60, 1), "latest 2 1* ");
  // Page 5's pager is the same for any list with 8 or more archive pages.
  EXPECT_EQ(PageOfList(220, 5)->PagerKey(), 8);
  EXPECT_EQ(PageOfList(2000, 5)->PagerKey(), 8);
  EXPECT_EQ(links(2000, 5), links(220, 5));
  EXPECT_EQ(PageOfList(160, 5)->PagerKey(), 7);  // 7 archive pages: "latest 7 6 5*…"
}

TEST(AssetTable, AFileLinkedInFromElsewhereKeepsItsNameHere) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("procura-assets-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "static/js/vendor");
  fs::create_directories(root / "elsewhere");
  { std::ofstream(root / "elsewhere/lib.js") << "var lib = 1;\n"; }
  fs::create_symlink(root / "elsewhere/lib.js", root / "static/js/vendor/lib.js");
  auto table = AssetTable::Load(root / "static");
  ASSERT_TRUE(table.ok()) << table.status().message();
  bool immutable = false;
  const Asset* a = table->Find("js/vendor/lib.js", &immutable);
  ASSERT_NE(a, nullptr) << "found under its link's name, not the target's";
  EXPECT_EQ(*a->body, "var lib = 1;\n");
  EXPECT_EQ(a->mime, "text/javascript; charset=utf-8");
  EXPECT_TRUE(table->Url("js/vendor/lib.js").starts_with("/static/js/vendor/lib."));
  fs::remove_all(root);
}

TEST(Urls, StableShapes) {
  EXPECT_EQ(ColumnUrl("highlights"), "/columns/highlights/");
  EXPECT_EQ(ColumnUrl("highlights", 0), "/columns/highlights/");
  EXPECT_EQ(ColumnUrl("highlights", 1), "/columns/highlights/page/1/");
  EXPECT_EQ(ArticleUrl(42), "/articles/42/");
  EXPECT_EQ(WithFontSize("/articles/42/", FontSize::kLarge), "/articles/42/?fs=large");
  EXPECT_EQ(WithFontSize("/", FontSize::kDefault), "/");
  EXPECT_EQ(ParseFontSize("large"), FontSize::kLarge);
  EXPECT_EQ(ParseFontSize("huge"), FontSize::kDefault);
  EXPECT_TRUE(IsValidSlug("party-building"));
  EXPECT_FALSE(IsValidSlug("Party"));
  EXPECT_FALSE(IsValidSlug("-x"));
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug("a/b"));
}

// Any alt text stays one image: brackets and backslashes escaped, lines
// joined.
TEST(Urls, ImageMarkdownKeepsAnyAltTextInside) {
  EXPECT_EQ(ImageMarkdown("政治部主任授课", "ab12.jpg"), "![政治部主任授课](/media/ab12.jpg)");
  EXPECT_EQ(ImageMarkdown("a [b] \\ c\nd", "x.png"), "![a \\[b\\] \\\\ c d](/media/x.png)");
  EXPECT_EQ(ImageMarkdown("", "x.webp"), "![](/media/x.webp)");
}

CachedPage Page(const char* body) {
  CachedPage p;
  p.body = std::make_shared<const std::string>(body);
  return p;
}

TEST(PageCache, InvalidatesByDependency) {
  PageCache cache(100);
  cache.Put("/articles/1/", Page("a1"), {"site", "columns", "article:1", "column:7"},
            cache.BeginRender());
  cache.Put("/columns/x/", Page("c7"), {"site", "columns", "column:7"}, cache.BeginRender());
  cache.Put("/columns/y/", Page("c8"), {"site", "columns", "column:8"}, cache.BeginRender());
  cache.Put("/", Page("home"), {"site", "columns", "articles"}, cache.BeginRender());
  ASSERT_TRUE(cache.Get("/articles/1/"));
  // Article 1 in column 7 changed: its page, column 7's list and home go.
  for (const auto& t : PageCache::TagsFor({0, "article", 1, {7}, 0})) cache.Invalidate(t);
  EXPECT_FALSE(cache.Get("/articles/1/"));
  EXPECT_FALSE(cache.Get("/columns/x/"));
  EXPECT_FALSE(cache.Get("/"));
  EXPECT_TRUE(cache.Get("/columns/y/"));
  // The column tree changed: everything goes.
  for (const auto& t : PageCache::TagsFor({0, "column", 8, {}, 0})) cache.Invalidate(t);
  EXPECT_FALSE(cache.Get("/columns/y/"));
  EXPECT_EQ(cache.stats().entries, 0u);
}

// Issue 12: a media upload (or the deletion of a file no article uses)
// changes no page, so it drops nothing.
TEST(PageCache, AMediaChangeDropsNoPage) {
  PageCache cache(100);
  cache.Put("/", Page("home"), {"site", "columns", "articles"}, cache.BeginRender());
  cache.Put("/articles/1/", Page("a1"), {"site", "columns", "article:1"}, cache.BeginRender());
  EXPECT_TRUE(PageCache::TagsFor({0, "media", 5, {}, 0}).empty());
  for (const auto& t : PageCache::TagsFor({0, "media", 5, {}, 0})) cache.Invalidate(t);
  EXPECT_EQ(cache.stats().entries, 2u);
}

// Issue 12: the cache is bounded in bytes as well as entries, and its
// eviction queue does not grow with invalidations.
TEST(PageCache, IsBoundedInBytesAndItsQueueStaysBounded) {
  PageCache cache(1000, 10'000);  // 10 kB
  for (int i = 0; i < 5; ++i)
    cache.Put("/p" + std::to_string(i) + "/", Page(std::string(3000, 'x').c_str()), {"site"},
              cache.BeginRender());
  EXPECT_EQ(cache.stats().entries, 3u) << "three 3 kB pages fit in 10 kB";
  EXPECT_LE(cache.stats().bytes, 10'000u);
  EXPECT_FALSE(cache.Get("/p0/")) << "the oldest went first";
  EXPECT_TRUE(cache.Get("/p4/"));
  cache.Put("/huge/", Page(std::string(20'000, 'x').c_str()), {"site"}, cache.BeginRender());
  EXPECT_FALSE(cache.Get("/huge/")) << "a page larger than the whole cache is not kept";
  // A busy site: the same page re-rendered after every invalidation.
  PageCache busy(100);
  for (int i = 0; i < 50'000; ++i) {
    busy.Put("/", Page("home"), {"articles"}, busy.BeginRender());
    busy.Invalidate("articles");
  }
  EXPECT_LT(busy.stats().order_entries, 2'000u);
}

TEST(PageCache, DropsPagesBuiltBeforeAnInvalidation) {
  PageCache cache(100);
  const auto gen = cache.BeginRender();
  cache.Invalidate("article:1");  // content changed while the page was built
  cache.Put("/articles/1/", Page("stale"), {"article:1"}, gen);
  EXPECT_FALSE(cache.Get("/articles/1/"));
}

TEST(PageCache, EvictsOldestBeyondCapacity) {
  PageCache cache(2);
  cache.Put("a", Page("a"), {}, cache.BeginRender());
  cache.Put("b", Page("b"), {}, cache.BeginRender());
  cache.Put("c", Page("c"), {}, cache.BeginRender());
  EXPECT_FALSE(cache.Get("a"));
  EXPECT_TRUE(cache.Get("b"));
  EXPECT_TRUE(cache.Get("c"));
}

TEST(PageCache, AppliesChangeLogRows) {
  PageCache cache(10);
  cache.Put("/articles/3/", Page("x"), {"site", "article:3"}, cache.BeginRender());
  cache.Put("/columns/b/", Page("b"), {"site", "column:2"}, cache.BeginRender());
  cache.Put("/columns/c/", Page("c"), {"site", "column:9"}, cache.BeginRender());
  // Article 3 moved from column 1 to column 2; a media item was uploaded.
  const std::vector<ChangeRecord> log = {{7, "article", 3, {1, 2}, 0}, {8, "media", 4, {}, 0}};
  cache.Apply(log);
  EXPECT_FALSE(cache.Get("/articles/3/"));
  EXPECT_FALSE(cache.Get("/columns/b/")) << "the column it moved into";
  EXPECT_TRUE(cache.Get("/columns/c/"));
  cache.Clear();
  EXPECT_EQ(cache.stats().entries, 0u);
}

// Renders through the real templates/ directory.
class PortalPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("procura-render-test-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    SiteRecord site;
    site.name = "Provincial <People's> Procuratorate";
    ASSERT_TRUE(storage_->content().PutSite(site).ok());
    ColumnRecord c;
    c.slug = "highlights";
    c.name = "Procuratorial Highlights";
    col_ = *storage_->content().InsertColumn(c);
    auto t = TemplateSet::Load(std::filesystem::path(PROCURA_SOURCE_DIR) / "templates");
    ASSERT_TRUE(t.ok()) << t.status().message();
    templates_ = std::make_unique<TemplateSet>(std::move(t).value());
    assets_ = std::make_unique<AssetTable>(
        std::move(AssetTable::Load(std::filesystem::path(PROCURA_SOURCE_DIR) / "static")).value());
  }
  void TearDown() override {
    storage_.reset();
    std::filesystem::remove_all(dir_);
  }
  ArticleRecord AddArticle(std::string title, std::string body, std::string author = "") {
    ArticleRecord a;
    a.column_id = col_;
    a.title = std::move(title);
    a.author = std::move(author);
    a.body_md = std::move(body);
    a.body_html = RenderMarkdown(a.body_md).value();  // rendered when saved
    a.status = kStatusPublished;
    a.published_at = 1657728000;  // 2022-07-14 00:00 +08:00
    a.lang = "en";                // the test site is English
    a.id = *storage_->content().InsertArticle(a);
    return a;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<TemplateSet> templates_;
  std::unique_ptr<AssetTable> assets_;
  std::int64_t col_ = 0;
};

TEST_F(PortalPagesTest, ArticlePageEscapesTextAndRendersMarkdown) {
  auto a = AddArticle("<script>alert('t')</script> Training", "Body **bold** <b>raw</b>");
  auto snap = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(snap.ok());
  PageContext ctx{**snap, *templates_, *assets_, FontSize::kLarge, i18n::Lang::kEn};
  auto page = RenderArticle(ctx, a);
  ASSERT_TRUE(page.ok()) << page.status().message();
  const std::string& html = page->html;
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&apos;t&apos;)&lt;/script&gt; Training"),
            std::string::npos);
  EXPECT_NE(html.find("Provincial &lt;People&apos;s&gt; Procuratorate"), std::string::npos);
  EXPECT_NE(html.find("<strong>bold</strong>"), std::string::npos);
  EXPECT_EQ(html.find("<b>raw</b>"), std::string::npos);
  EXPECT_NE(html.find("Time: <time datetime=\"2022-07-14T00:00:00+08:00\">July 14, 2022</time>"),
            std::string::npos);
  EXPECT_EQ(html.find("Author:"), std::string::npos);  // empty author omitted
  EXPECT_NE(html.find("class=\"fs-large\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/columns/highlights/\">Procuratorial Highlights</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<html lang=\"en\""), std::string::npos);
  EXPECT_EQ(html.find(" style="), std::string::npos);  // CSP: no inline styles
  EXPECT_NE(std::find(page->deps.begin(), page->deps.end(), "article:" + std::to_string(a.id)),
            page->deps.end());
}

TEST_F(PortalPagesTest, ColumnPageListsAndPaginates) {
  for (int i = 0; i < 45; ++i) AddArticle("Item " + std::to_string(i), "x");
  auto snap = SiteSnapshot::Load(storage_->content());
  PageContext ctx{**snap, *templates_, *assets_, FontSize::kDefault, i18n::Lang::kEn};
  const ColumnRecord* col = (*snap)->ColumnBySlug("highlights");
  auto first = RenderColumn(ctx, *col, *PageOfList(45, 0));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_NE(first->html.find("45 articles</p>"), std::string::npos);
  EXPECT_NE(first->html.find("href=\"/columns/highlights/page/1/\" rel=\"next\">Older"), std::string::npos);
  EXPECT_NE(first->html.find("aria-current=\"page\">Latest</span>"), std::string::npos);
  auto archive = RenderColumn(ctx, *col, *PageOfList(45, 1));
  ASSERT_TRUE(archive.ok()) << archive.status().message();
  EXPECT_NE(archive->html.find("20 articles from "), std::string::npos) << "its dates, not the total";
  EXPECT_EQ(archive->html.find("45 articles"), std::string::npos);
  EXPECT_NE(archive->html.find("href=\"/columns/highlights/\" rel=\"prev\">Newer"), std::string::npos);
  EXPECT_NE(archive->html.find("aria-current=\"page\"><span class=\"visually-hidden\">Page </span>1"),
            std::string::npos);
  EXPECT_NE(archive->html.find("Item 0<"), std::string::npos) << "the oldest 20";
  EXPECT_EQ(archive->html.find("Item 20<"), std::string::npos);
}

TEST_F(PortalPagesTest, SitemapSplitsIntoAnIndexPastTheLimit) {
  for (int i = 0; i < 45; ++i) AddArticle("Item " + std::to_string(i), "x");
  auto snap = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(snap.ok());
  // English (primary): home, 2 list pages (the first and archive page 1),
  // 45 articles; Chinese (/zh/): home and the empty column's one list
  // page. 50 URLs.
  EXPECT_EQ(SitemapFileCount(**snap), 1u);
  EXPECT_EQ(SitemapFileCount(**snap, 50), 1u);
  EXPECT_EQ(SitemapFileCount(**snap, 49), 2u);
  EXPECT_EQ(SitemapFileCount(**snap, 7), 8u);
  std::string all;
  std::size_t urls = 0;
  for (std::size_t n = 1; n <= 8; ++n) {
    const std::string part = RenderSitemap(**snap, n, 7);
    const auto count = [&](std::string_view what) {
      std::size_t c = 0;
      for (auto p = part.find(what); p != std::string::npos; p = part.find(what, p + 1)) ++c;
      return c;
    };
    EXPECT_EQ(count("<url>"), n < 8 ? 7u : 1u) << n;
    urls += count("<url>");
    all += part;
  }
  EXPECT_EQ(urls, 50u);
  EXPECT_NE(all.find("<loc>http://localhost/columns/highlights/page/1/</loc>"), std::string::npos);
  EXPECT_NE(all.find("<loc>http://localhost/zh/columns/highlights/</loc>"), std::string::npos);
  const std::string index = RenderSitemapIndex(**snap, 7);
  EXPECT_NE(index.find("<sitemapindex"), std::string::npos);
  EXPECT_NE(index.find("<loc>http://localhost/sitemaps/8.xml</loc>"), std::string::npos);
  EXPECT_EQ(index.find("/sitemaps/9.xml"), std::string::npos);
}

TEST_F(PortalPagesTest, APublishChangesOnlyTheLastFilesOfASplitSitemap) {
  const std::int64_t oldest = AddArticle("Item 0", "x").id;
  for (int i = 1; i < 25; ++i) AddArticle("Item " + std::to_string(i), "x");
  auto before = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(before.ok());
  AddArticle("Item 25", "x");
  auto after = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(after.ok());
  // 30 URLs, then 31, in files of 7: articles oldest first, then the home
  // and list pages. The new article is the 26th URL: files 1-3 (URLs 1-21)
  // keep their bytes, so an export rewrites two files, not five.
  for (std::size_t n = 1; n <= 3; ++n)
    EXPECT_EQ(RenderSitemap(**before, n, 7), RenderSitemap(**after, n, 7)) << n;
  EXPECT_NE(RenderSitemap(**before, 4, 7), RenderSitemap(**after, 4, 7));
  const std::string last = RenderSitemap(**after, 5, 7);
  EXPECT_NE(last.find("<loc>http://localhost/</loc>"), std::string::npos) << "the home page comes last";
  const std::string first = RenderSitemap(**after, 1, 7);
  EXPECT_NE(first.find("<url><loc>http://localhost/articles/" + std::to_string(oldest) + "/</loc>"),
            std::string::npos) << "the oldest article comes first";
}

TEST_F(PortalPagesTest, FeedsEscapeAndRobotsListsTheSettings) {
  AddArticle("A <b>&</b> \x01title", "x");
  SiteRecord site = *storage_->content().GetSite();
  site.public_url = "https://www.example.gov.cn";
  site.robots_disallow = "/admin/\n/drafts/";
  ASSERT_TRUE(storage_->content().PutSite(site).ok());
  auto snap = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(snap.ok());
  FeedSpec spec{FeedFormat::kAtom, i18n::Lang::kEn, nullptr, "Site", "", "/", "/atom.xml"};
  std::vector<FeedItem> items;
  for (const ArticleRecord* a : FeedArticles(**snap, i18n::Lang::kEn, nullptr)) items.push_back({a, "s"});
  ASSERT_EQ(items.size(), 1u);
  const std::string xml = RenderFeed(**snap, spec, items);
  EXPECT_NE(xml.find("<title>A &lt;b&gt;&amp;&lt;/b&gt; title</title>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<id>https://www.example.gov.cn/articles/1/</id>"), std::string::npos);
  EXPECT_EQ(RenderRobots((*snap)->site()),
            "User-agent: *\nDisallow: /admin/\nDisallow: /drafts/\n\n"
            "Sitemap: https://www.example.gov.cn/sitemap.xml\n");
}


// A titled picture alone in its paragraph becomes a captioned figure; a
// picture in running text, or one without a title, stays as cmark wrote it.
TEST_F(PortalPagesTest, ATitledPictureOnItsOwnLineBecomesAFigure) {
  auto snap = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(snap.ok());
  const std::string html = RenderMarkdown(
      "Before.\n\n![讲课](/static/a.png \"政治部主任 \\\"授课\\\" <现场>\")\n\n"
      "Text ![inline](/static/b.png \"kept\") more.\n\n![plain](/static/c.png)\n").value();
  const std::string out = ResponsiveBodyImages(html, **snap);
  EXPECT_NE(out.find("<p>Before.</p>\n<figure class=\"article-figure\"><img src=\"/static/a.png\" alt=\"讲课\" />"
                     "<figcaption>政治部主任 &quot;授课&quot; &lt;现场&gt;</figcaption></figure>\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("<p>Text <img src=\"/static/b.png\" alt=\"inline\" title=\"kept\" /> more.</p>"),
            std::string::npos) << out;
  EXPECT_NE(out.find("<p><img src=\"/static/c.png\" alt=\"plain\" /></p>"), std::string::npos) << out;
  EXPECT_EQ(ResponsiveBodyImages("<p>no pictures</p>", **snap), "<p>no pictures</p>");
}

// A meeting photo not yet released: the newsroom's preview draws it from
// the staff address, without the other sizes; the portal from /media/.
TEST_F(PortalPagesTest, APrivatePictureIsPreviewedFromTheStaffAddress) {
  MediaRecord m;
  m.stored_name = "p1.jpg";
  m.mime = "image/jpeg";
  m.width = 800;
  m.height = 600;
  m.variants = "480:p1-w480.jpg";
  m.is_private = true;
  ASSERT_TRUE(storage_->content().InsertMedia(m).ok());
  auto snap = SiteSnapshot::Load(storage_->content());
  ASSERT_TRUE(snap.ok());
  const std::string md = ImageMarkdown("现场", "p1.jpg", "图为 \"授课\" a\\b\nc");
  EXPECT_EQ(md, "![现场](/media/p1.jpg \"图为 \\\"授课\\\" a\\\\b c\")");
  const std::string html = RenderMarkdown(md).value();
  EXPECT_EQ(ResponsiveBodyImages(html, **snap, "/admin/media-file/"),
            "<figure class=\"article-figure\"><img src=\"/admin/media-file/p1.jpg\" alt=\"现场\" "
            "width=\"800\" height=\"600\" loading=\"lazy\" decoding=\"async\" />"
            "<figcaption>图为 &quot;授课&quot; a\\b c</figcaption></figure>\n");
  const std::string portal = ResponsiveBodyImages(html, **snap);
  EXPECT_NE(portal.find("<img src=\"/media/p1.jpg\" alt=\"现场\" width=\"800\" height=\"600\" "
                        "srcset=\"/media/p1-w480.jpg 480w, /media/p1.jpg 800w\""),
            std::string::npos) << portal;
}

}  // namespace
}  // namespace procura
