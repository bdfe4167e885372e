#include "publish/export_targets.h"

#include <fmt/format.h>

#include "render/page_language.h"
#include "render/pagination.h"
#include "render/urls.h"

namespace procura::publish {
namespace {

using Kind = Target::Kind;
constexpr i18n::Lang kLangs[] = {i18n::Lang::kZh, i18n::Lang::kEn};

using TargetFn = std::function<void(Target&&)>;

void ListPages(const SiteSnapshot& snap, const ColumnRecord& c, i18n::Lang lang, const TargetFn& fn) {
  const std::string prefix = LangPrefix(snap.site(), lang);
  const int archives = ArchivePageCount(snap.ArticlesIn(c.id, i18n::Tag(lang)).size());
  for (int p = 0; p <= archives; ++p) fn({Kind::kColumn, prefix + ColumnUrl(c.slug, p), lang, c.id, p});
}

void ColumnFeeds(const SiteSnapshot& snap, const ColumnRecord& c, i18n::Lang lang, const TargetFn& fn) {
  for (FeedFormat f : {FeedFormat::kRss, FeedFormat::kAtom})
    fn({Kind::kFeed, FeedPath(snap.site(), lang, &c, f), lang, c.id, 1, f});
}

// A column and its descendants, depth first.
void ForEachColumn(const SiteSnapshot& snap, const ColumnRecord& c,
                   const std::function<void(const ColumnRecord&)>& fn) {
  fn(c);
  for (const ColumnRecord* child : snap.ChildrenOf(c.id)) ForEachColumn(snap, *child, fn);
}

void SiteFeeds(const SiteSnapshot& snap, i18n::Lang lang, const TargetFn& fn) {
  for (FeedFormat f : {FeedFormat::kRss, FeedFormat::kAtom})
    fn({Kind::kFeed, FeedPath(snap.site(), lang, nullptr, f), lang, 0, 1, f});
}

void SiteFiles(const SiteSnapshot& snap, const TargetFn& fn) {
  const SiteRecord& site = snap.site();
  const std::size_t parts = SitemapFileCount(snap);
  fn({Kind::kSitemap, "/sitemap.xml", PrimaryLang(site), 0});
  if (parts > 1)
    for (std::size_t n = 1; n <= parts; ++n)
      fn({Kind::kSitemap, fmt::format("/sitemaps/{}.xml", n), PrimaryLang(site),
          static_cast<std::int64_t>(n)});
  fn({Kind::kRobots, "/robots.txt", PrimaryLang(site)});
  fn({Kind::kNotFound, "/404.html", PrimaryLang(site)});
}

}  // namespace

void ForEachTarget(const SiteSnapshot& snap, const TargetFn& fn) {
  for (i18n::Lang lang : kLangs) {
    const std::string prefix = LangPrefix(snap.site(), lang);
    fn({Kind::kHome, prefix + HomeUrl(), lang});
    for (const ColumnRecord* top : snap.top_columns())
      ForEachColumn(snap, *top, [&](const ColumnRecord& c) {
        ListPages(snap, c, lang, fn);
        ColumnFeeds(snap, c, lang, fn);
      });
    const ArticleList& all = snap.ArticlesInLanguage(i18n::Tag(lang));
    for (std::size_t i = 0; i < all.size(); ++i)
      if (snap.ColumnById(all[i]->column_id))
        fn({Kind::kArticle, prefix + ArticleUrl(all[i]->id), lang, all[i]->id});
    SiteFeeds(snap, lang, fn);
  }
  SiteFiles(snap, fn);
}

std::size_t CountTargets(const SiteSnapshot& snap) {
  std::size_t n = 0;
  ForEachTarget(snap, [&n](Target&&) { ++n; });
  return n;
}

void ForEachSiteTarget(const SiteSnapshot& snap, const TargetFn& fn) {
  for (i18n::Lang lang : kLangs) {
    fn({Kind::kHome, LangPrefix(snap.site(), lang) + HomeUrl(), lang});
    for (const ColumnRecord* top : snap.top_columns())
      ForEachColumn(snap, *top, [&](const ColumnRecord& c) { ColumnFeeds(snap, c, lang, fn); });
    SiteFeeds(snap, lang, fn);
  }
  SiteFiles(snap, fn);
}

void ForEachListPage(const SiteSnapshot& snap, std::int64_t column_id, i18n::Lang lang,
                     const TargetFn& fn) {
  if (const ColumnRecord* c = snap.ColumnById(column_id)) ListPages(snap, *c, lang, fn);
}

std::optional<Target> ArticleTarget(const SiteSnapshot& snap, std::int64_t id) {
  const ArticleRecord* a = snap.ArticleById(id);
  if (!a || !snap.ColumnById(a->column_id)) return std::nullopt;
  const i18n::Lang lang = i18n::Parse(a->lang).value_or(i18n::Lang::kZh);
  return Target{Kind::kArticle, LangPrefix(snap.site(), lang) + ArticleUrl(id), lang, id};
}

std::filesystem::path FileFor(std::string_view url) {
  std::string rel(url.substr(url.starts_with('/') ? 1 : 0));
  if (rel.empty() || rel.ends_with('/')) rel += "index.html";
  return std::filesystem::path(rel);
}

std::string ContentTypeOf(const Target& t) {
  switch (t.kind) {
    case Kind::kFeed:
      return t.format == FeedFormat::kRss ? "application/rss+xml; charset=utf-8"
                                          : "application/atom+xml; charset=utf-8";
    case Kind::kSitemap: return "application/xml; charset=utf-8";
    case Kind::kRobots: return "text/plain; charset=utf-8";
    default: return "text/html; charset=utf-8";
  }
}

Result<RenderedPage> RenderTarget(const Target& t, const SiteSnapshot& snap,
                                  const RenderInputs& in) {
  const PageContext ctx{snap, in.templates, in.assets, FontSize::kDefault, t.lang, in.catalogs};
  const RenderedPage gone{404, "", {}};
  switch (t.kind) {
    case Kind::kHome: return RenderHome(ctx);
    case Kind::kColumn: {
      const ColumnRecord* c = snap.ColumnById(t.id);
      if (!c) return gone;
      auto page = PageOfList(snap.ArticlesIn(c->id, i18n::Tag(t.lang)).size(), t.page);
      if (!page) return gone;
      return RenderColumn(ctx, *c, *page);
    }
    case Kind::kArticle: {
      // Gone, or now at another address (its language changed): this URL
      // is not its page any more.
      const auto now = ArticleTarget(snap, t.id);
      if (!now || now->url != t.url) return gone;
      auto full = in.content.PublishedArticle(t.id);
      if (!full.ok()) return full.status();
      if (!full->has_value()) return gone;
      return RenderArticle(ctx, **full);
    }
    case Kind::kFeed: {
      const ColumnRecord* c = t.id ? snap.ColumnById(t.id) : nullptr;
      if (t.id && !c) return gone;
      return BuildFeed(snap, t.lang, c, t.format,
                       [&](std::int64_t id) { return in.content.Summary(id); });
    }
    case Kind::kSitemap: return BuildSitemap(snap, static_cast<std::size_t>(t.id));
    case Kind::kRobots: return RenderedPage{200, RenderRobots(snap.site()), {"site"}};
    case Kind::kNotFound: {
      auto page = RenderNotFound(ctx);
      if (!page.ok()) return page;
      page->status = 200;  // a file like any other; nginx sends it with 404
      page->deps = {"site", "columns"};
      return page;
    }
  }
  return gone;
}

}  // namespace procura::publish
