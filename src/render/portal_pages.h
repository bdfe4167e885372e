// Portal page builders: SiteSnapshot (+ article body) → HTML through the
// templates. Each returns the page with its dependency tags for PageCache.
// Pure functions of their inputs: no I/O, no clock.
#pragma once

#include <string>
#include <vector>

#include "content/snapshot.h"
#include "render/assets.h"
#include "render/page_language.h"
#include "render/pagination.h"
#include "render/templates.h"
#include "render/urls.h"

namespace procura {

// Debian's qrcode-generator (node-qrcode-generator), linked into static/
// from /usr/share/javascript: the article page's "read on a phone" code.
inline constexpr std::string_view kQrLibrary = "js/vendor/qrcode.js";

struct PageContext {
  const SiteSnapshot& snap;
  const TemplateSet& templates;
  const AssetTable& assets;
  FontSize font_size = FontSize::kDefault;
  // The page's language; null catalogs leave the English msgids.
  i18n::Lang lang = i18n::Lang::kZh;
  const i18n::Catalogs* catalogs = nullptr;
  // Elderly-friendly mode (适老化): larger type, high contrast, one column.
  bool care = false;

  std::string T(std::string_view msgid) const {
    return catalogs ? catalogs->Tr(lang, msgid) : std::string(msgid);
  }
  std::string TN(std::string_view singular, std::string_view plural, long n) const;
  // `path` ("/columns/x/") in this page's language ("/en/columns/x/").
  std::string Url(std::string_view path) const;
  // The same path in the other language.
  std::string OtherUrl(std::string_view path) const;
  const std::string& ColumnNameOf(const ColumnRecord& c) const {
    return ColumnName(snap.site(), c, lang);
  }
  std::string_view LangTag() const { return i18n::Tag(lang); }
};

struct RenderedPage {
  int status = 200;  // 404: not found (html unused); 301: html is the Location
  std::string html;
  std::vector<std::string> deps;  // PageCache tags
};

// Home: lead story, latest articles per top-level column, navigation.
Result<RenderedPage> RenderHome(const PageContext& ctx);

// One page of a column's list; `p` comes from PageOfList() over
// snap.ArticlesIn(column.id). An archive page shows only what stays
// fixed while the column grows (its articles' dates, not the column's
// total), so that it is rebuilt only when its own articles change.
Result<RenderedPage> RenderColumn(const PageContext& ctx, const ColumnRecord& column,
                                  const ListPage& p);

// An article page; `article` must be published and carry its body.
// Invalid if the body cannot be rendered.
Result<RenderedPage> RenderArticle(const PageContext& ctx, const ArticleRecord& article);

// Any portal page: template `tmpl` with `body`, inside the site layout.
// `path` is the page's path without the language prefix ("/search"), for
// the language switch.
Result<RenderedPage> RenderPage(const PageContext& ctx, const std::string& tmpl, TemplateData body,
                                const std::string& title, int status, const std::string& path);

// The 404 page (status 404).
Result<RenderedPage> RenderNotFound(const PageContext& ctx);

// A page for a request the site cannot answer as it was asked (a 400, a
// 405): `title` and `message` are msgids, translated here.
Result<RenderedPage> RenderRequestError(const PageContext& ctx, int status,
                                        std::string_view title, std::string_view message);

// The 500 page (status 500). Rendered at start-up and kept, so it can be
// served when rendering itself is what failed.
Result<RenderedPage> RenderServerError(const PageContext& ctx);

}  // namespace procura
