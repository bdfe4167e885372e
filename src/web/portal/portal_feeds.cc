// Portal outputs besides pages: RSS and Atom feeds (site and column, each
// language), the sitemap and robots.txt. They are cached like pages, with
// the same dependency tags, so a publish drops exactly what it changes.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/text.h"
#include "render/feeds.h"
#include "web/portal/portal.h"

namespace procura::web {

using http::Request;
using http::Response;

namespace {

const char* FeedType(FeedFormat f) {
  return f == FeedFormat::kRss ? "application/rss+xml; charset=utf-8"
                               : "application/atom+xml; charset=utf-8";
}

}  // namespace

void Portal::AddOutputRoutes(http::Router& r) {
  for (const std::string prefix : {"", "/en", "/zh"}) {
    const std::string code = prefix.empty() ? "" : prefix.substr(1);
    for (const auto& [file, format] : {std::pair{"/feed.xml", FeedFormat::kRss},
                                       std::pair{"/atom.xml", FeedFormat::kAtom}}) {
      r.Add("GET", prefix + file, [this, code, format](const Request& q, const auto&) {
        return Feed(q, code, "", format);
      });
      r.Add("GET", prefix + "/columns/{slug}" + file,
            [this, code, format](const Request& q, const auto& p) {
              return Feed(q, code, p.at("slug"), format);
            });
    }
  }
  r.Add("GET", "/sitemap.xml", [this](const Request& q, const auto&) { return Sitemap(q, 0); });
  r.Add("GET", "/sitemaps/{file}", [this](const Request& q, const auto& p) {
    const std::string& file = p.at("file");
    const auto n = file.ends_with(".xml") ? ParsePositiveId(file.substr(0, file.size() - 4))
                                          : std::nullopt;
    return n && *n <= 100000 ? Sitemap(q, static_cast<std::size_t>(*n)) : NotFound(q);
  });
  r.Add("GET", "/robots.txt", [this](const Request& q, const auto&) {
    return Document(q, "text/plain; charset=utf-8", [](const SiteSnapshot& snap) {
      return Result<RenderedPage>(RenderedPage{200, RenderRobots(snap.site()), {"site"}});
    });
  });
}

Response Portal::Feed(const Request& req, const std::string& lang_code, const std::string& slug,
                      FeedFormat format) {
  return Document(req, FeedType(format), [&](const SiteSnapshot& snap) -> Result<RenderedPage> {
    const SiteRecord& site = snap.site();
    std::optional<i18n::Lang> lang = lang_code.empty() ? std::optional(PrimaryLang(site))
                                                       : LangOfPrefix(site, lang_code);
    const ColumnRecord* column = slug.empty() ? nullptr : snap.ColumnBySlug(slug);
    if (!lang || (!slug.empty() && !column)) return RenderedPage{404, "", {}};
    return BuildFeed(snap, *lang, column, format, [this](std::int64_t id) {
      return d_.content.Summary(id);
    });
  });
}

Response Portal::Sitemap(const Request& req, std::size_t file) {
  return Document(req, "application/xml; charset=utf-8",
                  [file](const SiteSnapshot& snap) -> Result<RenderedPage> {
                    return BuildSitemap(snap, file);
                  });
}

Response Portal::Document(const Request& req, const std::string& content_type,
                          const DocumentBuilder& build) {
  return FromCache(req, "doc|" + req.path, content_type, "", /*fast=*/true,
                   [&] { return build(*d_.content.Snapshot()); });
}

}  // namespace procura::web
