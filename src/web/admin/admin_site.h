// The staff's web interface under /admin/: the one guard every route goes
// through, the layout and its helpers (AdminKit), sign-in with its second
// factor, one's own account, and the dashboard's frame. Every route
// declares what it needs (nothing, a session, or an Action); the guard
// resolves the session, refuses cross-origin and CSRF-less POSTs, checks
// the permission, audits denials and marks the answer no-store. The areas
// (the newsroom, media, the party records, training, branch life, dues,
// messages, reports, the site's own administration) are classes of their
// own over AdminKit, each adding its routes and dashboard part. Handlers
// stay thin: parse the form, call a service, render a template.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/accounts.h"
#include "content/content_service.h"
#include "http/forms.h"
#include "http/router.h"
#include "org/org_service.h"
#include "render/assets.h"
#include "render/templates.h"
#include "tabular/table.h"
#include "web/admin/admin_kit.h"
#include "web/same_origin.h"
#include "training/training_service.h"

namespace procura::web {

inline constexpr const char* kSessionCookie = "__Host-procura_session";
inline constexpr const char* kLoginCookie = "__Host-procura_login";

// One declared route, listed by `procura serve --print-routes` and the permission test.
struct RouteInfo {
  std::string method, pattern, requirement;
};

class AdminSite : public AdminKit {
 public:
  struct Deps {
    Storage& storage;
    auth::AccountService& accounts;
    auth::Audit& audit;
    org::OrgService& org;                  // the dashboard's records overview
    training::TrainingService& training;  // the same: the classes
    ContentService& content;               // the site as published: name, language, zone
    const TemplateSet& templates;
    const AssetTable& assets;
    // Admins and reviewers must set up two-step sign-in before anything else.
    bool require_mfa_for_staff = false;
    const i18n::Catalogs* catalogs = nullptr;  // null: English msgids
  };
  explicit AdminSite(Deps d) : d_(d) {}

  // Adds every /admin/ route to `router`.
  void AddRoutes(http::Router& router);
  // Every route AddRoutes adds, with its requirement.
  const std::vector<RouteInfo>& routes() const { return routes_; }
  // For a GET under /admin/ that no route answers: a 404 page in the
  // newsroom's own layout (its menu leads back) when `req` carries a live
  // session; nullopt for anyone else, who gets the public site's 404.
  std::optional<http::Response> StaffNotFound(const http::Request& req);

 private:
  using Handler = AdminHandler;
  void Add(http::Router& r, const char* method, const char* pattern, Requirement need,
           Handler h) override;
  void AddDashboardPart(std::function<void(const AdminContext&, TemplateData&)> fill) override {
    dashboard_parts_.push_back(std::move(fill));
  }
  void AddSignInPurpose(
      std::function<std::string(const AdminContext&, const std::string&)> purpose) override {
    sign_in_purposes_.push_back(std::move(purpose));
  }
  http::Response Guard(const http::Request& req, const http::RouteParams& p, Requirement need,
                       const Handler& h);
  // The context every handler starts from: the actor, the path, `done`
  // and the session the request's cookie names (if it is live).
  AdminContext ContextFor(const http::Request& req);

  // Rendering helpers (admin_render.cc).
  http::Response Page(const AdminContext& ctx, const std::string& tmpl, TemplateData data,
                      const std::string& title, int status = 200) override;
  // A message page; `title` and `message` are msgids (marked N_) that are
  // translated here, with `args` filling the message's "{name}"s.
  http::Response Message(const AdminContext& ctx, int status, const std::string& title,
                         const std::string& message, const MessageArgs& args = {}) override;
  http::Response Message(const AdminContext& ctx, int status, const std::string& title,
                         const Status& error) override;
  // The 403 for a form sent after its session ended, with a link to sign
  // in and go back to the page it came from.
  http::Response SessionEnded(const AdminContext& ctx, const http::Request& req);
  // A form's errors (every one of error.problems()), for the form template:
  // `has_errors`, `error_summary` [{href, message}] linking to the fields,
  // and `err_<field>` beside each field. `field_ids` maps a field's name to
  // its input's id; a problem with no field is listed in the summary only.
  void SetFormErrors(const AdminContext& ctx, const Status& error,
                     const std::map<std::string, std::string>& field_ids,
                     TemplateData& body) const override;
  // For a destructive action (delete, disable, withdraw): nullopt when the
  // form says confirm=1, so go ahead; otherwise a page asking `question`
  // (a msgid with `args`), whose form re-sends every field with confirm=1
  // and whose other choice goes back to `back`. Works without JavaScript.
  std::optional<http::Response> ConfirmFirst(const AdminContext& ctx, const http::Request& req,
                                             std::string_view question, const MessageArgs& args,
                                             const std::string& back) override;
  // A service's error in the user's language (see Status::msgid).
  std::string ErrorText(const AdminContext& ctx, const Status& error) const override;
  // Audits a download of personal data as `action` when `res` is a 200.
  http::Response AuditedExport(const AdminContext& ctx, http::Response res,
                               const std::string& action, const std::string& detail) override;
  // The sheets as an XLSX attachment, or a 500 page naming what failed.
  http::Response XlsxDownload(const AdminContext& ctx, const std::vector<tabular::Sheet>& sheets,
                              const std::string& file_name) override;

