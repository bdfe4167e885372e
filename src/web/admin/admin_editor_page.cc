// NewsroomAdmin::EditorPage: the article form, with the stored article's
// facts, the workflow's controls for this user, and the fields as typed.
#include <fmt/format.h>

#include "content/checks.h"
#include "core/clock.h"
#include "render/article_parts.h"
#include "render/page_language.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_newsroom.h"

namespace procura::web {

Response NewsroomAdmin::EditorPage(const AdminContext& ctx, std::optional<ArticleRecord> article,
                                   const ArticleInput& in, const std::string& error, int status,
                                   const Status& problems, std::string_view document_query) {
  data body;
  d_.kit.SetFormErrors(ctx, problems,
                {{"title", "e-title"},
                 {"column_id", "e-column"},
                 {"author", "e-author"},
                 {"news_source", "e-source"},
                 {"lang", "e-lang"},
                 {"translation_of", "e-translation"},
                 {"scheduled_for", "e-when"},
                 {"lead_media_id", "e-media-none"},
                 {"lead_caption", "e-caption"},
                 {"lead_alt", "e-alt"},
                 {"body_md", "e-body"}},
                body);
  if (article) {
    SetArticleFacts(ctx, *article, body);
    SetArticleControls(ctx, *article, body);
  } else {
    body.set("action", "/admin/articles/");
    body.set("status", d_.kit.T(ctx, N_("New")));
    if (auth::Can(ctx.who(), auth::Action::kWriteArticles)) body.set("can_submit", TemplateTrue());
  }
  if (!error.empty()) body.set("error", error);
  SetWordFindings(ctx, in, body);
  if (auto f = CheckContent(in.body_md); !f.empty()) {
    data list{data::type::list};
    for (const auto& one : f) list.push_back(data(d_.kit.Tf(ctx, kFindingMsgid, FindingArgs(one))));
    body.set("findings", list);
    body.set("has_findings", TemplateTrue());
  }
  SetEditorFields(ctx, article, in, body);
  SetEditorImages(ctx, in, body);
  SetEditorDocuments(ctx, article, document_query, body);
  SetPreviewFacts(ctx, article, in, body);
  if (auto html = d_.renderer.Render(in.body_md); html.ok())
    body.set("preview", ResponsiveBodyImages(*html, *d_.content.Snapshot(), kStaffMediaPrefix));
  return d_.kit.Page(ctx, "admin_editor", std::move(body), article ? N_("Edit article") : N_("New article"),
              status);
}

void NewsroomAdmin::SetArticleFacts(const AdminContext& ctx, const ArticleRecord& a,
                                    TemplateData& body) {
  body.set("id", std::to_string(a.id));
  body.set("version", std::to_string(a.version));
  body.set("status", d_.kit.T(ctx, ArticleStatusLabel(a.status)));
  body.set("action", fmt::format("/admin/articles/{}/", a.id));
  if (a.status == kStatusScheduled && a.scheduled_at)
    body.set("scheduled_at",
             FormatLocalTime(*a.scheduled_at,
                             d_.content.Snapshot()->site().utc_offset_minutes));
  // A reason is what a reviewer wrote, or one of our own msgids.
  if (!a.status_reason.empty()) body.set("reason", d_.kit.T(ctx, a.status_reason));
  if (a.pending_revision) body.set("pending", TemplateTrue());
  if (!a.render_error.empty())
    body.set("render_error",
             d_.kit.Tf(ctx,
                N_("The body of this article cannot be formatted ({error}), so the portal "
                   "shows it without its text. Simplify the text and save it again."),
                {{"error", a.render_error}}));
  auto from_class = d_.storage.training().ClassForArticle(a.id);
  if (from_class.ok() && from_class->has_value()) {
    body.set("class_id", std::to_string((*from_class)->id));
    body.set("class_title", (*from_class)->title);
    // Only the records roles may open the class; others read its name.
    if (auth::Can(ctx.who(), auth::Action::kViewRecords)) body.set("class_link", TemplateTrue());
  }
  if (a.published_at) {
    body.set("published", FormatLocalTime(*a.published_at, d_.content.Snapshot()->site().utc_offset_minutes));
    if (a.status == kStatusPublished) body.set("public_url", fmt::format("/articles/{}/", a.id));
  }
  if (a.status == kStatusPublished || a.status == kStatusWithdrawn) SetStaticCopy(ctx, a, body);
}

void NewsroomAdmin::SetArticleControls(const AdminContext& ctx, const ArticleRecord& a,
                                       TemplateData& body) {
  const auto& who = ctx.who();
  const bool reviews = auth::Can(who, auth::Action::kReviewColumn, a.column_id);
  const std::string& st = a.status;
  // The controls follow the same rule as the workflow: writers change
  // their own articles, others' only as the column's reviewer or editor.
  const bool may_edit = auth::CanEditArticle(who, a.column_id, a.created_by);
  if (may_edit && st == kStatusDraft) body.set("can_submit", TemplateTrue());
  if (!may_edit && auth::Can(who, auth::Action::kWriteArticles))
    body.set("read_only_note",
             d_.kit.T(ctx, N_("Another editor wrote this article. Only they, the reviewers of its "
                       "column and editors an admin named for the column can change it.")));
  if (reviews && (st == kStatusSubmitted || a.pending_revision)) {
    body.set("can_approve", TemplateTrue());
    body.set("can_return", TemplateTrue());
  }
  SetReviewChain(ctx, a, body);  // after can_approve: it may withdraw it
  if (reviews && st == kStatusScheduled) body.set("can_return", TemplateTrue());
  if (reviews && (st == kStatusSubmitted || st == kStatusScheduled || a.pending_revision))
    body.set("can_review", TemplateTrue());
  if (reviews && st == kStatusPublished) body.set("can_withdraw", TemplateTrue());
  if (st == kStatusPublished) SetPinFacts(ctx, a, reviews, body);
  if (reviews && st == kStatusWithdrawn) body.set("can_republish", TemplateTrue());
  if (auth::Can(who, auth::Action::kCorrectDate) && a.published_at)
    body.set("can_correct_date", TemplateTrue());
}

void NewsroomAdmin::SetEditorFields(const AdminContext& ctx, const std::optional<ArticleRecord>& article,
                                    const ArticleInput& in, TemplateData& body) {
  body.set("title", in.title);
  {  // the article's language: the site's primary one for a new article
    const std::string chosen =
        !in.lang.empty() ? in.lang
        : article        ? article->lang
                         : std::string(i18n::Tag(PrimaryLang(d_.content.Snapshot()->site())));
    data langs{data::type::list};
    langs.push_back(SelectOption("zh-CN", d_.kit.T(ctx, N_("Chinese (zh-CN)")), chosen == "zh-CN"));
    langs.push_back(SelectOption("en", d_.kit.T(ctx, N_("English (en)")), chosen == "en"));
    body.set("langs", langs);
  }
  if (in.translation_of && *in.translation_of > 0)
    body.set("translation_of", std::to_string(*in.translation_of));
  body.set("author", in.author);
  body.set("news_source", in.news_source);
  // The preview hides an empty "Author:" / "News source:" (an empty string
  // is not false to the template).
  if (in.author.empty()) body.set("no_author", TemplateTrue());
  if (in.news_source.empty()) body.set("no_source", TemplateTrue());
  body.set("scheduled_for", in.scheduled_for);
  {  // an example publish time that is in the future: tomorrow at 09:00
    const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
    body.set("when_example", FormatLocalTime(NowUnix() + 86400, offset).substr(0, 10) + " 09:00");
  }
  body.set("lead_caption", in.lead_caption);
  body.set("lead_alt", in.lead_alt);
  body.set("body", in.body_md);
  if (article ? auth::CanEditArticle(ctx.who(), article->column_id, article->created_by)
              : auth::Can(ctx.who(), auth::Action::kWriteArticles))
    body.set("can_write", TemplateTrue());
  data cols{data::type::list};
  for (const auto& c : d_.storage.content().ListColumns().value())
    cols.push_back(SelectOption(std::to_string(c.id), c.name, c.id == in.column_id));
  body.set("columns", cols);
}

}  // namespace procura::web
