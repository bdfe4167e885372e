// ArticleWorkflow's checks: a form's fields and choices, who may write,
// review and approve (四眼: not one's own text where a column asks), the
// article's language, its body rendered under the sandbox's budget, and
// the content checks before publication (word lists, leaders' names and
// titles, personal data, dead links), each finding needing a reason or
// blocking.
#include <fmt/format.h>

#include "content/checks.h"
#include "content/markdown.h"
#include "content/site_links.h"
#include "content/site_settings.h"
#include "content/workflow.h"
#include "content/workflow_internal.h"
#include "core/fields.h"
#include "core/labels.h"
#include "core/text.h"
#include "i18n/catalogs.h"
#include "safety/case_privacy.h"
#include "safety/links.h"

namespace procura {

using auth::Action;
using auth::Can;
using namespace workflow_detail;

Status ArticleWorkflow::Validate(const ArticleInput& in) const {
  // Every problem with what was typed, so the form can show each beside
  // its field at once.
  std::vector<Status> problems;
  for (Status s : {CheckTextField("title", N_("Title"), in.title, kMaxTitle, true),
                   CheckTextField("author", N_("Author"), in.author, kMaxAuthor, false),
                   CheckTextField("news_source", N_("News source"), in.news_source, kMaxSource, false),
                   CheckTextField("lead_caption", N_("Caption"), in.lead_caption, kMaxCaption, false),
                   CheckTextField("lead_alt", N_("Alt text"), in.lead_alt, kMaxAlt, false)})
    if (!s.ok()) problems.push_back(std::move(s));
  if (in.body_md.size() > kMaxMarkdownBytes)
    problems.push_back(Status::Invalid(N_("The text is too long: at most {kib} KiB."),
                                       {{"kib", std::to_string(kMaxMarkdownBytes / 1024)}})
                           .WithField("body_md"));
  else if (!IsValidUtf8(in.body_md))
    problems.push_back(Status::Invalid(N_("The text is not valid UTF-8.")).WithField("body_md"));
  if (Status more = ValidateChoices(in); !more.ok()) {
    if (more.code() != Status::Code::kInvalidArgument) return more;  // storage trouble
    for (Status& p : more.problems()) problems.push_back(std::move(p));
  }
  return Status::AllOf(std::move(problems));
}

// The column, language, translation and lead image named by the form.
Status ArticleWorkflow::ValidateChoices(const ArticleInput& in) const {
  std::vector<Status> problems;
  auto columns = storage_.content().ListColumns();
  if (!columns.ok()) return columns.status();
  bool column_ok = false;
  for (const auto& c : *columns) column_ok |= c.id == in.column_id;
  if (!column_ok)
    problems.push_back(Status::Invalid(N_("Choose an existing column.")).WithField("column_id"));
  if (!in.lang.empty() && !i18n::Parse(in.lang))
    problems.push_back(
        Status::Invalid(N_("Choose Chinese (zh-CN) or English (en).")).WithField("lang"));
  if (in.translation_of && *in.translation_of != 0) {
    auto other = storage_.content().GetArticle(*in.translation_of);
    if (!other.ok()) return other.status();
    if (!other->has_value())
      problems.push_back(Status::Invalid(N_("The article this translates does not exist."))
                             .WithField("translation_of"));
  }
  if (in.lead_media_id) {
    auto media = storage_.content().GetMedia(*in.lead_media_id);
    if (!media.ok()) return media.status();
    if (!media->has_value())
      problems.push_back(Status::Invalid(N_("The lead image is not in the media library."))
                             .WithField("lead_media_id"));
    else if (in.lead_alt.find_first_not_of(" \t") == std::string::npos)
      problems.push_back(
          Status::Invalid(N_("Describe the lead image in its alt text.")).WithField("lead_alt"));
  }
  if (!in.scheduled_for.empty()) {
    auto t = ParseLocalTime(in.scheduled_for, offset_);
    if (!t)
      problems.push_back(Status::Invalid(N_("Enter the publish time as 2026-07-14 09:00."))
                             .WithField("scheduled_for"));
    else if (*t <= NowUnix())
      problems.push_back(
          Status::Invalid(N_("The publish time must be in the future; dates are never back-dated."))
              .WithField("scheduled_for"));
  }
  return Status::AllOf(std::move(problems));
}

Status ArticleWorkflow::CheckWriter(const ArticleRecord& a, const auth::Principal& who) const {
  if (!Can(who, Action::kWriteArticles)) return Status::Denied(N_("You may not edit articles."));
  if (!auth::CanEditArticle(who, a.column_id, a.created_by))
    return Status::Denied(N_("This article belongs to another editor; ask them or the column's reviewer."));
  return Status::Ok();
}

Status ArticleWorkflow::CheckFourEyes(const ArticleRecord& a, const auth::Principal& who) {
  auto columns = storage_.content().ListColumns();
  if (!columns.ok()) return columns.status();
  bool four_eyes = false;
  for (const auto& c : *columns) four_eyes |= c.id == a.column_id && c.four_eyes;
  if (!four_eyes) return Status::Ok();
  const bool wrote = a.created_by && *a.created_by == who.user_id;
  const bool edited = a.last_edited_by && *a.last_edited_by == who.user_id;
  if (wrote || edited)
    return Status::Denied(
        N_("This column needs a reviewer other than the person who wrote or last edited the "
           "article."));
  return Status::Ok();
}

Result<std::string> ArticleWorkflow::LanguageFor(const ArticleInput& in,
                                                 const std::optional<std::string>& current) const {
  if (!in.lang.empty()) return std::string(i18n::Tag(*i18n::Parse(in.lang)));  // validated
  if (current) return *current;
  auto site = storage_.content().GetSite();  // a new article: the site's language
  if (!site.ok() && site.status().code() != Status::Code::kNotFound) return site.status();
  // (A site without settings is a new one's, as the portal's snapshot says.)
  const auto primary = i18n::Parse(site.ok() ? site->lang : UnconfiguredSite().lang);
  return std::string(i18n::Tag(primary.value_or(i18n::Lang::kZh)));
}

Result<std::string> ArticleWorkflow::RenderBody(const std::string& markdown) const {
  auto html = renderer_.Render(markdown);
  if (!html.ok()) return html.status();
  return html;
}

Status ArticleWorkflow::CheckReviewer(const ArticleRecord& a, const auth::Principal& who) const {
  if (!Can(who, Action::kReviewColumn, a.column_id))
    return Status::Denied(N_("You do not review this article's column."));
  return Status::Ok();
}

Result<std::vector<safety::WordFinding>> ArticleWorkflow::WordFindings(std::string_view title,
                                                                       std::string_view body,
                                                                       std::string_view caption,
                                                                       std::string_view alt) {
  auto scanner = words_.Current();
  if (!scanner.ok()) return scanner.status();
  return safety::CheckPublicText(
      **scanner, {{"title", title}, {"body", body}, {"caption", caption}, {"alt", alt}});
}

Result<std::vector<safety::WordFinding>> ArticleWorkflow::WordFindings(const ArticleRecord& a) {
  auto scanner = words_.Current();  // one list for every field
  if (!scanner.ok()) return scanner.status();
  auto found = safety::CheckPublicText(**scanner, {{"title", a.title},
                                                   {"body", a.body_md},
                                                   {"caption", a.lead_caption},
                                                   {"alt", a.lead_alt}});
  if (a.id == 0) return found;
  // Attachment names go public too (the download links show them).
  auto attached = storage_.content().ListAttachmentsOf(a.id);
  if (!attached.ok()) return attached.status();
  if (attached->empty()) return found;
  for (const auto& at : *attached) {
    if (at.pending == "remove") continue;
    auto m = storage_.content().GetMedia(at.media_id);
    if (!m.ok()) return m.status();
    if (!m->has_value()) continue;
    auto more = safety::CheckPublicText(**scanner, {{"attachment", (*m)->original_name}});
    found.insert(found.end(), more.begin(), more.end());
  }
  return found;
}

Result<std::vector<std::string>> ArticleWorkflow::DeadLinks(const ArticleRecord& a) {
  if (!a.body_html || safety::LinksIn(*a.body_html).empty()) return std::vector<std::string>{};
  auto check = SiteLinkCheck(storage_);
  if (!check.ok()) return check.status();
  check->probe = probe_;
  return safety::DeadLinks(*a.body_html, *check);
}

Status ArticleWorkflow::CheckWords(const ArticleRecord& a, const std::string& override_reason,
                                   std::string& audit_note, std::string& findings) {
  auto found = WordFindings(a);
  if (!found.ok()) return found.status();
  PROCURA_RETURN_IF_ERROR(CheckTextField("override_reason", N_("Reason"), override_reason,
                                      kMaxReason, false));
  PROCURA_RETURN_IF_ERROR(safety::PublicationVerdict(*found, override_reason));
  audit_note.clear();
  findings = safety::AuditSummary(*found);
  if (!found->empty())
    audit_note = fmt::format("; word-list warnings overridden: {}; reason: {}",
                             safety::AuditSummary(*found), override_reason);
  return Status::Ok();
}

}  // namespace procura