  // The dashboard: the records overview and the areas' parts (admin_dashboard.cc).
  http::Response Dashboard(const http::Request&, const http::RouteParams&, AdminContext&);
  // Two-step sign-in (admin_mfa.cc).
  http::Response MfaPage(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response MfaStart(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response MfaConfirm(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response LoginSecondFactor(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response SecondFactorForm(const AdminContext& ctx, const std::string& login_token,
                                  const std::string& ticket, const std::string& next,
                                  const std::string& error, int status);
  bool MustEnrolMfa(const AdminContext& ctx) const;
  http::Response FinishSignIn(AdminContext& ctx, const auth::LoginOutcome& outcome,
                              std::string next);

  // The party-records part of the dashboard, for roles that see records
  // (admin_dashboard.cc).
  void AddRecordsOverview(const AdminContext& ctx, TemplateData& body);
  // Probationary members whose year ends within 60 days or has ended.
  void AddProbations(const AdminContext& ctx, TemplateData& records);
  // Full members awaiting the approval of their full membership (转正审批).
  void AddFullApprovals(const AdminContext& ctx, TemplateData& records);
  // New branch secretaries not yet trained (任职培训, within six months).
  void AddNewSecretaries(const AdminContext& ctx, TemplateData& records);

  // On the sign-in page reached from a check-in code: what it is for.
  void SetSignInPurpose(const AdminContext& ctx, const std::string& next, TemplateData& body);
  // Before the first account exists, the sign-in page says how to make it
  // (on the server: there is no default account and no setup page).
  void SetFirstAccountHint(TemplateData& body);
  std::atomic<bool> has_accounts_{false};

  // Sign-in (admin_misc.cc) and one's own account (admin_account.cc).
  http::Response LoginForm(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response Login(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response Logout(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response AccountPage(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response ChangePassword(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response ChangeLanguage(const http::Request&, const http::RouteParams&, AdminContext&);
  // Ends the user's other sessions once the password is typed again.
  http::Response EndOtherSessions(const http::Request&, const http::RouteParams&, AdminContext&);
  // The account page's facts and forms: roles, languages, the sessions
  // (admin_account.cc); AccountError is that page with a form's error
  // under template key `key`, as a 422.
  void FillAccount(const AdminContext& ctx, TemplateData& body);
  std::string BrowserText(const AdminContext& ctx, const std::string& user_agent) const;
  http::Response AccountError(const AdminContext& ctx, const std::string& key,
                              const std::string& message);
  // The newsroom's language for this request: the user's choice, else the
  // site's primary language.
  i18n::Lang LangOf(const AdminContext& ctx) const override;
  std::string T(const AdminContext& ctx, std::string_view msgid) const override;
  // T, then "{name}" placeholders filled (xgettext keyword Tf:2).
  std::string Tf(const AdminContext& ctx, std::string_view msgid,
                 const MessageArgs& args) const override;
  std::string TfN(const AdminContext& ctx, std::string_view singular, std::string_view plural,
                  long n, const MessageArgs& args = {}) const override;

  Deps d_;
  std::vector<RouteInfo> routes_;
  std::vector<std::function<void(const AdminContext&, TemplateData&)>> dashboard_parts_;
  std::vector<std::function<std::string(const AdminContext&, const std::string&)>> sign_in_purposes_;
};

using tabular::CsvField;

}  // namespace procura::web
