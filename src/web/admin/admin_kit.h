// AdminKit: what an area of the newsroom that is a class of its own (the
// branch-life pages, and the areas split out of AdminSite after it) uses
// of the site: routes through AdminSite's one guard, the layout, message
// pages, form errors, translation, audited downloads and the dashboard.
// AdminSite implements it; an area holds a reference and adds its routes.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/accounts.h"
#include "auth/audit.h"
#include "http/router.h"
#include "i18n/catalogs.h"
#include "render/templates.h"
#include "tabular/table.h"

namespace procura::web {

struct AdminContext {
  std::optional<auth::Session> session;
  auth::Actor actor;
  // What the previous action did ("saved", "deleted"…: ?done= after a
  // redirect), confirmed on the page it landed on; "" for none.
  std::string done;
  // The request's path, for the layout's "you are here" in the menu.
  std::string path;
  const auth::Principal& who() const { return session->principal; }
};

// What a route needs before its handler runs.
struct Requirement {
  enum Kind { kNone, kSession, kAction } kind = kNone;
  auth::Action action = auth::Action::kUseAdmin;
};

// The requirements a route declares: a signed-in user, or one who may `a`.
inline Requirement NeedsSession() { return {Requirement::kSession}; }
inline Requirement Needs(auth::Action a) { return {Requirement::kAction, a}; }

// A form's problems all at once (Status::AllOf): the fields that did not
// read (`unread`), then what validation found in the rest (`validated`,
// less the fields already named). Ok when both are.
inline Status FormProblems(std::vector<Status> unread, const Status& validated) {
  for (const Status& p : validated.problems())
    if (std::none_of(unread.begin(), unread.end(),
                     [&](const Status& u) { return u.field() == p.field(); }))
      unread.push_back(p);
  return Status::AllOf(std::move(unread));
}

// A route's handler, after the guard let the request through.
using AdminHandler = std::function<http::Response(const http::Request&, const http::RouteParams&,
                                                  AdminContext&)>;

// `fn`, a handler of `area`, as a route's handler: an area's AddRoutes
// binds each of its members with it.
template <class Area>
AdminHandler Bound(Area* area, http::Response (Area::*fn)(const http::Request&,
                                                        const http::RouteParams&, AdminContext&)) {
  return [area, fn](const http::Request& q, const http::RouteParams& p, AdminContext& c) {
    return (area->*fn)(q, p, c);
  };
}

class AdminKit {
 public:
  virtual ~AdminKit() = default;
  // Adds a route guarded by `need` (listed by `procura serve --print-routes`).
  virtual void Add(http::Router& r, const char* method, const char* pattern, Requirement need,
                   AdminHandler h) = 0;
  // `body` rendered by template `tmpl` in the admin layout; `title` is a msgid.
  virtual http::Response Page(const AdminContext& ctx, const std::string& tmpl, TemplateData body,
                              const std::string& title, int status = 200) = 0;
  // A message page; `title` and `message` are msgids translated here.
  virtual http::Response Message(const AdminContext& ctx, int status, const std::string& title,
                                 const std::string& message, const MessageArgs& args = {}) = 0;
  virtual http::Response Message(const AdminContext& ctx, int status, const std::string& title,
                                 const Status& error) = 0;
  // A form's problems for the template (see AdminSite).
  virtual void SetFormErrors(const AdminContext& ctx, const Status& error,
                             const std::map<std::string, std::string>& field_ids,
                             TemplateData& body) const = 0;
  // Asks before a destructive action; nullopt once confirmed.
  virtual std::optional<http::Response> ConfirmFirst(const AdminContext& ctx,
                                                     const http::Request& req,
                                                     std::string_view question,
                                                     const MessageArgs& args,
                                                     const std::string& back) = 0;
  virtual std::string ErrorText(const AdminContext& ctx, const Status& error) const = 0;
  virtual std::string T(const AdminContext& ctx, std::string_view msgid) const = 0;
  virtual std::string Tf(const AdminContext& ctx, std::string_view msgid,
                         const MessageArgs& args) const = 0;
  // A month of the year as a heading or a choice: "Month 3", "3月".
  std::string MonthName(const AdminContext& ctx, int month) const;
  // The singular or plural message for `n` ("Ends in {n} day" / "… days"),
  // filled from `args` and "{n}" (xgettext keyword TfN:2,3).
  virtual std::string TfN(const AdminContext& ctx, std::string_view singular,
                          std::string_view plural, long n, const MessageArgs& args = {}) const = 0;
  virtual i18n::Lang LangOf(const AdminContext& ctx) const = 0;
  // Audits a 200 download of personal data as `action`.
  virtual http::Response AuditedExport(const AdminContext& ctx, http::Response res,
                                       const std::string& action, const std::string& detail) = 0;
  // The sheets as an XLSX attachment, or a 500 page naming what failed.
  virtual http::Response XlsxDownload(const AdminContext& ctx,
                                      const std::vector<tabular::Sheet>& sheets,
                                      const std::string& file_name) = 0;
  // Adds a part to the dashboard: `fill` sets its template keys for `ctx`.
  virtual void AddDashboardPart(std::function<void(const AdminContext&, TemplateData&)> fill) = 0;
  // Adds a reason the sign-in page can name: given the page's `next` URL,
  // `purpose` returns what signing in is for ("" when it is not its URL).
  virtual void AddSignInPurpose(
      std::function<std::string(const AdminContext&, const std::string& next)> purpose) = 0;

  static http::Response SeeOther(const std::string& location);
  // SeeOther, and the page there confirms what was done (saved, added,
  // deleted, uploaded, enrolled, marked, done, dissolved).
  static http::Response Done(const std::string& location, std::string_view done);
  // `bytes` as an attachment named `file_name` (ASCII).
  static http::Response Download(std::string bytes, const std::string& content_type,
                                 const std::string& file_name);
};

// Each problem an import found as a line for its page: "Row 3, column B:
// …", "Row 3: …", or the problem alone for the whole file.
std::vector<std::string> CellProblemLines(const AdminKit& kit, const AdminContext& ctx,
                                          const std::vector<tabular::CellProblem>& problems);

}  // namespace procura::web
