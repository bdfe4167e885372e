// The newsroom's web interface under /admin/. Every route declares what it
// needs (nothing, a session, or an Action) and goes through one guard that
// resolves the session, refuses cross-origin and CSRF-less POSTs, checks
// the permission, audits denials and marks the answer no-store. Handlers
// stay thin: parse the form, call a service, render a template.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/accounts.h"
#include "content/columns.h"
#include "content/content_service.h"
#include "content/media.h"
#include "content/site_settings.h"
#include "content/workflow.h"
#include "safety/word_lists.h"
#include "http/forms.h"
#include "http/any_form.h"
#include "http/router.h"
#include "org/org_service.h"
#include "render/assets.h"
#include "render/templates.h"
#include "tabular/table.h"
#include "interact/inspection.h"
#include "interact/mailbox.h"
#include "web/admin/admin_kit.h"
#include "web/same_origin.h"
#include "training/training_service.h"

namespace procura::web {

inline constexpr const char* kSessionCookie = "__Host-procura_session";
inline constexpr const char* kLoginCookie = "__Host-procura_login";

// One declared route, listed by `procura routes` and the permission test.
struct RouteInfo {
  std::string method, pattern, requirement;
};

class AdminSite : public AdminKit {
 public:
  struct Deps {
    Storage& storage;
    auth::AccountService& accounts;
    auth::Audit& audit;
    ArticleWorkflow& workflow;
    const MarkdownRenderer& renderer;  // previews, under the same budget as saves
    safety::WordListService& word_lists;
    interact::MailboxService& mailbox;
    MediaService& media;
    org::OrgService& org;
    training::TrainingService& training;
    ContentService& content;
    const TemplateSet& templates;
    const AssetTable& assets;
    std::filesystem::path data_dir;  // materials/ and imports/ live here
    // Admins and reviewers must set up two-step sign-in before anything else.
    bool require_mfa_for_staff = false;
    const i18n::Catalogs* catalogs = nullptr;  // null: English msgids
  };
  explicit AdminSite(Deps d) : d_(d) {}

  // Adds every /admin/ route to `router`.
  void AddRoutes(http::Router& router);
  // Every route AddRoutes adds, with its requirement.
  const std::vector<RouteInfo>& routes() const { return routes_; }

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

  // Rendering helpers (admin_render.cc).
  http::Response Page(const AdminContext& ctx, const std::string& tmpl, TemplateData data,
                      const std::string& title, int status = 200) override;
  // A message page; `title` and `message` are msgids (marked N_) that are
  // translated here, with `args` filling the message's "{name}"s.
  http::Response Message(const AdminContext& ctx, int status, const std::string& title,
                         const std::string& message, const MessageArgs& args = {}) override;
  http::Response Message(const AdminContext& ctx, int status, const std::string& title,
                         const Status& error) override;
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

