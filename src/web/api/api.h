// /api/v1: the newsroom's operations as JSON, for scripts and other
// systems. Authentication is by per-user API token (Authorization: Bearer
// pct_...; `procura user token NAME`), never by cookie, so there is no
// CSRF surface. Every route declares its requirement like the admin site,
// the same services enforce the same permissions, and every error is JSON:
// {"error": {"status": 422, "message": "title: required"}}.
#pragma once

#include <vector>

#include "branchlife/branch_life.h"
#include "content/columns.h"
#include "content/media.h"
#include "content/workflow.h"
#include "web/admin/admin_site.h"

namespace procura::web {

class Api {
 public:
  struct Deps {
    Storage& storage;
    auth::AccountService& accounts;
    auth::Audit& audit;
    ArticleWorkflow& workflow;
    ColumnService& columns;
    MediaService& media;
    branchlife::BranchLifeService* branch_life = nullptr;  // null: no meeting routes answer
  };
  explicit Api(Deps d) : d_(d) {}
  void AddRoutes(http::Router& router);
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  using Handler = std::function<http::Response(const http::Request&, const http::RouteParams&,
                                               const auth::Principal&, const auth::Actor&)>;
  void Add(http::Router& r, const char* method, const char* pattern, auth::Action need, Handler h);
  http::Response Guard(const http::Request& req, const http::RouteParams& p, auth::Action need,
                       const Handler& h);

  http::Response ListArticles(const http::Request&, const http::RouteParams&,
                              const auth::Principal&, const auth::Actor&);
  http::Response GetArticle(const http::Request&, const http::RouteParams&, const auth::Principal&,
                            const auth::Actor&);
  http::Response CreateArticle(const http::Request&, const http::RouteParams&,
                               const auth::Principal&, const auth::Actor&);
  http::Response UpdateArticle(const http::Request&, const http::RouteParams&,
                               const auth::Principal&, const auth::Actor&);
  // GET /api/v1/articles/{id}/review-record: the chain's state (steps
  // needed, the next step) and every row of the append-only record.
  http::Response ReviewRecord(const http::Request&, const http::RouteParams&,
                              const auth::Principal&, const auth::Actor&);
  http::Response Transition(const http::Request&, const http::RouteParams&, const auth::Principal&,
                            const auth::Actor&, const std::string& verb);
  http::Response Revisions(const http::Request&, const http::RouteParams&, const auth::Principal&,
                           const auth::Actor&);
  http::Response ListColumns(const http::Request&, const http::RouteParams&, const auth::Principal&,
                             const auth::Actor&);
  http::Response SaveColumn(const http::Request&, const http::RouteParams&, const auth::Principal&,
                            const auth::Actor&);
  http::Response ListMedia(const http::Request&, const http::RouteParams&, const auth::Principal&,
                           const auth::Actor&);
  http::Response UploadMedia(const http::Request&, const http::RouteParams&, const auth::Principal&,
                             const auth::Actor&);
  http::Response DeleteMedia(const http::Request&, const http::RouteParams&, const auth::Principal&,
                             const auth::Actor&);

  // Branch organisational life (api_meetings.cc).
  http::Response BranchMeetings(const http::Request&, const http::RouteParams&,
                                const auth::Principal&, const auth::Actor&);
  http::Response BranchTalks(const http::Request&, const http::RouteParams&,
                             const auth::Principal&, const auth::Actor&);
  http::Response GetMeeting(const http::Request&, const http::RouteParams&,
                            const auth::Principal&, const auth::Actor&);

  Deps d_;
  std::vector<RouteInfo> routes_;
};

// A JSON error response: {"error": {"status": N, "message": "..."}}.

}  // namespace procura::web
