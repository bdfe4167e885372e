// What a static export holds: every public URL of the site as a target,
// the file it is written to, and how to build it, with the same render
// functions the server uses, so a file holds the bytes the server sends for
// its URL (standard view, default font size).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/content_service.h"
#include "render/assets.h"
#include "render/feeds.h"
#include "render/portal_pages.h"
#include "render/templates.h"

namespace procura::publish {

struct Target {
  enum class Kind { kHome, kColumn, kArticle, kFeed, kSitemap, kRobots, kNotFound };
  Kind kind = Kind::kHome;
  std::string url;  // "/en/columns/x/page/2/", "/feed.xml", "/404.html"
  i18n::Lang lang = i18n::Lang::kZh;
  std::int64_t id = 0;  // the column (kColumn, kFeed; 0 = site feed) or article; sitemap file
  int page = 0;         // kColumn: 0 the first page, else the archive page
  FeedFormat format = FeedFormat::kRss;
};

// Calls `fn` with every target of `snap`, in a fixed order: per language
// the home page, each visible column's list pages, its feeds, the articles;
// then the site feeds, the sitemap (its index and parts when split),
// robots.txt and /404.html. Nothing is listed whole: a site of a million
// articles is walked, not held.
void ForEachTarget(const SiteSnapshot& snap, const std::function<void(Target&&)>& fn);
std::size_t CountTargets(const SiteSnapshot& snap);

// The targets no change to a few articles can add without an index
// telling: the home pages, every feed, the sitemap files, robots.txt and
// /404.html (not list pages, not articles). Tens of targets, not millions.
void ForEachSiteTarget(const SiteSnapshot& snap, const std::function<void(Target&&)>& fn);
// The list pages of column `column_id` in `lang` (nothing if it is hidden).
void ForEachListPage(const SiteSnapshot& snap, std::int64_t column_id, i18n::Lang lang,
                     const std::function<void(Target&&)>& fn);
// The page of published article `id`, or nullopt if it has none now.
std::optional<Target> ArticleTarget(const SiteSnapshot& snap, std::int64_t id);

// The file under the export root a URL is written to: "/" → "index.html",
// "/articles/1/" → "articles/1/index.html", "/feed.xml" → "feed.xml".
std::filesystem::path FileFor(std::string_view url);

// The Content-Type the server sends for the target.
std::string ContentTypeOf(const Target& t);

struct RenderInputs {
  ContentService& content;  // article bodies and summaries
  const TemplateSet& templates;
  const AssetTable& assets;
  const i18n::Catalogs* catalogs = nullptr;
};

// Builds the target from `snap`. A target that no longer exists (an article
// withdrawn since `snap` was taken) gives status 404.
Result<RenderedPage> RenderTarget(const Target& t, const SiteSnapshot& snap,
                                  const RenderInputs& in);

}  // namespace procura::publish
