#include <gtest/gtest.h>

#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "content/content_service.h"
#include "content/markdown.h"
#include "content/markdown_budget.h"
#include "core/text.h"
#include "content/markdown_sandbox.h"
#include "content/site_settings.h"

namespace procura {
namespace {

TEST(SiteSettings, PublicUrlIsNormalizedAndChecked) {
  EXPECT_EQ(NormalizePublicUrl("HTTPS://WWW.Example.GOV.cn/Portal/"), "https://www.example.gov.cn/Portal");
  EXPECT_EQ(NormalizePublicUrl(""), "");
  SiteSettingsInput in;
  in.name = "省人民检察院";
  for (const char* good : {"", "http://127.0.0.1:8080", "https://www.example.gov.cn/portal/"}) {
    in.public_url = good;
    EXPECT_TRUE(ValidateSiteSettings(in).ok()) << good;
  }
  for (const char* bad : {"www.example.gov.cn", "ftp://x.cn", "https://", "https://x.cn/?q=1",
                          "https://x.cn/#top", "https://a b.cn", "javascript:alert(1)"}) {
    in.public_url = bad;
    Status s = ValidateSiteSettings(in);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.field(), "public_url") << bad;
  }
}

TEST(SiteSettings, EveryProblemIsReportedWithItsField) {
  SiteSettingsInput in;
  in.name = " ";
  in.tagline = std::string(kMaxSiteTagline + 1, 'x');
  in.icp = "line\nbreak";
  in.robots_disallow = "/admin/\r\n\r\nsearch\n";
  std::vector<std::string> fields;
  for (const Status& p : ValidateSiteSettings(in).problems()) fields.push_back(p.field());
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "tagline", "icp", "robots_disallow"}));
  in = {};
  in.name = "x";
  for (int i = 0; i <= static_cast<int>(kMaxRobotsLines); ++i) in.robots_disallow += "/p" + std::to_string(i) + "\n";
  EXPECT_EQ(ValidateSiteSettings(in).field(), "robots_disallow") << "too many paths";
  in.robots_disallow = "/a\r\n/b\n\n";
  EXPECT_TRUE(ValidateSiteSettings(in).ok()) << "blank lines and CRLF are fine";
}

