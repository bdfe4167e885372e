#include "render/feeds.h"

#include <algorithm>
#include <functional>
#include <mutex>

#include <fmt/format.h>

#include "core/text.h"
#include "render/page_language.h"
#include "render/pagination.h"
#include "render/urls.h"

namespace procura {
namespace {

constexpr i18n::Lang kLangs[] = {i18n::Lang::kZh, i18n::Lang::kEn};

std::string Utc(UnixSeconds t) { return FormatRfc3339(t, 0); }

UnixSeconds LastChange(const ArticleRecord& a) {
  return std::max(a.updated_at, a.published_at.value_or(0));
}

// Visible columns in tree order (parents before children).
void ForEachColumn(const SiteSnapshot& snap, const std::function<void(const ColumnRecord&)>& fn) {
  std::function<void(const ColumnRecord&)> walk = [&](const ColumnRecord& c) {
    fn(c);
    for (const ColumnRecord* child : snap.ChildrenOf(c.id)) walk(*child);
  };
  for (const ColumnRecord* c : snap.top_columns()) walk(*c);
}

// Calls `fn` with the published articles of both languages in visible
// columns, oldest first, with each one's language: those numbered [first,
// end). Returns how many it walked: `end`, or all of them if fewer.
std::size_t ForEachArticleOldestFirst(const SiteSnapshot& snap, std::size_t first, std::size_t end,
                                      const std::function<void(const ArticleRecord&, i18n::Lang)>& fn) {
  ArticleList::OldestFirst zh(snap.ArticlesInLanguage(i18n::Tag(i18n::Lang::kZh)));
  ArticleList::OldestFirst en(snap.ArticlesInLanguage(i18n::Tag(i18n::Lang::kEn)));
  std::size_t seen = 0;
  while ((zh.get() || en.get()) && seen < end) {
    const ArticleRecord* x = zh.get();
    const ArticleRecord* y = en.get();
    const bool older_is_zh = x && (!y || ListedBefore(*y, *x));
    const ArticleRecord& next = older_is_zh ? *x : *y;
    (older_is_zh ? zh : en).Next();
    if (snap.ColumnById(next.column_id) && seen++ >= first)
      fn(next, older_is_zh ? i18n::Lang::kZh : i18n::Lang::kEn);
  }
  return seen;
}

// The sitemap's URLs numbered [first, end) (0-based), each with its last
// change, in a fixed order: the articles of both languages oldest first,
// then per language the home page and each column's list pages. Oldest
// first, so that a new article is appended: a publish changes the last
// file or two of a split sitemap, not every file; the home and list pages,
// whose dates move with every change, come last for the same reason. Paths
// and dates are worked out only for the URLs visited, so one file of a
// million-URL sitemap does not build the other million paths.
void ForEachSitemapUrl(const SiteSnapshot& snap, std::size_t first, std::size_t end,
                       const std::function<void(const std::string&, UnixSeconds)>& fn) {
  const SiteRecord& site = snap.site();
  const std::string prefixes[] = {LangPrefix(site, i18n::Lang::kZh), LangPrefix(site, i18n::Lang::kEn)};
  std::size_t i = ForEachArticleOldestFirst(snap, first, end, [&](const ArticleRecord& a, i18n::Lang lang) {
    fn(prefixes[lang == i18n::Lang::kZh ? 0 : 1] + ArticleUrl(a.id), LastChange(a));
  });
  for (i18n::Lang lang : kLangs) {
    if (i >= end) return;
    const std::string prefix = LangPrefix(site, lang);
    const std::string_view tag = i18n::Tag(lang);
    const ArticleList& all = snap.ArticlesInLanguage(tag);
    if (i++ >= first) {
      UnixSeconds newest = 0;
      for (ArticleList::OldestFirst a(all); a.get(); a.Next())
        if (snap.ColumnById(a.get()->column_id)) newest = std::max(newest, LastChange(*a.get()));
      fn(prefix + HomeUrl(), newest);
    }
    ForEachColumn(snap, [&](const ColumnRecord& c) {
      const ArticleList& list = snap.ArticlesIn(c.id, tag);
      const int archives = ArchivePageCount(list.size());
      const std::size_t pages = static_cast<std::size_t>(archives) + 1;
      if (i + pages <= first || i >= end) {
        i += pages;
        return;
      }
      // Each page's last change among its own articles (archive page k
      // holds the k-th twenty from the oldest, the first page the rest).
      std::vector<UnixSeconds> newest(pages, 0);
      std::size_t ordinal = 0;
      for (ArticleList::OldestFirst a(list); a.get(); a.Next(), ++ordinal) {
        UnixSeconds& n = newest[static_cast<std::size_t>(PageOfOrdinal(ordinal, list.size()))];
        n = std::max(n, LastChange(*a.get()));
      }
      for (std::size_t p = 0; p < pages; ++p, ++i)
        if (i >= first && i < end) fn(prefix + ColumnUrl(c.slug, static_cast<int>(p)), newest[p]);
    });
  }
}

// How many URLs the sitemap lists (ForEachSitemapUrl's numbering).
std::size_t SitemapUrlCount(const SiteSnapshot& snap) {
  std::size_t n = 0;
  for (i18n::Lang lang : kLangs) {
    const std::string_view tag = i18n::Tag(lang);
    n += 1;  // the home page
    ForEachColumn(snap, [&](const ColumnRecord& c) {
      n += static_cast<std::size_t>(ArchivePageCount(snap.ArticlesIn(c.id, tag).size())) + 1;
    });
    const ArticleList& all = snap.ArticlesInLanguage(tag);
    for (ArticleList::OldestFirst a(all); a.get(); a.Next()) n += snap.ColumnById(a.get()->column_id) ? 1 : 0;
  }
  return n;
}

void AppendRssItem(std::string& out, const SiteSnapshot& snap, const FeedSpec& spec,
                   const FeedItem& item) {
  const ArticleRecord& a = *item.article;
  const std::string url = AbsoluteUrl(snap.site(), LangPrefix(snap.site(), spec.lang) + ArticleUrl(a.id));
  out += "<item><title>" + XmlEscape(a.title) + "</title><link>" + XmlEscape(url) + "</link>";
  out += "<guid isPermaLink=\"true\">" + XmlEscape(url) + "</guid>";
  out += "<pubDate>" + FormatHttpDate(*a.published_at) + "</pubDate>";
  if (const ColumnRecord* c = snap.ColumnById(a.column_id))
    out += "<category>" + XmlEscape(ColumnName(snap.site(), *c, spec.lang)) + "</category>";
  out += "<description>" + XmlEscape(item.summary) + "</description></item>\n";
}

void AppendAtomEntry(std::string& out, const SiteSnapshot& snap, const FeedSpec& spec,
                     const FeedItem& item) {
  const ArticleRecord& a = *item.article;
  const std::string url = AbsoluteUrl(snap.site(), LangPrefix(snap.site(), spec.lang) + ArticleUrl(a.id));
  out += "<entry><id>" + XmlEscape(url) + "</id><title>" + XmlEscape(a.title) + "</title>";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(url) + "\"/>";
  out += "<published>" + Utc(*a.published_at) + "</published>";
  out += "<updated>" + Utc(LastChange(a)) + "</updated>";
  if (const ColumnRecord* c = snap.ColumnById(a.column_id))
    out += "<category term=\"" + XmlEscape(c->slug) + "\" label=\"" +
           XmlEscape(ColumnName(snap.site(), *c, spec.lang)) + "\"/>";
  out += "<summary>" + XmlEscape(item.summary) + "</summary></entry>\n";
}

}  // namespace

std::string BaseUrl(const SiteRecord& site) {
  return site.public_url.empty() ? kFallbackBaseUrl : site.public_url;
}

std::string AbsoluteUrl(const SiteRecord& site, std::string_view path) {
  return BaseUrl(site) + std::string(path);
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::vector<const ArticleRecord*> FeedArticles(const SiteSnapshot& snap, i18n::Lang lang,
                                               const ColumnRecord* column) {
  const std::string_view tag = i18n::Tag(lang);
  const ArticleList& list = column ? snap.ArticlesIn(column->id, tag) : snap.ArticlesInLanguage(tag);
  std::vector<const ArticleRecord*> out;
  for (std::size_t i = 0; i < list.size() && out.size() < kFeedItems; ++i)
    if (snap.ColumnById(list[i]->column_id)) out.push_back(list[i]);
  return out;
}

std::string RenderFeed(const SiteSnapshot& snap, const FeedSpec& spec,
                       const std::vector<FeedItem>& items) {
  const SiteRecord& site = snap.site();
  UnixSeconds updated = 0;
  for (const auto& item : items) updated = std::max(updated, LastChange(*item.article));
  const std::string page = AbsoluteUrl(site, spec.page_path);
  const std::string self = AbsoluteUrl(site, spec.self_path);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (spec.format == FeedFormat::kRss) {
    out += "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n";
    out += "<title>" + XmlEscape(spec.title) + "</title><link>" + XmlEscape(page) + "</link>";
    out += "<description>" + XmlEscape(spec.description) + "</description>";
    out += "<language>" + std::string(i18n::Tag(spec.lang)) + "</language>";
    if (updated) out += "<lastBuildDate>" + FormatHttpDate(updated) + "</lastBuildDate>";
    out += "<atom:link href=\"" + XmlEscape(self) + "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
    for (const auto& item : items) AppendRssItem(out, snap, spec, item);
    out += "</channel></rss>\n";
    return out;
  }
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
         std::string(i18n::Tag(spec.lang)) + "\">\n";
  out += "<id>" + XmlEscape(page) + "</id><title>" + XmlEscape(spec.title) + "</title>";
  if (!spec.description.empty()) out += "<subtitle>" + XmlEscape(spec.description) + "</subtitle>";
  out += "<updated>" + Utc(updated) + "</updated>";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlEscape(self) + "\"/>";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(page) + "\"/>";
  out += "<author><name>" + XmlEscape(spec.title) + "</name></author>\n";
  for (const auto& item : items) AppendAtomEntry(out, snap, spec, item);
  out += "</feed>\n";
  return out;
}

std::string FeedPath(const SiteRecord& site, i18n::Lang lang, const ColumnRecord* column,
                     FeedFormat format) {
  return LangPrefix(site, lang) + (column ? "/columns/" + column->slug : std::string()) +
         (format == FeedFormat::kRss ? "/feed.xml" : "/atom.xml");
}

Result<RenderedPage> BuildFeed(const SiteSnapshot& snap, i18n::Lang lang,
                               const ColumnRecord* column, FeedFormat format,
                               const SummaryReader& summary_of) {
  const SiteRecord& site = snap.site();
  FeedSpec spec;
  spec.format = format;
  spec.lang = lang;
  spec.column = column;
  const std::string& name = SiteText(site, lang, site.name, site.second_name);
  spec.title = column ? ColumnName(site, *column, lang) + " - " + name : name;
  spec.description = column ? ColumnDescription(site, *column, lang)
                            : SiteText(site, lang, site.description, site.second_description);
  if (spec.description.empty()) spec.description = name;
  spec.page_path = LangPrefix(site, lang) + (column ? ColumnUrl(column->slug) : HomeUrl());
  spec.self_path = FeedPath(site, lang, column, format);
  std::vector<FeedItem> items;
  for (const ArticleRecord* a : FeedArticles(snap, lang, column)) {
    auto summary = summary_of(a->id);
    if (!summary.ok()) return summary.status();
    items.push_back({a, std::move(summary).value()});
  }
  std::vector<std::string> deps = {"site", "columns"};
  deps.push_back(column ? "column:" + std::to_string(column->id) : "articles");
  return RenderedPage{200, RenderFeed(snap, spec, items), std::move(deps)};
}

// SitemapUrlCount, remembered for the last snapshot asked about: every
// file of a split sitemap needs the count (22 walks of a million articles
// per batch of an incremental export otherwise). Snapshots never change;
// the key also holds the change-log position and the article count, so a
// new snapshot at a freed one's address is not taken for it.
std::size_t CachedSitemapUrlCount(const SiteSnapshot& snap) {
  struct Entry {
    const SiteSnapshot* snap = nullptr;
    std::int64_t seq = 0;
    std::size_t articles = 0, urls = 0;
  };
  static std::mutex mu;
  static Entry last;
  {
    std::lock_guard lock(mu);
    if (last.snap == &snap && last.seq == snap.seq() && last.articles == snap.ArticleCount())
      return last.urls;
  }
  const std::size_t urls = SitemapUrlCount(snap);
  std::lock_guard lock(mu);
  last = {&snap, snap.seq(), snap.ArticleCount(), urls};
  return urls;
}

std::size_t SitemapFileCount(const SiteSnapshot& snap, std::size_t per_file) {
  const std::size_t n = CachedSitemapUrlCount(snap);
  return std::max<std::size_t>(1, (n + per_file - 1) / per_file);
}

std::string RenderSitemap(const SiteSnapshot& snap, std::size_t n, std::size_t per_file) {
  const std::size_t first = (n - 1) * per_file;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  ForEachSitemapUrl(snap, first, first + per_file, [&](const std::string& path, UnixSeconds lastmod) {
    out += "<url><loc>" + XmlEscape(AbsoluteUrl(snap.site(), path)) + "</loc>";
    if (lastmod) out += "<lastmod>" + Utc(lastmod) + "</lastmod>";
    out += "</url>\n";
  });
  out += "</urlset>\n";
  return out;
}

std::string RenderSitemapIndex(const SiteSnapshot& snap, std::size_t per_file) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  const std::size_t count = SitemapFileCount(snap, per_file);
  for (std::size_t n = 1; n <= count; ++n)
    out += "<sitemap><loc>" +
           XmlEscape(AbsoluteUrl(snap.site(), fmt::format("/sitemaps/{}.xml", n))) +
           "</loc></sitemap>\n";
  out += "</sitemapindex>\n";
  return out;
}

RenderedPage BuildSitemap(const SiteSnapshot& snap, std::size_t file) {
  const std::size_t count = SitemapFileCount(snap);
  std::string xml;
  if (file == 0)
    xml = count == 1 ? RenderSitemap(snap, 1) : RenderSitemapIndex(snap);
  else if (file <= count && count > 1)
    xml = RenderSitemap(snap, file);
  else
    return RenderedPage{404, "", {}};
  return RenderedPage{200, std::move(xml), {"site", "columns", "articles"}};
}

std::string RenderRobots(const SiteRecord& site) {
  std::string out = "User-agent: *\n";
  std::size_t rules = 0;
  for (const auto& line : Split(site.robots_disallow, '\n')) {
    if (line.empty() || line.front() != '/') continue;
    out += "Disallow: " + line + "\n";
    ++rules;
  }
  if (rules == 0) out += "Disallow:\n";  // everything may be crawled
  out += "\nSitemap: " + AbsoluteUrl(site, "/sitemap.xml") + "\n";
  return out;
}

}  // namespace procura
