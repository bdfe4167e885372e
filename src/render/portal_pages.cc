#include "render/portal_pages.h"

#include <algorithm>
#include <limits>

#include "content/markdown.h"
#include "core/clock.h"
#include "core/text.h"
#include "render/feeds.h"
#include "render/article_parts.h"
#include "render/page_layout.h"
#include "render/page_meta.h"

namespace procura {
namespace {

using kainjow::mustache::data;

std::string ColumnTag(std::int64_t id) { return "column:" + std::to_string(id); }

data Bool(bool b) { return b ? TemplateTrue() : data(data::type::bool_false); }


data ArticleItem(const PageContext& ctx, const ArticleRecord& a) {
  const int off = ctx.snap.site().utc_offset_minutes;
  data item;
  item.set("title", a.title);
  item.set("url", ctx.Url(ArticleUrl(a.id)));
  item.set("date", FormatDate(*a.published_at, off));
  item.set("datetime", FormatRfc3339(*a.published_at, off));
  item.set("is_sample", Bool(a.is_sample));
  return item;
}

// A column's pinned articles (置顶, marked) and then list[begin, end)
// without them, at most `limit` items in all: the column's first list page
// and its block on the home page.
data ItemsWithPins(const PageContext& ctx, std::int64_t column_id, const ArticleList& list,
                   std::size_t begin, std::size_t end, std::size_t limit) {
  data items{data::type::list};
  std::size_t n = 0;
  const std::vector<const ArticleRecord*> pinned = ctx.snap.PinnedIn(column_id, ctx.LangTag());
  for (const ArticleRecord* a : pinned) {
    if (n++ == limit) return items;
    data item = ArticleItem(ctx, *a);
    item.set("pinned", Bool(true));
    items.push_back(item);
  }
  for (std::size_t i = begin; i < end && i < list.size(); ++i) {
    const bool shown = std::any_of(pinned.begin(), pinned.end(),
                                   [&](const ArticleRecord* p) { return p->id == list[i]->id; });
    if (shown) continue;
    if (n++ == limit) break;
    items.push_back(ArticleItem(ctx, *list[i]));
  }
  return items;
}

Result<RenderedPage> WithLayout(const PageContext& ctx, data layout, const std::string& body_tmpl,
                                data body, int status, std::vector<std::string> deps) {
  body.set("home_url", ctx.Url("/"));
  body.set("search_url", ctx.Url("/search"));
  auto inner = ctx.templates.Render(body_tmpl, std::move(body), ctx.lang);
  if (!inner.ok()) return inner.status();
  layout.set("content", *inner);
  auto html = ctx.templates.Render("layout", std::move(layout), ctx.lang);
  if (!html.ok()) return html.status();
  deps.push_back("site");
  deps.push_back("columns");
  return RenderedPage{status, std::move(html).value(), std::move(deps)};
}

std::int64_t TopColumnOf(const SiteSnapshot& snap, std::int64_t column_id) {
  auto path = snap.ColumnPath(column_id);
  return path.empty() ? 0 : path.front()->id;
}

data Breadcrumbs(const PageContext& ctx, std::int64_t column_id, bool link_last) {
  data crumbs{data::type::list};
  auto path = ctx.snap.ColumnPath(column_id);
  for (size_t i = 0; i < path.size(); ++i) {
    data c;
    c.set("name", ctx.ColumnNameOf(*path[i]));
    c.set("url", ctx.Url(ColumnUrl(path[i]->slug)));
    c.set("linked", Bool(link_last || i + 1 < path.size()));
    crumbs.push_back(c);
  }
  return crumbs;
}

// "25 articles" on the first page; on an archive page its articles' dates,
// oldest to newest ("20 articles from 2021-03-02 to 2021-06-30").
std::string ListCountText(const PageContext& ctx, const ArticleList& list, const ListPage& p) {
  if (p.is_first()) return ctx.TN("{n} article", "{n} articles", static_cast<long>(list.size()));
  const int off = ctx.snap.site().utc_offset_minutes;
  return FillPlaceholders(
      ctx.T("{n} articles from {from} to {to}"),
      {{"n", std::to_string(p.count)},
       {"from", FormatDate(*list[p.offset + p.count - 1]->published_at, off)},
       {"to", FormatDate(*list[p.offset]->published_at, off)}});
}

data Pager(const PageContext& ctx, const ColumnRecord& column, const ListPage& p) {
  const auto url = [&](int archive) { return ctx.Url(ColumnUrl(column.slug, archive)); };
  data pager;
  if (auto n = p.Newer()) pager.set("newer_url", url(*n));
  if (auto o = p.Older()) pager.set("older_url", url(*o));
  data links{data::type::list};
  for (const PageLink& l : p.Links()) {
    data link;
    link.set("gap", Bool(l.gap));
    link.set("latest", Bool(!l.gap && l.archive == 0));
    link.set("number", std::to_string(l.archive));
    link.set("url", url(l.archive));
    link.set("current", Bool(l.current));
    links.push_back(link);
  }
  pager.set("links", links);
  return pager;
}

}  // namespace

Result<RenderedPage> RenderHome(const PageContext& ctx) {
  const SiteSnapshot& snap = ctx.snap;
  data body;
  body.set("show_12309", Bool(snap.site().show_12309));
  // Lead story: the newest shown article with a lead image among the
  // newest 50, else the newest shown article.
  const ArticleList& all = snap.ArticlesInLanguage(ctx.LangTag());
  const ArticleRecord* lead = nullptr;
  for (std::size_t i = 0, shown = 0; i < all.size() && shown < 50; ++i) {
    const ArticleRecord* a = all[i];
    if (!snap.ColumnById(a->column_id)) continue;  // in a hidden column
    ++shown;
    if (!lead) lead = a;
    if (a->lead_media_id) {
      lead = a;
      break;
    }
  }
  if (lead) {
    data l = ArticleItem(ctx, *lead);
    if (const ColumnRecord* c = snap.ColumnById(lead->column_id)) {
      l.set("column_name", ctx.ColumnNameOf(*c));
      l.set("column_url", ctx.Url(ColumnUrl(c->slug)));
    }
    if (lead->lead_media_id) {
      if (const MediaRecord* m = snap.MediaById(*lead->lead_media_id)) {
        l.set("has_image", Bool(true));
        l.set("image_url", MediaUrl(m->stored_name));
        l.set("image_alt", lead->lead_alt.empty() ? m->alt_text : lead->lead_alt);
        l.set("image_width", std::to_string(m->width));
        l.set("image_height", std::to_string(m->height));
        l.set("caption", lead->lead_caption);
      }
    }
    body.set("lead", l);
  }
  data columns{data::type::list};
  for (const ColumnRecord* c : snap.top_columns()) {
    data col;
    col.set("name", ctx.ColumnNameOf(*c));
    col.set("url", ctx.Url(ColumnUrl(c->slug)));
    col.set("heading_id", "col-" + c->slug);
    const ArticleList& list = snap.ArticlesIn(c->id, ctx.LangTag());
    col.set("articles", ItemsWithPins(ctx, c->id, list, 0, list.size(), 6));
    col.set("empty", Bool(list.empty()));
    columns.push_back(col);
  }
  body.set("columns", columns);
  data layout = LayoutData(ctx, "", 0);
  SetPageMeta(ctx, {.path = ctx.Url(HomeUrl())}, layout);
  return WithLayout(ctx, std::move(layout), "home", std::move(body), 200, {"articles"});
}

Result<RenderedPage> RenderColumn(const PageContext& ctx, const ColumnRecord& column,
                                  const ListPage& p) {
  data body;
  body.set("name", ctx.ColumnNameOf(column));
  // The second language's description where there is one; otherwise the
  // primary one, marked with its language on a second-language page.
  const bool second = ctx.lang != PrimaryLang(ctx.snap.site());
  const bool translated = second && !column.second_description.empty();
  const std::string& description = translated ? column.second_description : column.description;
  body.set("description", description);
  if (second && !translated)
    body.set("description_lang", std::string(i18n::Tag(PrimaryLang(ctx.snap.site()))));
  body.set("has_description", Bool(!description.empty()));
  body.set("crumbs", Breadcrumbs(ctx, column.id, !p.is_first()));
  data children{data::type::list};
  for (const ColumnRecord* c : ctx.snap.ChildrenOf(column.id)) {
    data child;
    child.set("name", ctx.ColumnNameOf(*c));
    child.set("url", ctx.Url(ColumnUrl(c->slug)));
    children.push_back(child);
  }
  body.set("has_children", Bool(!children.is_empty_list()));
  body.set("children", children);
  const ArticleList& list = ctx.snap.ArticlesIn(column.id, ctx.LangTag());
  if (p.is_first()) {
    body.set("articles", ItemsWithPins(ctx, column.id, list, p.offset, p.offset + p.count,
                                       std::numeric_limits<std::size_t>::max()));
  } else {
    data items{data::type::list};
    for (size_t i = p.offset; i < p.offset + p.count; ++i)
      items.push_back(ArticleItem(ctx, *list[i]));
    body.set("articles", items);
  }
  body.set("empty", Bool(list.empty()));
  body.set("list_text", ListCountText(ctx, list, p));
  if (p.archives > 0) body.set("pager", Pager(ctx, column, p));
  std::string title = ctx.ColumnNameOf(column);
  if (!p.is_first())
    title = FillPlaceholders(ctx.T("{name} (page {page})"),
                             {{"name", title}, {"page", std::to_string(p.archive)}});
  const bool exact = !column.parent_id && p.is_first();
  const std::string path = ColumnUrl(column.slug, p.archive);
  // The other language may have fewer archive pages: its switch then leads
  // to the column's first page there, not to a 404.
  const std::size_t other_count =
      ctx.snap.ArticlesIn(column.id, i18n::Tag(i18n::Other(ctx.lang))).size();
  const bool other_has_page = p.archive <= ArchivePageCount(other_count);
  const OtherLanguagePage other{path, other_has_page ? path : ColumnUrl(column.slug), other_has_page};
  data layout = LayoutData(ctx, title, TopColumnOf(ctx.snap, column.id), exact, other);
  SetPageMeta(ctx, {.path = ctx.Url(path), .description = ColumnDescription(ctx.snap.site(), column, ctx.lang),
                    .column = &column},
              layout);
  return WithLayout(ctx, std::move(layout), "column", std::move(body), 200,
                    {ColumnTag(column.id)});
}

Result<RenderedPage> RenderArticle(const PageContext& ctx, const ArticleRecord& a) {
  const int off = ctx.snap.site().utc_offset_minutes;
  data body = ArticleItem(ctx, a);
  body.set("long_date", FormatArticleDate(*a.published_at, off, ctx.lang));
  body.set("author", a.author);
  // The seed's labels show even when empty if the site says so.
  const bool labels = ctx.snap.site().show_byline_labels;
  body.set("show_author", Bool(labels || !a.author.empty()));
  body.set("news_source", a.news_source);
  body.set("show_news_source", Bool(labels || !a.news_source.empty()));
  // Rendered when saved; an article whose body could not be rendered shows
  // its title and date with a notice instead of stopping the page.
  body.set("body_html", a.body_html ? ResponsiveBodyImages(*a.body_html, ctx.snap) : "");
  body.set("body_unavailable", Bool(!a.body_html));
  body.set("crumbs", Breadcrumbs(ctx, a.column_id, true));
  for (FontSize f : {FontSize::kLarge, FontSize::kMedium, FontSize::kSmall}) {
    const std::string name(FontSizeName(f));
    body.set("fs_" + name + "_current", Bool(ctx.font_size == f));
  }
  if (auto figure = LeadFigure(ctx, a)) body.set("figure", std::move(*figure));
  data files = AttachmentList(ctx, a.id);
  body.set("has_attachments", Bool(!files.is_empty_list()));
  body.set("attachments", files);
  auto [older, newer] = ctx.snap.Neighbors(a.id);
  if (older) body.set("prev", ArticleItem(ctx, *older));
  if (newer) body.set("next", ArticleItem(ctx, *newer));
  body.set("has_prev_next", Bool(older || newer));
  // For the printed page's header: the site, the column, the address.
  body.set("site_name", SiteNameIn(ctx));
  if (const ColumnRecord* c = ctx.snap.ColumnById(a.column_id))
    body.set("column_name", ctx.ColumnNameOf(*c));
  // The printed address: absolute when the site's public address is set
  // (site.js fills in the origin otherwise, when script runs).
  const std::string path = ctx.Url(ArticleUrl(a.id));
  body.set("page_path", path);
  body.set("page_url", ctx.snap.site().public_url.empty() ? path : AbsoluteUrl(ctx.snap.site(), path));
  // 手机扫码阅读: site.js draws the address the reader is at as a QR code
  // with Debian's qrcode-generator, loaded on the first click; without it
  // installed there is no button.
  if (ctx.assets.all().contains(kQrLibrary)) body.set("qr_lib", ctx.assets.Url(kQrLibrary));
  // The language switch leads to the translation, or to the other home.
  std::vector<std::string> deps = {"article:" + std::to_string(a.id), ColumnTag(a.column_id)};
  OtherLanguagePage other{ArticleUrl(a.id), "/", false};
  if (const ArticleRecord* t = ctx.snap.TranslationOf(a.id)) {
    other = {ArticleUrl(a.id), ArticleUrl(t->id), true};
    deps.push_back("article:" + std::to_string(t->id));
  }
  data layout = LayoutData(ctx, a.title, TopColumnOf(ctx.snap, a.column_id), false, other);
  SetPageMeta(ctx, ArticleMeta(ctx, a), layout);
  return WithLayout(ctx, std::move(layout), "article", std::move(body), 200, std::move(deps));
}

Result<RenderedPage> RenderPage(const PageContext& ctx, const std::string& tmpl, TemplateData body,
                                const std::string& title, int status, const std::string& path) {
  data layout = LayoutData(ctx, title, -1, false, {path, path});
  SetPageMeta(ctx, {.path = ctx.Url(path)}, layout);
  return WithLayout(ctx, std::move(layout), tmpl, std::move(body), status, {});
}

Result<RenderedPage> RenderNotFound(const PageContext& ctx) {
  return WithLayout(ctx, LayoutData(ctx, ctx.T("Page not found"), -1, false, {"/", "/", false}),
                    "not_found", data{}, 404, {});
}

Result<RenderedPage> RenderRequestError(const PageContext& ctx, int status,
                                        std::string_view title, std::string_view message) {
  data body;
  body.set("heading", ctx.T(title));
  body.set("message", ctx.T(message));
  return WithLayout(ctx, LayoutData(ctx, ctx.T(title), -1, false, {"/", "/", false}),
                    "request_error", std::move(body), status, {});
}

Result<RenderedPage> RenderServerError(const PageContext& ctx) {
  return WithLayout(ctx, LayoutData(ctx, ctx.T("Service error"), -1, false, {"/", "/", false}),
                    "server_error", data{}, 500, {});
}

}  // namespace procura