TEST(Markdown, RendersParagraphsEmphasisAndTables) {
  auto html = RenderMarkdown("Zhou Yong **stressed** that\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("<p>Zhou Yong <strong>stressed</strong> that</p>"), std::string::npos);
  EXPECT_NE(html->find("<table>"), std::string::npos);
}

TEST(Markdown, ATableScrollsInABoxOfItsOwn) {
  auto html = RenderMarkdown("| 姓名 | 支部 |\n|---|---|\n| 王五 | 第一支部 |\n\n`<table>` 不是表格");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->find("<div class=\"table-scroll\" tabindex=\"0\"><table>"), 0u) << *html;
  EXPECT_NE(html->find("</table></div>\n"), std::string::npos) << *html;
  EXPECT_NE(html->find("<code>&lt;table&gt;</code>"), std::string::npos) << "raw HTML stays escaped";
  const auto count = [&](std::string_view what) {
    std::size_t n = 0;
    for (auto at = html->find(what); at != std::string::npos; at = html->find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<table>"), 1u);
  EXPECT_EQ(count("table-scroll"), 1u) << "one table, one box";
}

TEST(Markdown, RendersChineseUnchanged) {
  auto html = RenderMarkdown("省检察院机关举办党支部书记培训班");
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(*html, "<p>省检察院机关举办党支部书记培训班</p>\n");
}

TEST(Markdown, StrongAndEmphasisCloseAfterChinesePunctuation) {
  // CommonMark alone leaves these asterisks: "。" before "**", "正" after.
  EXPECT_EQ(*RenderMarkdown("**本文为示例文章。**正文由系统生成。"),
            "<p><strong>本文为示例文章。</strong>正文由系统生成。</p>\n");
  EXPECT_EQ(*RenderMarkdown("前文*强调。*后文"), "<p>前文<em>强调。</em>后文</p>\n");
  EXPECT_EQ(*RenderMarkdown("第一，**“引号”。**内容，**再强调。**后文"),
            "<p>第一，<strong>“引号”。</strong>内容，<strong>再强调。</strong>后文</p>\n");
  EXPECT_EQ(*RenderMarkdown("`**代码。**不变`"), "<p><code>**代码。**不变</code></p>\n");
  // What CommonMark already pairs, and what must stay literal.
  EXPECT_EQ(*RenderMarkdown("a **b** c"), "<p>a <strong>b</strong> c</p>\n");
  EXPECT_EQ(*RenderMarkdown("2 ** 3 ** 4"), "<p>2 ** 3 ** 4</p>\n");
  EXPECT_EQ(*RenderMarkdown("只有一个**星号"), "<p>只有一个**星号</p>\n");
  EXPECT_EQ(MarkdownExcerpt("**本文为示例文章。**正文", 50), "本文为示例文章。正文");
}

// Chinese is never wrapped by hand: one line break between Chinese text
// starts a paragraph, as in a word processor. English keeps Markdown's rule.
TEST(Markdown, ALineBreakInChineseTextStartsAParagraph) {
  EXPECT_EQ(RenderMarkdown("第一段。\n第二段。\n“第三段”……").value(),
            "<p>第一段。</p>\n<p>第二段。</p>\n<p>“第三段”……</p>\n");
  EXPECT_EQ(RenderMarkdown("**加粗的开头**\n第二段，[链接](https://www.gov.cn/)\n第三段").value(),
            "<p><strong>加粗的开头</strong></p>\n<p>第二段，<a href=\"https://www.gov.cn/\">链接</a></p>\n"
            "<p>第三段</p>\n");
  EXPECT_EQ(RenderMarkdown("An English line\nwrapped by hand.").value(),
            "<p>An English line\nwrapped by hand.</p>\n");
  EXPECT_EQ(RenderMarkdown("中文接 English\nline").value(), "<p>中文接 English\nline</p>\n");
  EXPECT_EQ(RenderMarkdown("- 第一项\n  接着写\n- 第二项").value(),
            "<ul>\n<li>第一项\n接着写</li>\n<li>第二项</li>\n</ul>\n")
      << "inside a list item the lines stay one item";
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

std::string Repeat(std::string_view unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// The audit's inputs: a table whose 30,000 rows are padded to a 1,000-column
// header (CVE-2023-37463: 7 GB), and "![[]()" repeated to the size cap
// (20-47 s of CPU). Both are refused before cmark sees them, with a message
// that names the limit.
TEST(MarkdownBudget, RefusesTheAuditsInputsBeforeParsing) {
  std::string table = "|" + Repeat("a|", 1000) + "\n|" + Repeat("-|", 1000) + "\n" +
                      Repeat("|x\n", 30000);
  auto r = RenderMarkdown(table);
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "A table has 1000 columns; at most 64.");
  std::string brackets = Repeat("![[]()", 43690);
  r = RenderMarkdown(brackets);
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("square brackets; at most 4000"), std::string::npos);
}

TEST(MarkdownBudget, BoundsCellsNestingDefinitionsAndMarks) {
  // 60 columns are allowed, but not padded over 1,000 rows (60,000 cells).
  std::string wide = "|" + Repeat("a|", 60) + "\n|" + Repeat("-|", 60) + "\n" + Repeat("|x\n", 1000);
  EXPECT_NE(CheckMarkdownBudget(wide).message().find("more than 50000 cells"), std::string::npos);
  EXPECT_TRUE(CheckMarkdownBudget("|" + Repeat("a|", 60) + "\n|" + Repeat("-|", 60) + "\n" +
                                  Repeat("|x\n", 500))
                  .ok());
  EXPECT_NE(CheckMarkdownBudget(Repeat("> ", 40) + "deep").message().find("32 levels"),
            std::string::npos);
  EXPECT_NE(CheckMarkdownBudget(Repeat("[a]: /x\n", 501)).message().find("link references"),
            std::string::npos);
  EXPECT_NE(CheckMarkdownBudget(Repeat("*a _", 20000)).message().find("emphasis marks"),
            std::string::npos);
  EXPECT_NE(CheckMarkdownBudget(Repeat("`a", 10001)).message().find("code marks"),
            std::string::npos);
  // Ordinary articles, and a table of the kind articles carry, pass.
  EXPECT_TRUE(CheckMarkdownBudget("省检察院机关举办**党支部书记**培训班。\n\n| 支部 | 人数 |\n|---|---|\n| "
                                  "第三检察部 | 12 |\n\n> 引文\n\n- 一\n  - 二\n")
                  .ok());
}

// The largest inputs of those shapes that the budget still lets through
// must render (the fuzz target explores the rest).
TEST(MarkdownBudget, InputsJustWithinTheBudgetRender) {
  for (const std::string& s :
       {Repeat("![[]()", 1999), Repeat("*a _", 9999), Repeat("`a", 9999), Repeat("[", 3999),
        "|" + Repeat("a|", 64) + "\n|" + Repeat("-|", 64) + "\n" + Repeat("|x\n", 700),
        Repeat("[a]: /x\n", 500) + Repeat("[a] ", 500)}) {
    EXPECT_TRUE(CheckMarkdownBudget(s).ok()) << s.substr(0, 40);
    EXPECT_TRUE(RenderMarkdown(s).ok()) << s.substr(0, 40);
  }
}

TEST(MarkdownSandbox, RendersLikeTheLibraryAndRefusesOverBudget) {
  SandboxedRenderer sandbox;
  const std::string md = "第一段 **粗体**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
  auto html = sandbox.Render(md);
  ASSERT_TRUE(html.ok()) << html.status().message();
  EXPECT_EQ(*html, *RenderMarkdown(md));
  auto refused = sandbox.Render(Repeat("![[]()", 43690));
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
}

// A render that needs more memory than its budget dies in the child, and
// the caller gets an error instead of losing the server. Run in a freshly
// started process (a "threadsafe" death test re-executes this binary), so
// no heap freed by earlier tests lends the child room beyond its budget.
void MemoryBudgetOverrun() {
  RenderLimits tight;
  tight.extra_memory_bytes = 1 << 20;  // 1 MiB beyond the parent: not enough for this table
  SandboxedRenderer sandbox(tight);
  const std::string table = "|" + Repeat("a|", 64) + "\n|" + Repeat("-|", 64) + "\n" +
                            Repeat("|" + Repeat("xxxxxxxxxx|", 64) + "\n", 300);
  ASSERT_TRUE(CheckMarkdownBudget(table).ok());
  auto r = sandbox.Render(table);
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(r.status().message().find("simplify"), std::string::npos);
  EXPECT_TRUE(SandboxedRenderer().Render(table).ok()) << "the default budget is enough";
}

// Runs `body` in a forked child (a memory budget set there cannot touch
// this process's other tests) and expects it to exit with no failure.
#define EXPECT_PASSES_IN_A_CHILD(body)                                  \
  do {                                                                  \
    GTEST_FLAG_SET(death_test_style, "threadsafe");                     \
    EXPECT_EXIT(                                                        \
        {                                                               \
          body();                                                       \
          std::exit(::testing::Test::HasFailure() ? 1 : 0);             \
        },                                                              \
        ::testing::ExitedWithCode(0), "");                              \
  } while (false)

TEST(MarkdownSandbox, AMemoryBudgetOverrunIsAnErrorNotACrash) {
  EXPECT_PASSES_IN_A_CHILD(MemoryBudgetOverrun);
}

TEST(MarkdownSandbox, RenderEachGivesWhatRenderGives) {
  SandboxedRenderer sandbox;
  const std::vector<std::string> texts = {"第一段 **粗体**\n\n第二段", Repeat("![[]()", 43690), "",
                                          "| a | b |\n|---|---|\n| 1 | 2 |\n", "*x* [链接](/a)"};
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const auto each = sandbox.RenderEach(views);
  ASSERT_EQ(each.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto one = sandbox.Render(texts[i]);
    ASSERT_EQ(each[i].ok(), one.ok()) << i;
    if (one.ok()) EXPECT_EQ(*each[i], *one) << i;
    else EXPECT_EQ(each[i].status().code(), one.status().code()) << i;
  }
  EXPECT_EQ(each[1].status().code(), Status::Code::kInvalidArgument) << "over budget, refused";
  EXPECT_TRUE(sandbox.RenderEach({}).empty());
}

// In a batch, the text that breaks the child's budget costs only itself:
// what the child finished stands, and the texts after it are rendered one
// by one, each under a budget of its own.
void BatchBudgetOverrun() {
  RenderLimits tight;
  tight.extra_memory_bytes = 1 << 20;
  SandboxedRenderer sandbox(tight);
  const std::string table = "|" + Repeat("a|", 64) + "\n|" + Repeat("-|", 64) + "\n" +
                            Repeat("|" + Repeat("xxxxxxxxxx|", 64) + "\n", 300);
  const std::vector<std::string_view> texts = {"前 **一**", table, "后 *二*"};
  const auto r = sandbox.RenderEach(texts);
  ASSERT_EQ(r.size(), 3u);
  ASSERT_TRUE(r[0].ok());
  EXPECT_EQ(*r[0], *RenderMarkdown(texts[0]));
  EXPECT_EQ(r[1].status().code(), Status::Code::kUnavailable);
  ASSERT_TRUE(r[2].ok());
  EXPECT_EQ(*r[2], *RenderMarkdown(texts[2]));
}

TEST(MarkdownSandbox, ABatchOverrunCostsOnlyTheTextThatCausedIt) {
  EXPECT_PASSES_IN_A_CHILD(BatchBudgetOverrun);
}

TEST(MarkdownSandbox, AWallClockOverrunIsKilled) {
  RenderLimits tight;
  tight.wall = std::chrono::milliseconds(1);
  SandboxedRenderer sandbox(tight);
  auto r = sandbox.Render(Repeat("![[]()", 1999));
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
}

TEST(Markdown, HtmlToTextDropsTagsAndDecodesEscapes) {
  EXPECT_EQ(HtmlToText("<p>培训 &amp; <strong>交流</strong></p>\n<p>a &lt;b&gt; &quot;c&quot; &#39;d&#39;</p>"),
            "培训 & 交流 a <b> \"c\" 'd'");
}

TEST(Markdown, ExcerptIsPlainTextCutAtCharacters) {
  EXPECT_EQ(MarkdownExcerpt("**培训**班\n\n第二段", 100), "培训班 第二段");
  EXPECT_EQ(MarkdownExcerpt("省检察院机关举办党支部书记培训班", 4), "省检察院…");
}

TEST(Markdown, ExcerptOfALongTextReadsOnlyItsLeadingParagraphs) {
  // A long article's excerpt parses its first paragraphs only; what it says
  // must be what the whole text's parse would say.
  std::string md = "**第一段**，讲授党课。\n\n";
  for (int i = 0; i < 400; ++i) md += "第" + std::to_string(i) + "段正文，*强调*与`代码`。\n\n";
  const std::string excerpt = MarkdownExcerpt(md, 120);
  EXPECT_EQ(excerpt.rfind("第一段，讲授党课。 第0段正文，强调与代码。", 0), 0u) << excerpt;
  EXPECT_EQ(Utf8Length(excerpt), 121u);  // 120 and the ellipsis
  // A code block (never in an excerpt) across the cut: the text after it
  // still counts, as in the whole text's parse.
  std::string fenced = "开头\n\n```\n" + std::string(3000, 'b') + "\n\n" + std::string(600, 'c') +
                       "\n```\n\n结尾" + std::string(200, 'd') + "\n";
  EXPECT_EQ(MarkdownExcerpt(fenced, 10), "开头 结尾ddddd…");
  // A reference defined at the end is honoured: such a text is read whole.
  std::string refs = "[检察院][home]" + std::string(3000, 'x') + "\n\n";
  for (int i = 0; i < 50; ++i) refs += "段落\n\n";
  refs += "[home]: https://example.org/\n";
  EXPECT_EQ(MarkdownExcerpt(refs, 10), "检察院xxxxxxx…");
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
  const auto hidden_article = Add(hidden_, 500);
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
  EXPECT_EQ((*snap)->ArticleById(hidden_article), nullptr) << "its column is hidden";
  EXPECT_EQ((*snap)->ArticleCount(), 4u) << "every published article, shown or not";
}

TEST_F(SnapshotTest, ServiceCatchesUpFromTheChangeLog) {
  ContentService svc(*storage_);
  ASSERT_TRUE(svc.Reload().ok());
  EXPECT_TRUE(svc.Snapshot()->ArticleCount() == 0);
  const auto id = Add(column_, 100);
  auto none = svc.CatchUp();
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_TRUE(svc.Snapshot()->ArticleCount() == 0) << "nothing logged, nothing applied";
  ASSERT_TRUE(storage_->changes().Append({0, "article", id, {column_}, 100}).ok());
  auto applied = svc.CatchUp();
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  ASSERT_EQ(applied->size(), 1u);
  EXPECT_EQ(svc.Snapshot()->ArticleCount(), 1u);
  EXPECT_EQ(svc.Snapshot()->seq(), applied->back().seq);
  auto draft = Add(column_, 0, kStatusDraft);
  EXPECT_FALSE(svc.PublishedArticle(draft)->has_value());
  EXPECT_TRUE(svc.PublishedArticle(id)->has_value());
}

}  // namespace
}  // namespace procura

