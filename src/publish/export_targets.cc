#include "publish/export_targets.h"

#include <fmt/format.h>

#include "render/page_language.h"
#include "render/pagination.h"
#include "render/urls.h"

namespace procura::publish {
namespace {

using Kind = Target::Kind;
constexpr i18n::Lang kLangs[] = {i18n::Lang::kZh, i18n::Lang::kEn};

void AddColumn(std::vector<Target>& out, const SiteSnapshot& snap, const ColumnRecord& c,
               i18n::Lang lang) {
  const std::string prefix = LangPrefix(snap.site(), lang);
  const std::size_t n = snap.ArticlesIn(c.id, i18n::Tag(lang)).size();
  const int pages = Paginate(n, 1).p.pages;
  for (int p = 1; p <= pages; ++p)
    out.push_back({Kind::kColumn, prefix + ColumnUrl(c.slug, p), lang, c.id, p});
  for (FeedFormat f : {FeedFormat::kRss, FeedFormat::kAtom})
    out.push_back({Kind::kFeed, FeedPath(snap.site(), lang, &c, f), lang, c.id, 1, f});
  for (const ColumnRecord* child : snap.ChildrenOf(c.id)) AddColumn(out, snap, *child, lang);
}

}  // namespace

std::vector<Target> EnumerateTargets(const SiteSnapshot& snap) {
  std::vector<Target> out;
  const SiteRecord& site = snap.site();
  for (i18n::Lang lang : kLangs) {
    const std::string prefix = LangPrefix(site, lang);
    out.push_back({Kind::kHome, prefix + HomeUrl(), lang});
    for (const ColumnRecord* c : snap.top_columns()) AddColumn(out, snap, *c, lang);
    const ArticleList& all = snap.ArticlesInLanguage(i18n::Tag(lang));
    for (std::size_t i = 0; i < all.size(); ++i)
      if (snap.ColumnById(all[i]->column_id))
        out.push_back({Kind::kArticle, prefix + ArticleUrl(all[i]->id), lang, all[i]->id});
    for (FeedFormat f : {FeedFormat::kRss, FeedFormat::kAtom})
      out.push_back({Kind::kFeed, FeedPath(site, lang, nullptr, f), lang, 0, 1, f});
  }
  const std::size_t parts = SitemapFileCount(snap);
  out.push_back({Kind::kSitemap, "/sitemap.xml", PrimaryLang(site), 0});
  if (parts > 1)
    for (std::size_t n = 1; n <= parts; ++n)
      out.push_back({Kind::kSitemap, fmt::format("/sitemaps/{}.xml", n), PrimaryLang(site),
                     static_cast<std::int64_t>(n)});
  out.push_back({Kind::kRobots, "/robots.txt", PrimaryLang(site)});
  out.push_back({Kind::kNotFound, "/404.html", PrimaryLang(site)});
  return out;
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
      auto paged = Paginate(snap.ArticlesIn(c->id, i18n::Tag(t.lang)).size(), t.page);
      if (!paged.ok) return gone;
      return RenderColumn(ctx, *c, paged.p);
    }
    case Kind::kArticle: {
      if (!snap.ArticleById(t.id)) return gone;
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
