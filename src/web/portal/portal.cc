#include "web/portal/portal.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>

#include "core/text.h"
#include "http/forms.h"
#include "http/serialized_head.h"
#include "web/portal/reader_preferences.h"

namespace procura::web {
namespace {

using http::Request;
using http::Response;

}  // namespace

std::string EtagFor(std::string_view body) { return "\"" + ContentHash(body) + "\""; }

std::string CodingEtag(const std::string& etag, ContentCoding coding) {
  if (coding == ContentCoding::kIdentity || etag.size() < 2) return etag;
  std::string out = etag;
  out.insert(out.size() - 1, coding == ContentCoding::kGzip ? "-gz" : "-br");
  return out;
}

Response CachedResponse(const Request& req, int status, const std::string& content_type,
                        std::shared_ptr<const std::string> body, const std::string& etag_identity,
                        std::string cache_control, const CompressedVariants* variants) {
  Response res;
  std::string etag = etag_identity;
  if (variants && (variants->gzip || variants->brotli)) {
    res.SetHeader("Vary", "Accept-Encoding");
    const ContentCoding coding = NegotiateCoding(req.Header("accept-encoding"),
                                                 variants->gzip != nullptr, variants->brotli != nullptr);
    if (coding != ContentCoding::kIdentity) {
      body = coding == ContentCoding::kGzip ? variants->gzip : variants->brotli;
      res.SetHeader("Content-Encoding", std::string(CodingName(coding)));
      etag = CodingEtag(etag, coding);
    }
  }
  res.SetHeader("ETag", etag);
  res.SetHeader("Cache-Control", std::move(cache_control));
  if (status == 200 && NotModified(req, etag)) {
    res.status = 304;
    return res;
  }
  res.status = status;
  res.content_type = content_type;
  res.body = std::move(body);
  return res;
}

bool NotModified(const Request& req, const std::string& etag) {
  const std::string_view inm = req.Header("if-none-match");
  if (inm.empty()) return false;
  if (inm == "*") return true;
  // A list of tags, possibly weak ("W/"): compare opaque parts.
  const std::string_view want = std::string_view(etag);
  size_t pos = 0;
  while (pos < inm.size()) {
    size_t comma = inm.find(',', pos);
    std::string_view tag =
        inm.substr(pos, comma == std::string_view::npos ? inm.npos : comma - pos);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == want) return true;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return false;
}

i18n::Lang Portal::Primary() const { return PrimaryLang(d_.content.Snapshot()->site()); }

i18n::Lang Portal::LangOf(const Request& req) const {
  const auto snap = d_.content.Snapshot();
  const std::string_view path = req.path;
  if (path.size() >= 4 && path[0] == '/' && path[3] == '/')
    if (auto lang = LangOfPrefix(snap->site(), path.substr(1, 2))) return *lang;
  return PrimaryLang(snap->site());
}

namespace {

// Archive page numbers past this answer 404 without a look at the list
// (two million articles in one column).
constexpr std::int64_t kMaxArchivePage = 100000;

}  // namespace

PageContext Portal::Context(const SiteSnapshot& snap, const Request& req, i18n::Lang lang) const {
  PageContext ctx{snap, d_.templates, d_.assets, RequestedFontSize(req), lang, d_.catalogs};
  ctx.care = RequestedCare(req);
  return ctx;
}

Status Portal::Init() {
  auto snap = d_.content.Snapshot();
  for (i18n::Lang lang : i18n::kAllLangs) {
    PageContext ctx{*snap, d_.templates, d_.assets, FontSize::kDefault, lang, d_.catalogs};
    auto page = RenderServerError(ctx);
    if (!page.ok()) return page.status();
    error_pages_[lang] = std::make_shared<const std::string>(std::move(page->html));
  }
  return Status::Ok();
}

void Portal::AddRoutes(http::Router& r) {
  // Every page in the primary language at /, and in the second one under
  // /en/ or /zh/ (whichever is not the primary; the other prefix is 404).
  for (const std::string prefix : {"", "/en", "/zh"}) {
    const std::string code = prefix.empty() ? "" : prefix.substr(1);
    auto lang = [this, code](const Request&) -> std::optional<i18n::Lang> {
      const i18n::Lang primary = Primary();
      if (code.empty()) return primary;
      const i18n::Lang second = i18n::Other(primary);
      if (code == (second == i18n::Lang::kEn ? "en" : "zh")) return second;
      return std::nullopt;
    };
    r.Add("GET", prefix + "/", [this, lang](const Request& q, const auto&) {
      auto l = lang(q);
      return l ? Home(q, *l) : NotFound(q);
    });
    for (const char* pattern : {"/columns/{slug}/", "/columns/{slug}/page/{n}/"})
      r.Add("GET", prefix + pattern, [this, lang](const Request& q, const auto& p) {
        auto l = lang(q);
        return l ? Column(q, p, *l) : NotFound(q);
      });
    r.Add("GET", prefix + "/articles/{id}/", [this, lang](const Request& q, const auto& p) {
      auto l = lang(q);
      return l ? Article(q, p, *l) : NotFound(q);
    });
    if (d_.search)
      r.Add("GET", prefix + "/search", [this, lang](const Request& q, const auto&) {
        auto l = lang(q);
        return l ? Search(q, *l) : NotFound(q);
      });
    if (d_.mailbox) {
      r.Add("GET", prefix + "/mailbox/", [this, lang](const Request& q, const auto&) {
        auto l = lang(q);
        return l ? MailboxIndex(q, *l) : NotFound(q);
      });
      r.Add("GET", prefix + "/mailbox/{slug}/", [this, lang](const Request& q, const auto& p) {
        auto l = lang(q);
        return l ? MailboxForm(q, p, *l) : NotFound(q);
      });
      r.Add("POST", prefix + "/mailbox/{slug}/", [this, lang](const Request& q, const auto& p) {
        auto l = lang(q);
        return l ? MailboxSubmit(q, p, *l) : NotFound(q);
      });
      r.Add("POST", prefix + "/mailbox/lookup", [this, lang](const Request& q, const auto&) {
        auto l = lang(q);
        return l ? MailboxLookup(q, *l) : NotFound(q);
      });
    }
  }
  r.Add("GET", "/static/{path*}", [this](const Request& q, const auto& p) { return Static(q, p); });
  r.Add("GET", "/media/{name}", [this](const Request& q, const auto& p) { return Media(q, p); });
  r.Add("GET", "/healthz", [this](const Request& q, const auto&) { return Health(q); });
  AddOutputRoutes(r);
}

Response Portal::Page(const Request& req, i18n::Lang lang, const Builder& build) {
  const FontSize fs = RequestedFontSize(req);
  const std::string key =
      req.path + "|" + std::string(FontSizeName(fs)) + (RequestedCare(req) ? "|care" : "");
  // The page differs by the care cookie: shared caches must keep them apart.
  // A ?fs= or ?care= answer sets a cookie: not the pre-serialized head.
  const bool fast = !CareFromQuery(req) && !FontSizeFromQuery(req);
  Response res = FromCache(req, key, "text/html; charset=utf-8", "Cookie, Accept-Encoding", fast, [&] {
    auto snap = d_.content.Snapshot();
    return build(Context(*snap, req, lang));
  });
  RememberPreferences(req, res);
  return res;
}

namespace {

// What a cache hit answers for `page` to a client that takes `coding`:
// exactly the headers CachedResponse gives, then `vary`.
Response HitResponse(const CachedPage& page, ContentCoding coding, const std::string& vary) {
  Request asks;
  asks.headers.emplace_back("accept-encoding", std::string(CodingName(coding)));
  Response res = CachedResponse(asks, page.status, page.content_type, page.body, page.etag,
                                "no-cache", &page.variants);
  if (!vary.empty()) res.SetHeader("Vary", vary);
  return res;
}

// Serializes the 200 heads of `page` for each coding it has.
void SerializeHeads(CachedPage& page, const std::string& vary) {
  if (page.status != 200) return;
  for (ContentCoding c : {ContentCoding::kIdentity, ContentCoding::kGzip, ContentCoding::kBrotli}) {
    if ((c == ContentCoding::kGzip && !page.variants.gzip) ||
        (c == ContentCoding::kBrotli && !page.variants.brotli))
      continue;
    page.heads[static_cast<int>(c)] =
        std::make_shared<const std::string>(http::SerializeHead(HitResponse(page, c, vary)));
  }
}

}  // namespace

Response Portal::FromCache(const Request& req, const std::string& key,
                           const std::string& content_type, const std::string& vary,
                           bool fast, const std::function<Result<RenderedPage>()>& build) {
  std::shared_ptr<const CachedPage> page = d_.cache.Get(key);
  std::string note = "hit";
  if (!page) {
    note = "miss";
    const std::uint64_t generation = d_.cache.BeginRender();
    auto rendered = build();
    if (!rendered.ok()) {
      spdlog::error("rendering {} failed: {}", req.path, rendered.status().message());
      return ServerError(req);
    }
    if (rendered->status == 404) return NotFound(req);
    if (rendered->status == 301) return Response::Redirect(301, rendered->html);  // html: where
    CachedPage fresh;
    fresh.status = rendered->status;
    fresh.content_type = content_type;
    fresh.etag = EtagFor(rendered->html);
    fresh.body = std::make_shared<const std::string>(std::move(rendered->html));
    if (IsCompressibleType(content_type))
      fresh.variants = CompressVariants(*fresh.body, kServingLevels);
    SerializeHeads(fresh, vary);
    page = std::make_shared<const CachedPage>(fresh);
    d_.cache.Put(key, std::move(fresh), rendered->deps, generation);
  }
  // The fast path: a 200 whose head was serialized when it was cached.
  if (fast && page->status == 200 && req.TakesSerializedHead()) {
    const ContentCoding coding = NegotiateCoding(req.Header("accept-encoding"),
                                                 page->variants.gzip != nullptr,
                                                 page->variants.brotli != nullptr);
    const auto& head = page->heads[static_cast<int>(coding)];
    if (head && (req.Header("if-none-match").empty() ||
                 !NotModified(req, CodingEtag(page->etag, coding)))) {
      Response res;
      res.status = 200;
      res.body = coding == ContentCoding::kGzip     ? page->variants.gzip
                 : coding == ContentCoding::kBrotli ? page->variants.brotli
                                                    : page->body;
      res.serialized_head = head;
      res.cache_note = note;
      return res;
    }
  }
  Response res = CachedResponse(req, page->status, page->content_type, page->body, page->etag,
                                "no-cache", &page->variants);
  if (!vary.empty()) res.SetHeader("Vary", vary);
  res.cache_note = note;
  return res;
}

void Portal::CountView(const Request& req, const Response& res, const char* kind,
                       std::int64_t id) {
  if (!d_.visits || req.method != "GET" || (res.status != 200 && res.status != 304)) return;
  d_.visits->Count(kind, id, req.remote_addr, req.Header("user-agent"), NowUnix());
}

Response Portal::Home(const Request& req, i18n::Lang lang) {
  Response res = Page(req, lang, [](const PageContext& ctx) { return RenderHome(ctx); });
  CountView(req, res, "home", 0);
  return res;
}

Response Portal::Column(const Request& req, const http::RouteParams& p, i18n::Lang lang) {
  int archive = 0;  // the first page
  if (auto n = p.find("n"); n != p.end()) {
    const auto v = ParsePositiveId(n->second);
    if (!v || *v > kMaxArchivePage) return NotFound(req);
    archive = static_cast<int>(*v);
  }
  const std::string slug = p.at("slug");
  Response res = Page(req, lang, [&](const PageContext& ctx) -> Result<RenderedPage> {
    const ColumnRecord* col = ctx.snap.ColumnBySlug(slug);
    if (!col) return RenderedPage{404, "", {}};
    auto page = PageOfList(ctx.snap.ArticlesIn(col->id, ctx.LangTag()).size(), archive);
    if (!page) return RenderedPage{404, "", {}};
    return RenderColumn(ctx, *col, *page);
  });
  if (d_.visits)
    if (const ColumnRecord* col = d_.content.Snapshot()->ColumnBySlug(slug))
      CountView(req, res, "column", col->id);
  return res;
}

Response Portal::Article(const Request& req, const http::RouteParams& p, i18n::Lang lang) {
  const auto parsed = ParsePositiveId(p.at("id"));
  if (!parsed) return NotFound(req);
  const std::int64_t id = *parsed;
  Response res = Page(req, lang, [&](const PageContext& ctx) -> Result<RenderedPage> {
    const ArticleRecord* a = ctx.snap.ArticleById(id);
    if (!a) return RenderedPage{404, "", {}};
    // An article lives under its own language's prefix (checked on a miss:
    // a wrong-language path never gets a cached page).
    if (a->lang != i18n::Tag(lang))
      if (auto own = i18n::Parse(a->lang))
        return RenderedPage{301, LangPrefix(ctx.snap.site(), *own) + ArticleUrl(id), {}};
    auto full = d_.content.PublishedArticle(id);
    if (!full.ok()) return full.status();
    if (!full->has_value()) return RenderedPage{404, "", {}};
    return RenderArticle(ctx, **full);
  });
  CountView(req, res, "article", id);
  return res;
}

Response Portal::NotFound(const Request& req) {
  auto snap = d_.content.Snapshot();
  PageContext ctx = Context(*snap, req, LangOf(req));
  auto page = RenderNotFound(ctx);
  if (!page.ok()) return Response::Text(404, "Not found\n");
  Response res;
  res.status = 404;
  res.body = std::make_shared<const std::string>(std::move(page->html));
  res.SetHeader("Cache-Control", "no-cache");
  RememberPreferences(req, res);  // the mode switch works from every page
  return res;
}

Response Portal::RequestError(const Request& req, int status) {
  const bool method = status == 405;
  const char* title = method ? N_("Not possible at this address") : N_("Address not understood");
  const char* message =
      method ? N_("This address does not take that kind of request. If you came here from a form, "
                  "go back and send it from its own page.")
             : N_("The address asked for is not one this site can read. Check it, or start again "
                  "from the home page.");
  auto snap = d_.content.Snapshot();
  // An address that is no absolute path says nothing of its language.
  const i18n::Lang lang = method ? LangOf(req) : PrimaryLang(snap->site());
  auto page = RenderRequestError(Context(*snap, req, lang), status, title, message);
  if (!page.ok()) return Response::Text(status, std::string(message) + "\n");
  Response res;
  res.status = status;
  res.body = std::make_shared<const std::string>(std::move(page->html));
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

Response Portal::ServerError(const Request& req) const {
  const i18n::Lang lang = LangOf(req);
  Response res;
  res.status = 500;
  try {
    auto snap = d_.content.Snapshot();
    if (auto page = RenderServerError(Context(*snap, req, lang)); page.ok())
      res.body = std::make_shared<const std::string>(std::move(page->html));
  } catch (...) {
    // what failed the handler may fail this too: the page made at start
  }
  if (!res.body) res.body = error_pages_.at(lang);
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

}  // namespace procura::web
