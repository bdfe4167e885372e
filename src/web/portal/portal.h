// The public portal's endpoints. Each handler is thin: parse the route,
// look the page up in the PageCache, and on a miss build it from the
// ContentService's snapshot through render/portal_pages.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "content/content_service.h"
#include "http/router.h"
#include "render/assets.h"
#include "render/page_cache.h"
#include "render/feeds.h"
#include "render/portal_pages.h"
#include "render/templates.h"
#include "search/search_index.h"
#include "interact/mailbox.h"
#include "interact/visit_counter.h"

namespace procura::web {

class Portal {
 public:
  struct Deps {
    ContentService& content;
    PageCache& cache;
    const TemplateSet& templates;
    const AssetTable& assets;
    std::filesystem::path media_dir;
    Storage& storage;                       // /healthz, and media made on other nodes
    search::SearchIndex* search = nullptr;  // null: no /search
    // Memory for media files read from disk (a file larger than this is
    // read from disk for every request).
    std::size_t media_cache_bytes = std::size_t{64} << 20;
    const i18n::Catalogs* catalogs = nullptr;  // null: English msgids
    interact::MailboxService* mailbox = nullptr;  // null: no /mailbox/
    interact::VisitCounter* visits = nullptr;     // null: visits are not counted
  };
  explicit Portal(Deps deps)
      : d_(std::move(deps)), media_files_(kMediaCacheEntries, d_.media_cache_bytes) {}

  // Pre-renders the 500 page in each language (the fallback when a fresh
  // one cannot be rendered). Call once before serving.
  Status Init();

  // Adds every portal route to `router`.
  void AddRoutes(http::Router& router);

  // The site-styled 404 page.
  http::Response NotFound(const http::Request& req);
  // The site-styled 500 page in the request's language (its path prefix,
  // else the site's primary language now), rendered with the current
  // columns; Init()'s copy when that fails too.
  http::Response ServerError(const http::Request& req) const;
  // A site page for a request that cannot be answered as asked: 405 for
  // a method the address does not take (its Allow header the caller's),
  // 400 for a request target that is no absolute path. In the reader's
  // language; a text line if even that cannot be rendered.
  http::Response RequestError(const http::Request& req, int status);

 private:
  using Builder = std::function<Result<RenderedPage>(const PageContext&)>;
  http::Response Page(const http::Request& req, i18n::Lang lang, const Builder& build);
  // The cached response under `key`, or `build`'s, cached with its tags
  // (a 404 answer is the 404 page, an error the 500 page; neither cached).
  // `vary` is the Vary header ("" for none besides Accept-Encoding).
  http::Response FromCache(const http::Request& req, const std::string& key,
                           const std::string& content_type, const std::string& vary, bool fast,
                           const std::function<Result<RenderedPage>()>& build);
  // The language of a request: its path's prefix when that is the site's
  // second language, else the primary one.
  i18n::Lang LangOf(const http::Request& req) const;
  // The site's primary language, from the current snapshot (an
  // administrator may choose it until the first article is published).
  i18n::Lang Primary() const;
  PageContext Context(const SiteSnapshot& snap, const http::Request& req, i18n::Lang lang) const;
  // Counts a view of a home, column or article page that was answered.
  void CountView(const http::Request& req, const http::Response& res, const char* kind,
                 std::int64_t id);
  http::Response Home(const http::Request& req, i18n::Lang lang);
  http::Response Column(const http::Request& req, const http::RouteParams& p, i18n::Lang lang);
  http::Response Article(const http::Request& req, const http::RouteParams& p, i18n::Lang lang);
  http::Response Static(const http::Request& req, const http::RouteParams& p);
  http::Response Media(const http::Request& req, const http::RouteParams& p);
  http::Response Health(const http::Request& req);
  http::Response Search(const http::Request& req, i18n::Lang lang);  // search_page.cc
  // portal_mailbox.cc: the public message boxes.
  http::Response MailboxIndex(const http::Request& req, i18n::Lang lang);
  http::Response MailboxForm(const http::Request& req, const http::RouteParams& p, i18n::Lang lang,
                             const interact::MessageInput* typed = nullptr,
                             const Status& problem = Status::Ok());
  http::Response MailboxSubmit(const http::Request& req, const http::RouteParams& p,
                               i18n::Lang lang);
  http::Response MailboxLookup(const http::Request& req, i18n::Lang lang);
  // A mailbox page (never cached) in the site layout.
  http::Response MailboxPage(const http::Request& req, i18n::Lang lang, const std::string& tmpl,
                             TemplateData body, const std::string& title, int status = 200);
  TemplateData BoxList(const PageContext& ctx);
  static const MessageBoxRecord* FindBox(const std::vector<MessageBoxRecord>& boxes,
                                         const std::string& slug);
  // portal_feeds.cc: feeds, sitemap, robots.txt.
  void AddOutputRoutes(http::Router& router);
  http::Response Feed(const http::Request& req, const std::string& lang_code,
                      const std::string& slug, FeedFormat format);
  http::Response Sitemap(const http::Request& req, std::size_t file);  // 0: /sitemap.xml
  // A cached non-HTML document keyed by path alone (no reader preferences).
  using DocumentBuilder = std::function<Result<RenderedPage>(const SiteSnapshot&)>;
  http::Response Document(const http::Request& req, const std::string& content_type,
                          const DocumentBuilder& build);

  static constexpr std::size_t kMediaCacheEntries = 4096;

  Deps d_;
  std::map<i18n::Lang, std::shared_ptr<const std::string>> error_pages_;
  PageCache media_files_;  // bounded in entries and bytes, tagged "media:<name>"
};

// The strong ETag of a body: its content hash, quoted.
std::string EtagFor(std::string_view body);

// True if `req` carries an If-None-Match that matches `etag` (or "*").
bool NotModified(const http::Request& req, const std::string& etag);

// A response with ETag and Cache-Control that answers 304 (no body) when
// `req` already holds `etag`, and `status` with `body` otherwise. With
// `variants`, the body is the one Accept-Encoding picks (Content-Encoding
// set, the ETag suffixed "-gz" / "-br"), and Vary names Accept-Encoding.
// `etag` ("\"abc\"") for a body in `coding`: "\"abc-gz\"", "\"abc-br\"".
std::string CodingEtag(const std::string& etag, ContentCoding coding);

http::Response CachedResponse(const http::Request& req, int status, const std::string& content_type,
                              std::shared_ptr<const std::string> body, const std::string& etag,
                              std::string cache_control,
                              const CompressedVariants* variants = nullptr);

}  // namespace procura::web
