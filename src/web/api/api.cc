#include "web/api/api.h"
#include "web/api/api_json.h"
#include "web/status_http.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/text.h"

namespace procura::web {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

void Api::Add(http::Router& r, const char* method, const char* pattern, auth::Action need,
              Handler h) {
  routes_.push_back({method, pattern, std::string(auth::ActionName(need))});
  r.Add(method, pattern, [this, need, h = std::move(h)](const Request& q, const RouteParams& p) {
    return Guard(q, p, need, h);
  });
}

Response Api::Guard(const Request& req, const RouteParams& p, auth::Action need, const Handler& h) {
  const std::string_view authz = req.Header("authorization");
  std::optional<auth::Principal> who;
  if (authz.rfind("Bearer ", 0) == 0) {
    auto r = d_.accounts.AuthenticateApiToken(std::string(authz.substr(7)));
    if (r.ok()) who = std::move(r).value();
  }
  Response res;
  if (!who) {
    res = JsonError(401, "authentication required: send Authorization: Bearer <API token>");
    res.SetHeader("WWW-Authenticate", "Bearer realm=\"procura\"");
  } else {
    const auth::Actor actor{who->user_id, who->name, req.remote_addr};
    const bool allowed = auth::MayAttempt(*who, need);
    if (!allowed) {
      d_.audit.Record(actor, "denied.permission", "route", {}, req.method + " " + req.path);
      res = JsonError(403, "your role does not allow this");
    } else {
      try {
        res = h(req, p, *who, actor);
      } catch (const std::exception& e) {
        spdlog::error("api handler {} threw: {}", req.path, e.what());
        res = JsonError(500, "internal error; it has been logged");
      }
    }
  }
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

void Api::AddRoutes(http::Router& r) {
  using A = auth::Action;
  auto bind = [this](auto fn) {
    return [this, fn](const Request& q, const RouteParams& p, const auth::Principal& w,
                      const auth::Actor& a) { return (this->*fn)(q, p, w, a); };
  };
  Add(r, "GET", "/api/v1/articles", A::kUseAdmin, bind(&Api::ListArticles));
  Add(r, "POST", "/api/v1/articles", A::kWriteArticles, bind(&Api::CreateArticle));
  Add(r, "GET", "/api/v1/articles/{id}", A::kUseAdmin, bind(&Api::GetArticle));
  Add(r, "PUT", "/api/v1/articles/{id}", A::kWriteArticles, bind(&Api::UpdateArticle));
  Add(r, "GET", "/api/v1/articles/{id}/revisions", A::kUseAdmin, bind(&Api::Revisions));
  Add(r, "GET", "/api/v1/articles/{id}/review-record", A::kUseAdmin, bind(&Api::ReviewRecord));
  for (const char* verb : {"submit", "restore", "approve", "return", "withdraw", "republish",
                           "pin", "unpin"}) {
    const bool review = std::string(verb) != "submit" && std::string(verb) != "restore";
    Add(r, "POST", (std::string("/api/v1/articles/{id}/") + verb).c_str(),
        review ? A::kReviewColumn : A::kWriteArticles,
        [this, v = std::string(verb)](const Request& q, const RouteParams& p,
                                      const auth::Principal& w,
                                      const auth::Actor& a) { return Transition(q, p, w, a, v); });
  }
  Add(r, "GET", "/api/v1/branches/{id}/meetings", A::kViewRecords, bind(&Api::BranchMeetings));
  Add(r, "GET", "/api/v1/meetings/{id}", A::kViewRecords, bind(&Api::GetMeeting));
  Add(r, "GET", "/api/v1/branches/{id}/talks", A::kViewRecords, bind(&Api::BranchTalks));
  Add(r, "GET", "/api/v1/columns", A::kUseAdmin, bind(&Api::ListColumns));
  Add(r, "POST", "/api/v1/columns", A::kManageColumns, bind(&Api::SaveColumn));
  Add(r, "PUT", "/api/v1/columns/{id}", A::kManageColumns, bind(&Api::SaveColumn));
  Add(r, "GET", "/api/v1/media", A::kWriteArticles, bind(&Api::ListMedia));
  Add(r, "POST", "/api/v1/media", A::kWriteArticles, bind(&Api::UploadMedia));
  Add(r, "DELETE", "/api/v1/media/{id}", A::kWriteArticles, bind(&Api::DeleteMedia));
}

}  // namespace procura::web
