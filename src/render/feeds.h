// Publishing outputs that are not HTML pages: RSS 2.0 and Atom feeds for the
// site and each column in each language, the sitemap (an index past
// kSitemapMaxUrls), and robots.txt. Pure functions of a snapshot (and, for
// feeds, the items' bodies): no clock, so an export and the server write the
// same bytes for the same content.
//
// Every link is absolute, under the site's public address (SiteRecord::
// public_url); a site without one uses kFallbackBaseUrl, and the newsroom's
// settings page asks for the address.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <functional>

#include "content/snapshot.h"
#include "i18n/catalogs.h"
#include "render/portal_pages.h"

namespace procura {

inline constexpr std::size_t kFeedItems = 20;          // newest items per feed
inline constexpr std::size_t kSitemapMaxUrls = 50000;  // per sitemap file (sitemaps.org)
inline constexpr const char* kFallbackBaseUrl = "http://localhost";

enum class FeedFormat { kRss, kAtom };

// The public address pages are linked under ("https://x.cn", no '/').
std::string BaseUrl(const SiteRecord& site);
// `path` ("/articles/1/") as an absolute URL.
std::string AbsoluteUrl(const SiteRecord& site, std::string_view path);

// One feed entry: a published article and the plain-text summary shown.
struct FeedItem {
  const ArticleRecord* article = nullptr;
  std::string summary;
};

struct FeedSpec {
  FeedFormat format = FeedFormat::kRss;
  i18n::Lang lang = i18n::Lang::kZh;
  const ColumnRecord* column = nullptr;  // null: the whole site
  std::string title;                     // "Site" or "Column - Site"
  std::string description;
  std::string page_path;  // the HTML page the feed follows ("/en/columns/x/")
  std::string self_path;  // the feed's own path
};

// The feed's articles, newest first: those published in `spec`'s language
// (and column), in visible columns, at most kFeedItems.
std::vector<const ArticleRecord*> FeedArticles(const SiteSnapshot& snap, i18n::Lang lang,
                                               const ColumnRecord* column);

// The feed document (UTF-8 XML). Dates come from the items (the newest
// update), never from the clock.
std::string RenderFeed(const SiteSnapshot& snap, const FeedSpec& spec,
                       const std::vector<FeedItem>& items);

// The feed of `column` (null: the whole site) in `lang`, as the server
// serves it at `FeedPath(...)`; `summary_of` gives an article's plain-text
// summary (it reads the body). 404 if `lang` is not one of the site's.
using SummaryReader = std::function<Result<std::string>(std::int64_t article_id)>;
Result<RenderedPage> BuildFeed(const SiteSnapshot& snap, i18n::Lang lang,
                               const ColumnRecord* column, FeedFormat format,
                               const SummaryReader& summary_of);
// "/feed.xml", "/en/columns/x/atom.xml", …
std::string FeedPath(const SiteRecord& site, i18n::Lang lang, const ColumnRecord* column,
                     FeedFormat format);

// How many sitemap files the site needs (1 if every URL fits in one).
std::size_t SitemapFileCount(const SiteSnapshot& snap, std::size_t per_file = kSitemapMaxUrls);
// File `n` (1-based) of the sitemap: home pages, column pages (every list
// page) and articles in both languages, each with lastmod.
std::string RenderSitemap(const SiteSnapshot& snap, std::size_t n,
                          std::size_t per_file = kSitemapMaxUrls);
// The index naming /sitemaps/1.xml … /sitemaps/<count>.xml.
std::string RenderSitemapIndex(const SiteSnapshot& snap, std::size_t per_file = kSitemapMaxUrls);

// What /sitemap.xml (`file` 0: the whole sitemap, or the index when it is
// split) or /sitemaps/<file>.xml serves; 404 for a part that does not exist.
RenderedPage BuildSitemap(const SiteSnapshot& snap, std::size_t file);

// robots.txt: the disallowed paths of the settings, and the sitemap's URL.
std::string RenderRobots(const SiteRecord& site);

// `s` escaped for XML text and attributes; characters XML 1.0 forbids
// (controls other than tab, LF, CR) are dropped.
std::string XmlEscape(std::string_view s);

}  // namespace procura
