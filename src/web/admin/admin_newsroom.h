// The newsroom's own pages, an area over AdminKit: the article list, the
// Markdown editor with its preview, lead image, attachments and 置顶, the
// review workflow's transitions (submit, approve, return, withdraw,
// republish, pin, correct a date), revisions and history, the review
// record (三审三校) as pages and XLSX, and the newsroom's dashboard part.
// ArticleWorkflow decides who may do what to which article and audits it;
// handlers parse the form, call it and render.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/content_service.h"
#include "content/media.h"
#include "content/workflow.h"
#include "http/any_form.h"
#include "i18n/catalogs.h"
#include "storage/storage.h"
#include "tabular/table.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class NewsroomAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    ArticleWorkflow& workflow;
    const MarkdownRenderer& renderer;  // previews, under the same budget as saves
    MediaService& media;
    ContentService& content;                    // the site as published
    const i18n::Catalogs* catalogs = nullptr;  // plural counts; null: English
  };
  explicit NewsroomAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard, and its dashboard part
  // (my drafts, what waits for my review, scheduled, recently published,
  // news drafted from classes, articles whose text could not be formatted).
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // The article list and the editor (admin_articles.cc).
  Response ArticleList(const Request&, const Params&, AdminContext&);
  // The list's filter form: statuses, columns, creators and languages,
  // those of `f` selected.
  void SetArticleFilterChoices(const AdminContext& ctx, const ArticleFilter& f,
                               const std::vector<ColumnRecord>& columns,
                               const std::map<std::int64_t, std::string>& users, TemplateData& body);
  Response NewArticle(const Request&, const Params&, AdminContext&);
  Response CreateArticle(const Request&, const Params&, AdminContext&);
  Response EditArticle(const Request&, const Params&, AdminContext&);
  Response SaveArticle(const Request&, const Params&, AdminContext&);
  Response Transition(const Request&, const Params&, AdminContext&, const std::string& verb);
  // The article form. `error` is shown at the top; a form's `problems`
  // (Status::AllOf with fields) instead appear beside their fields, listed
  // in a summary at the top.
  Response EditorPage(const AdminContext& ctx, std::optional<ArticleRecord> article,
                      const ArticleInput& in, const std::string& error, int status,
                      const Status& problems = Status::Ok(), std::string_view document_query = {});
  // The editor's parts: a stored article's status, dates and links; the
  // workflow's buttons this user may press; the fields as `in` has them.
  void SetArticleFacts(const AdminContext& ctx, const ArticleRecord& a, TemplateData& body);
  void SetArticleControls(const AdminContext& ctx, const ArticleRecord& a, TemplateData& body);
  void SetEditorFields(const AdminContext& ctx, const std::optional<ArticleRecord>& article,
                       const ArticleInput& in, TemplateData& body);
  // The word lists' findings in `in`, for the editor.
  void SetWordFindings(const AdminContext& ctx, const ArticleInput& in, TemplateData& body);
  // The message for the top of a form when `s` names no field (otherwise
  // the form shows it beside the field, and this is "").
  std::string FieldlessError(const AdminContext& ctx, const Status& s) const;
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
  Response AfterSaveProblem(AdminContext& ctx, std::int64_t id, const ArticleInput& in,
                            const Status& problem);

  // The editor's media (admin_editor_media.cc): the lead-image picker and
  // preview image; the attached documents and those to attach (the newest,
  // or those whose name contains `document_query`); attaching and removing
  // one; the 置顶 form for a published article (PinUntilOf reads the form's
  // last day, "" for none, as the moment the pin ends: the next midnight;
  // `may_pin`: the form too, not only the facts).
  void SetEditorImages(const AdminContext& ctx, const ArticleInput& in, TemplateData& body);
  void SetEditorDocuments(const AdminContext& ctx, const std::optional<ArticleRecord>& article,
                          std::string_view document_query, TemplateData& body);
  Response AddAttachment(const Request&, const Params&, AdminContext&);
  Response RemoveAttachment(const Request&, const Params&, AdminContext&);
  void SetPinFacts(const AdminContext& ctx, const ArticleRecord& a, bool may_pin,
                   TemplateData& body);
  Result<std::optional<UnixSeconds>> PinUntilOf(std::string_view last_day) const;
  // Whether the static exports hold the article's newest change
  // (content/export_health.h); nothing when the site has none.
  void SetStaticCopy(const AdminContext& ctx, const ArticleRecord& a, TemplateData& body);

  // Preview, revisions and history (admin_revisions.cc). ArticleHistory:
  // an article's history from the audit log, newest first: when, who, what
  // happened in words, and the reason a reviewer gave.
  Response Preview(const Request&, const Params&, AdminContext&);
  Response Revisions(const Request&, const Params&, AdminContext&);
  Response NoRevisions(AdminContext& ctx, std::optional<std::int64_t> id);
  std::string RevisionNote(const AdminContext& ctx, const std::string& note) const;
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
  Response ArticleReviewXlsx(const Request&, const Params&, AdminContext&);
  Response ReviewRecordsXlsx(const Request&, const Params&, AdminContext&);

  // The dashboard's newsroom part (admin_newsroom_dashboard.cc), and the
  // news reports drafted from training classes, still drafts, that `who`
  // may edit: the newsroom's side of the class → news hand-over.
  void FillDashboard(const AdminContext& ctx, TemplateData& body);
  std::vector<ArticleRecord> ClassNewsDrafts(const auth::Principal& who);

  Deps d_;
};

}  // namespace procura::web
