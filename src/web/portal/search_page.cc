// Portal::Search: the reader's search page. Results come from the search
// index and are shown only if the current snapshot holds the article as
// published in a visible column.
#include <fmt/format.h>

#include <cmath>

#include "core/clock.h"
#include "core/text.h"
#include "web/portal/portal.h"
#include "web/portal/reader_preferences.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {

std::string SearchUrl(const PageContext& ctx, std::map<std::string, std::string> params, int page) {
  params["page"] = page > 1 ? std::to_string(page) : "";
  std::string url = ctx.Url("/search?");
  bool first = true;
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    url += (first ? "" : "&") + k + "=" + UrlEncode(v);
    first = false;
  }
  return url;
}
// "1 result", "15 results", or "About 12000 results" when Xapian only
// estimated the count (past about a thousand matches).
std::string ResultCountWords(const PageContext& ctx, std::size_t total, bool exact) {
  const long n = static_cast<long>(total);
  return exact ? ctx.TN("{n} result", "{n} results", n)
               : ctx.TN("About {n} result", "About {n} results", n);
}

// The top columns as the column filter's options; the chosen one (by
// slug) sets `sq.column_id` and the page's column name.
data ColumnOptions(const PageContext& ctx, const SiteSnapshot& snap, const std::string& chosen,
                   search::SearchQuery& sq, data& body) {
  data columns{data::type::list};
  for (const ColumnRecord* c : snap.top_columns()) {
    data o;
    o.set("slug", c->slug);
    o.set("name", ctx.ColumnNameOf(*c));
    o.set("url", ctx.Url(ColumnUrl(c->slug)));
    if (chosen == c->slug) {
      o.set("selected", TemplateTrue());
      sq.column_id = c->id;
      body.set("column_name", ctx.ColumnNameOf(*c));
    }
    columns.push_back(o);
  }
  return columns;
}

// The hits still public in `snap`, from both languages: each links under
// its own language and is marked with it when it is not the page's.
data HitRows(const SiteSnapshot& snap, const std::vector<search::SearchHit>& hits, i18n::Lang lang) {
  const int off = snap.site().utc_offset_minutes;
  data rows{data::type::list};
  for (const auto& h : hits) {
    const ArticleRecord* a = snap.ArticleById(h.article_id);
    if (!a) continue;  // not (or no longer) public
    const ColumnRecord* c = snap.ColumnById(a->column_id);
    const i18n::Lang own = i18n::Parse(a->lang).value_or(lang);
    data item;
    item.set("title", a->title);
    item.set("url", LangPrefix(snap.site(), own) + ArticleUrl(a->id));
    if (own != lang) item.set("hit_lang", a->lang);
    item.set("column", c ? ColumnName(snap.site(), *c, own) : "");
    item.set("column_url", c ? LangPrefix(snap.site(), own) + ColumnUrl(c->slug) : "/");
    item.set("date", FormatDate(*a->published_at, off));
    item.set("datetime", FormatRfc3339(*a->published_at, off));
    item.set("snippet", h.snippet_html);
    rows.push_back(item);
  }
  return rows;
}

// A search's results for the template: the hits, their count in words,
// a spelling suggestion, and the pager (ten to a page).
void SetResults(const PageContext& ctx, const SiteSnapshot& snap, i18n::Lang lang,
                const std::map<std::string, std::string>& params, const search::SearchQuery& sq,
                const search::SearchResult& r, data& body) {
  body.set("has_query", TemplateTrue());
  body.set("hits", HitRows(snap, r.hits, lang));
  body.set("total_words", ResultCountWords(ctx, r.total, r.total_is_exact));
  if (r.total == 0) body.set("empty", TemplateTrue());
  if (!r.suggestion.empty() && r.suggestion != sq.text) {
    body.set("suggestion", r.suggestion);
    auto with_suggestion = params;
    with_suggestion["q"] = r.suggestion;
    body.set("suggestion_url", SearchUrl(ctx, with_suggestion, 1));
  }
  const int pages = static_cast<int>(std::max<std::size_t>(1, (r.total + 9) / 10));
  if (pages <= 1) return;
  data pager;
  pager.set("page", std::to_string(sq.page));
  pager.set("pages", std::to_string(pages));
  if (sq.page > 1) pager.set("prev_url", SearchUrl(ctx, params, sq.page - 1));
  if (sq.page < pages) pager.set("next_url", SearchUrl(ctx, params, sq.page + 1));
  body.set("pager", pager);
}

}  // namespace

Response Portal::Search(const Request& req, i18n::Lang lang) {
  auto params = ParseQuery(req.query);
  const auto snap = d_.content.Snapshot();
  const PageContext ctx = Context(*snap, req, lang);
  const int off = snap->site().utc_offset_minutes;
  const std::string text = params["q"];
  data body;
  body.set("q", IsValidUtf8(text) ? text : std::string());
  body.set("from", params["from"]);
  body.set("to", params["to"]);
  if (params["sort"] == "newest") body.set("newest", TemplateTrue());
  search::SearchQuery sq;
  sq.text = text;
  sq.newest_first = params["sort"] == "newest";
  sq.page = static_cast<int>(ParsePositiveId(params["page"]).value_or(1));
  body.set("columns", ColumnOptions(ctx, *snap, params["column"], sq, body));
  if (auto t = ParseLocalTime(params["from"], off)) sq.from = *t;
  if (auto t = ParseLocalTime(params["to"], off)) sq.to = *t + 86399;
  int status = 200;
  if (text.find_first_not_of(" \t") != std::string::npos) {
    auto r = d_.search->Search(sq);
    if (r.ok()) {
      SetResults(ctx, *snap, lang, params, sq, *r, body);
    } else {
      status = r.status().code() == Status::Code::kInvalidArgument ? 400
               : r.status().code() == Status::Code::kUnavailable   ? 503
                                                                   : 500;
      body.set("error", status == 500 ? ctx.T("Search failed; please try again.")
                                      : ctx.T(r.status().msgid()));
    }
  }
  const std::string shown = Utf8Prefix(IsValidUtf8(text) ? text : "", 60);
  auto page = RenderPage(ctx, "search", std::move(body),
                         text.empty() ? ctx.T("Search")
                                      : FillPlaceholders(ctx.T("Search: {words}"), {{"words", shown}}),
                         status, "/search");
  if (!page.ok()) return ServerError(req);
  Response res;
  res.status = page->status;
  res.body = std::make_shared<const std::string>(std::move(page->html));
  res.SetHeader("Cache-Control", "no-cache");
  RememberPreferences(req, res);
  return res;
}

}  // namespace procura::web