  // Pages (admin_articles.cc).
  http::Response Dashboard(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response ArticleList(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response NewArticle(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response CreateArticle(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response EditArticle(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response SaveArticle(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response Transition(const http::Request&, const http::RouteParams&, AdminContext&,
                            const std::string& verb);
  http::Response Preview(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response Revisions(const http::Request&, const http::RouteParams&, AdminContext&);
  // The article form. `error` is shown at the top; a form's `problems`
  // (Status::AllOf with fields) instead appear beside their fields, listed
  // in a summary at the top.
  http::Response EditorPage(const AdminContext& ctx, std::optional<ArticleRecord> article,
                            const ArticleInput& in, const std::string& error, int status,
                            const Status& problems = Status::Ok(),
                            std::string_view document_query = {});
  // The editor's lead-image picker and preview image; the attached
  // documents and those to attach: the newest, or those whose name
  // contains `document_query` (admin_editor_media.cc).
  void SetEditorImages(const AdminContext& ctx, const ArticleInput& in, TemplateData& body);
  void SetEditorDocuments(const AdminContext& ctx, const std::optional<ArticleRecord>& article,
                          std::string_view document_query, TemplateData& body);
  // The word lists' findings in `in`, for the editor (admin_articles.cc).
  void SetWordFindings(const AdminContext& ctx, const ArticleInput& in, TemplateData& body);

  // Media library and attachments (admin_media.cc).
  http::Response MediaPage(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response MediaJson(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response UploadMedia(const http::Request&, const http::RouteParams&, AdminContext&);
  // A media file for staff pages, private or not (records photos).
  http::Response StaffMediaFile(const http::Request&, const http::RouteParams&, AdminContext&);
  // True if `media_id` is a photo of a meeting of the branch `who` manages.
  bool IsOwnBranchPhoto(const auth::Principal& who, std::int64_t media_id);
  http::Response DeleteMedia(const http::Request&, const http::RouteParams&, AdminContext&);
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
  http::Response AddAttachment(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response RemoveAttachment(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response MediaListPage(const AdminContext& ctx, const std::map<std::string, std::string>& query,
                               const std::string& error, int status);

  // The party-records part of the dashboard, for roles that see records
  // (admin_dashboard.cc).
  void AddRecordsOverview(const AdminContext& ctx, TemplateData& body);
  // Probationary members whose year ends within 60 days or has ended.
  void AddProbations(const AdminContext& ctx, TemplateData& records);
  // Full members awaiting the approval of their full membership (转正审批).
  void AddFullApprovals(const AdminContext& ctx, TemplateData& records);

  // The newsroom's helpers (admin_articles.cc, admin_editor_media.cc).
  // News reports drafted from training classes, still drafts, that `who`
  // may edit: the newsroom's side of the class → news hand-over.
  std::vector<ArticleRecord> ClassNewsDrafts(const auth::Principal& who);
  // The message for the top of a form when `s` names no field (otherwise
  // the form shows it beside the field, and this is "").
  std::string FieldlessError(const AdminContext& ctx, const Status& s) const;
  // What the editor shows for a stored article (its pending edit, if any).
  ArticleInput StoredInput(const ArticleRecord& art);
  // The editor's 置顶 form for a published article: whether and until when
  // it is pinned (admin_editor_media.cc). PinUntilOf reads the form's last
  // day ("" for none) as the moment the pin ends: the next midnight.
  // `may_pin`: the form too, not only the facts.
  void SetPinFacts(const AdminContext& ctx, const ArticleRecord& a, bool may_pin,
                   TemplateData& body);
  Result<std::optional<UnixSeconds>> PinUntilOf(std::string_view last_day) const;
  // The preview's date line, as the portal will show it.
  void SetPreviewFacts(const AdminContext& ctx, const std::optional<ArticleRecord>& article,
                       const ArticleInput& in, TemplateData& body);
  // Files chosen on the article form itself: a new lead image (uploaded
  // first, so the article is saved with it) and documents (attached once
  // the article exists, so they can be added before the first save).
  Status UploadLeadImage(AdminContext& ctx, const std::vector<http::FormPart>& files,
                         ArticleInput& in);
  Status UploadAttachments(AdminContext& ctx, const std::vector<http::FormPart>& files,
                           std::int64_t article);
  http::Response AfterSaveProblem(AdminContext& ctx, std::int64_t id, const ArticleInput& in,
                                  const Status& problem);
  std::string RevisionNote(const AdminContext& ctx, const std::string& note) const;
  // An article's history from the audit log, newest first: when, who, what
  // happened in words, and the reason a reviewer gave.
  TemplateData ArticleHistory(const AdminContext& ctx, std::int64_t id,
                              const std::map<std::int64_t, std::string>& users, int offset);
  // The review record (admin_review_record.cc): a step's name with its
  // number; the record's rows for the article page; the chain's state on
  // the article page (what comes next, and whether `ctx` may take it); the
  // record as a sheet; the XLSX of one article's or a period's record.
  std::string StepText(const AdminContext& ctx, const ReviewStepRecord& r) const;
  TemplateData ReviewRecordRows(const AdminContext& ctx,
                                const std::vector<ReviewStepRecord>& record, int offset);
  void SetReviewChain(const AdminContext& ctx, const ArticleRecord& a, TemplateData& body);
  tabular::Sheet ReviewRecordSheet(const AdminContext& ctx,
                                   const std::vector<ReviewStepRecord>& record);
  http::Response ArticleReviewXlsx(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response ReviewRecordsXlsx(const http::Request&, const http::RouteParams&, AdminContext&);
  // On the sign-in page reached from a check-in code: what it is for.
  void SetSignInPurpose(const AdminContext& ctx, const std::string& next, TemplateData& body);
  // Before the first account exists, the sign-in page says how to make it
  // (on the server: there is no default account and no setup page).
  void SetFirstAccountHint(TemplateData& body);
  std::atomic<bool> has_accounts_{false};

  // Sign-in and one's own account (admin_misc.cc).
  http::Response LoginForm(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response Login(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response Logout(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response AccountPage(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response ChangePassword(const http::Request&, const http::RouteParams&, AdminContext&);
  http::Response ChangeLanguage(const http::Request&, const http::RouteParams&, AdminContext&);
  // The newsroom's language for this request: the user's choice, else the
  // site's primary language.
  i18n::Lang LangOf(const AdminContext& ctx) const override;
  std::string T(const AdminContext& ctx, std::string_view msgid) const override;
  // T, then "{name}" placeholders filled (xgettext keyword Tf:2).
  std::string Tf(const AdminContext& ctx, std::string_view msgid,
                 const MessageArgs& args) const override;

  Deps d_;
  std::vector<RouteInfo> routes_;
  std::vector<std::function<void(const AdminContext&, TemplateData&)>> dashboard_parts_;
  std::vector<std::function<std::string(const AdminContext&, const std::string&)>> sign_in_purposes_;
};

using tabular::CsvField;

}  // namespace procura::web