namespace procura {
namespace {

// Issue 12's race, made deterministic: reload A reads the site, then
// stalls; meanwhile an article is withdrawn and reload B reads and
// installs; then A finishes. A's older view (with the withdrawn article
// still listed) must not replace B's.
TEST_F(SnapshotTest, ASlowReloadNeverInstallsAnOlderViewOverANewerOne) {
  const std::int64_t id = Add(column_, 1000);
  ContentService content(*storage_);
  ASSERT_TRUE(content.Reload().ok());
  std::mutex m;
  std::condition_variable cv;
  bool a_has_read = false, b_installed = false;
  int loads = 0;
  content.SetLoadedHookForTest([&] {
    std::unique_lock lock(m);
    if (++loads != 1) return;  // only reload A waits
    a_has_read = true;
    cv.notify_all();
    cv.wait(lock, [&] { return b_installed; });
  });
  std::thread a([&] { EXPECT_TRUE(content.Reload().ok()); });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return a_has_read; });
  }
  ArticleRecord art = **storage_->content().GetArticle(id);
  art.status = kStatusWithdrawn;
  ASSERT_TRUE(storage_->articles().UpdateArticle(art).ok());
  ASSERT_TRUE(storage_->changes().Append({0, "article", id, {column_}, 1001}).ok());
  ASSERT_TRUE(content.Reload().ok());  // reload B
  {
    std::lock_guard lock(m);
    b_installed = true;
  }
  cv.notify_all();
  a.join();
  EXPECT_EQ(content.Snapshot()->ArticleById(id), nullptr) << "the withdrawn article stays gone";
}

}  // namespace
}  // namespace procura
