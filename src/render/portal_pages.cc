#include "render/portal_pages.h"

#include "content/markdown.h"
#include "core/clock.h"
#include "core/text.h"

namespace procura {
namespace {

using kainjow::mustache::data;

std::string ColumnTag(std::int64_t id) { return "column:" + std::to_string(id); }

data Bool(bool b) { return b ? TemplateTrue() : data(data::type::bool_false); }

// Data every page's layout needs: site, navigation, assets, font size.
// `current_top_column` is the navigation entry the page belongs to (0: Home,
// -1: none); `exact` is true when the page is that entry's own page.
data LayoutData(const PageContext& ctx, const std::string& title, std::int64_t current_top_column,
                bool exact = false) {
  const SiteRecord& site = ctx.snap.site();
  data d;
  d.set("site_name", site.name);
  if (!site.tagline.empty()) d.set("site_tagline", site.tagline);
  if (!site.footer_text.empty()) d.set("footer_text", site.footer_text);
  d.set("icp", site.icp);
  d.set("has_icp", Bool(!site.icp.empty()));
  d.set("lang", site.lang);
  d.set("page_title", title.empty() ? site.name : title + " - " + site.name);
  d.set("css_url", ctx.assets.Url("css/site.css"));
  d.set("print_css_url", ctx.assets.Url("css/print.css"));
  d.set("js_url", ctx.assets.Url("js/site.js"));
  d.set("logo_url", ctx.assets.Url("img/emblem.svg"));
  if (ctx.font_size != FontSize::kDefault)
    d.set("fs_class", "fs-" + std::string(FontSizeName(ctx.font_size)));
  data nav{data::type::list};
  data home;
  home.set("name", "Home");
  home.set("url", HomeUrl());
  home.set("current", Bool(current_top_column == 0));
  home.set("current_value", "page");
  nav.push_back(home);
  for (const ColumnRecord* c : ctx.snap.top_columns()) {
    data item;
    item.set("name", c->name);
    item.set("url", ColumnUrl(c->slug));
    item.set("current", Bool(c->id == current_top_column));
    item.set("current_value", exact ? "page" : "true");
    nav.push_back(item);
  }
  d.set("nav", nav);
  return d;
}

data ArticleItem(const PageContext& ctx, const ArticleRecord& a) {
  const int off = ctx.snap.site().utc_offset_minutes;
  data item;
  item.set("title", a.title);
  item.set("url", ArticleUrl(a.id));
  item.set("date", FormatDate(*a.published_at, off));
  item.set("datetime", FormatRfc3339(*a.published_at, off));
  item.set("is_sample", Bool(a.is_sample));
  return item;
}

Result<RenderedPage> WithLayout(const PageContext& ctx, data layout, const std::string& body_tmpl,
                                data body, int status, std::vector<std::string> deps) {
  auto inner = ctx.templates.Render(body_tmpl, std::move(body));
  if (!inner.ok()) return inner.status();
  layout.set("content", *inner);
  auto html = ctx.templates.Render("layout", std::move(layout));
  if (!html.ok()) return html.status();
  deps.push_back("site");
  deps.push_back("columns");
  return RenderedPage{status, std::move(html).value(), std::move(deps)};
}

std::int64_t TopColumnOf(const SiteSnapshot& snap, std::int64_t column_id) {
  auto path = snap.ColumnPath(column_id);
  return path.empty() ? 0 : path.front()->id;
}

data Breadcrumbs(const SiteSnapshot& snap, std::int64_t column_id, bool link_last) {
  data crumbs{data::type::list};
  auto path = snap.ColumnPath(column_id);
  for (size_t i = 0; i < path.size(); ++i) {
    data c;
    c.set("name", path[i]->name);
    c.set("url", ColumnUrl(path[i]->slug));
    c.set("linked", Bool(link_last || i + 1 < path.size()));
    crumbs.push_back(c);
  }
  return crumbs;
}

}  // namespace

Result<RenderedPage> RenderHome(const PageContext& ctx) {
  const SiteSnapshot& snap = ctx.snap;
  data body;
  // Lead story: the newest shown article with a lead image among the
  // newest 50, else the newest shown article.
  const ArticleList& all = snap.articles();
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
      l.set("column_name", c->name);
      l.set("column_url", ColumnUrl(c->slug));
    }
    if (lead->lead_media_id) {
      if (const MediaRecord* m = snap.MediaById(*lead->lead_media_id)) {
        l.set("has_image", Bool(true));
        l.set("image_url", MediaUrl(m->stored_name));
        l.set("image_alt", m->alt_text);
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
    col.set("name", c->name);
    col.set("url", ColumnUrl(c->slug));
    col.set("heading_id", "col-" + c->slug);
    data items{data::type::list};
    auto list = snap.ArticlesIn(c->id);
    for (size_t i = 0; i < list.size() && i < 6; ++i) items.push_back(ArticleItem(ctx, *list[i]));
    col.set("articles", items);
    col.set("empty", Bool(list.empty()));
    columns.push_back(col);
  }
  body.set("columns", columns);
  return WithLayout(ctx, LayoutData(ctx, "", 0), "home", std::move(body), 200, {"articles"});
}

Result<RenderedPage> RenderColumn(const PageContext& ctx, const ColumnRecord& column,
                                  const Pagination& p) {
  data body;
  body.set("name", column.name);
  body.set("description", column.description);
  body.set("has_description", Bool(!column.description.empty()));
  body.set("crumbs", Breadcrumbs(ctx.snap, column.id, p.page > 1));
  data children{data::type::list};
  for (const ColumnRecord* c : ctx.snap.ChildrenOf(column.id)) {
    data child;
    child.set("name", c->name);
    child.set("url", ColumnUrl(c->slug));
    children.push_back(child);
  }
  body.set("has_children", Bool(!children.is_empty_list()));
  body.set("children", children);
  auto list = ctx.snap.ArticlesIn(column.id);
  data items{data::type::list};
  for (size_t i = p.offset; i < p.offset + p.count; ++i)
    items.push_back(ArticleItem(ctx, *list[i]));
  body.set("articles", items);
  body.set("empty", Bool(list.empty()));
  body.set("total", std::to_string(list.size()));
  body.set("page", std::to_string(p.page));
  body.set("pages", std::to_string(p.pages));
  if (p.pages > 1) {
    data pager;
    if (p.has_prev()) pager.set("prev_url", ColumnUrl(column.slug, p.page - 1));
    if (p.has_next()) pager.set("next_url", ColumnUrl(column.slug, p.page + 1));
    data links{data::type::list};
    for (const PageLink& l : p.Links()) {
      data link;
      link.set("gap", Bool(l.number == 0));
      link.set("number", std::to_string(l.number));
      link.set("url", ColumnUrl(column.slug, l.number));
      link.set("current", Bool(l.current));
      links.push_back(link);
    }
    pager.set("links", links);
    body.set("pager", pager);
  }
  std::string title = column.name;
  if (p.page > 1) title += " (page " + std::to_string(p.page) + ")";
  const bool exact = !column.parent_id && p.page == 1;
  return WithLayout(ctx, LayoutData(ctx, title, TopColumnOf(ctx.snap, column.id), exact), "column",
                    std::move(body), 200, {ColumnTag(column.id)});
}

Result<RenderedPage> RenderArticle(const PageContext& ctx, const ArticleRecord& a) {
  const int off = ctx.snap.site().utc_offset_minutes;
  data body = ArticleItem(ctx, a);
  body.set("long_date", FormatLongDate(*a.published_at, off));
  body.set("author", a.author);
  body.set("has_author", Bool(!a.author.empty()));
  body.set("news_source", a.news_source);
  body.set("has_news_source", Bool(!a.news_source.empty()));
  // Rendered when saved; an article whose body could not be rendered shows
  // its title and date with a notice instead of stopping the page.
  body.set("body_html", a.body_html.value_or(""));
  body.set("body_unavailable", Bool(!a.body_html));
  body.set("crumbs", Breadcrumbs(ctx.snap, a.column_id, true));
  for (FontSize f : {FontSize::kLarge, FontSize::kMedium, FontSize::kSmall}) {
    const std::string name(FontSizeName(f));
    body.set("fs_" + name + "_current", Bool(ctx.font_size == f));
  }
  if (a.lead_media_id) {
    if (const MediaRecord* m = ctx.snap.MediaById(*a.lead_media_id)) {
      data fig;
      fig.set("url", MediaUrl(m->stored_name));
      fig.set("alt", m->alt_text);
      fig.set("width", std::to_string(m->width));
      fig.set("height", std::to_string(m->height));
      fig.set("caption", a.lead_caption);
      fig.set("has_caption", Bool(!a.lead_caption.empty()));
      if (!a.lead_alt.empty()) fig.set("alt", a.lead_alt);  // the article's own alt text
      std::string srcset;
      for (const auto& v : Split(m->variants, ';')) {
        const size_t colon = v.find(':');
        if (colon == std::string::npos) continue;
        srcset += MediaUrl(v.substr(colon + 1)) + " " + v.substr(0, colon) + "w, ";
      }
      if (!srcset.empty()) {
        fig.set("srcset", srcset + MediaUrl(m->stored_name) + " " + std::to_string(m->width) + "w");
        fig.set("sizes", "(min-width: 48rem) 48rem, 100vw");
      }
      body.set("figure", fig);
    }
  }
  data files{data::type::list};
  for (const MediaRecord* m : ctx.snap.AttachmentsOf(a.id)) {
    data f;
    f.set("url", MediaUrl(m->stored_name));
    f.set("name", m->original_name.empty() ? m->stored_name : m->original_name);
    f.set("type", m->mime == "application/pdf" ? "PDF" : m->kind == "image" ? "image" : "document");
    f.set("size", m->byte_size < 1024 * 1024
                      ? std::to_string((m->byte_size + 1023) / 1024) + " KB"
                      : std::to_string(m->byte_size / (1024 * 1024)) + " MB");
    files.push_back(f);
  }
  body.set("has_attachments", Bool(!files.is_empty_list()));
  body.set("attachments", files);
  auto [older, newer] = ctx.snap.Neighbors(a.id);
  if (older) body.set("prev", ArticleItem(ctx, *older));
  if (newer) body.set("next", ArticleItem(ctx, *newer));
  return WithLayout(ctx, LayoutData(ctx, a.title, TopColumnOf(ctx.snap, a.column_id)), "article",
                    std::move(body), 200,
                    {"article:" + std::to_string(a.id), ColumnTag(a.column_id)});
}

Result<RenderedPage> RenderPage(const PageContext& ctx, const std::string& tmpl, TemplateData body,
                                const std::string& title, int status) {
  return WithLayout(ctx, LayoutData(ctx, title, -1), tmpl, std::move(body), status, {});
}

Result<RenderedPage> RenderNotFound(const PageContext& ctx) {
  return WithLayout(ctx, LayoutData(ctx, "Page not found", -1), "not_found", data{}, 404, {});
}

Result<RenderedPage> RenderServerError(const PageContext& ctx) {
  return WithLayout(ctx, LayoutData(ctx, "Service error", -1), "server_error", data{}, 500, {});
}

}  // namespace procura
