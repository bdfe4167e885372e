#include "web/dispatch.h"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/fault.h"
#include "web/api/api.h"
#include "web/api/api_json.h"

namespace procura::web {

http::RequestHandler MakeDispatcher(const http::Router& router, Portal& portal,
                                    StaffNotFound staff_not_found) {
  const auto not_found = [&portal, staff_not_found](const http::Request& req) {
    if (staff_not_found)
      if (auto page = staff_not_found(req)) return std::move(*page);
    return portal.NotFound(req);
  };
  return [&router, &portal, not_found](const http::Request& req) -> http::Response {
    if (req.path.empty() || req.path.front() != '/' || req.path.size() > 2048) {
      return portal.RequestError(req, 400);
    }
    if (req.path.rfind("//", 0) == 0) return portal.NotFound(req);  // never redirect these
    auto match = router.Find(req.method, req.path);
    const bool api = req.path.rfind("/api/", 0) == 0;
    if (!match.handler && api) {
      if (match.allowed.empty()) return JsonError(404, "no such API route: " + req.path);
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      auto res = JsonError(405, "method not allowed; allowed: " + allow);
      res.SetHeader("Allow", allow);
      return res;
    }
    if (!match.handler) {
      if (!match.allowed.empty()) {
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        // A browser that opened a form's address (GET on a POST-only route)
        // gets the site's own "no page here" page; any other method a site
        // page that says what went wrong.
        auto res = req.method == "GET" || req.method == "HEAD" ? not_found(req)
                                                               : portal.RequestError(req, 405);
        res.status = 405;
        res.serialized_head.reset();  // a cached 404's head would say 404
        res.SetHeader("Allow", allow);
        return res;
      }
      // "/columns/notices" → "/columns/notices/" and "/admin/messages/" →
      // "/admin/messages" when that exists.
      if (req.method == "GET" || req.method == "HEAD") {
        const std::string other = req.path.back() != '/'
                                      ? req.path + "/"
                                      : req.path.substr(0, req.path.size() - 1);
        if (!other.empty() && router.Find(req.method, other).handler) {
          return http::Response::Redirect(301,
                                          other + (req.query.empty() ? "" : "?" + req.query));
        }
      }
      return not_found(req);
    }
    try {
      // PROCURA_FAULT=article-throws: an article page's handler fails, so
      // that tests see the 500 page readers would get.
      static const bool article_throws = FaultArmed("article-throws");
      if (article_throws && req.path.find("/articles/") != std::string::npos)
        throw std::runtime_error("PROCURA_FAULT=article-throws");
      return (*match.handler)(req, match.params);
    } catch (const std::exception& e) {
      spdlog::error("handler for {} threw: {}", req.path, e.what());
      return portal.ServerError(req);
    }
  };
}

}  // namespace procura::web
