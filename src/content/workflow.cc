// ArticleWorkflow: drafts, saves, submission, withdrawal, republication and
// restore, each checked, audited and written with its change-log row in one
// transaction. The checks are in workflow_checks.cc, review steps in
// workflow_review.cc, date corrections in workflow_dates.cc, pins in
// workflow_pins.cc.
#include "content/workflow.h"

#include "i18n/catalogs.h"

#include <fmt/format.h>

#include <csignal>
#include <cstdlib>

#include "content/checks.h"
#include "content/site_links.h"
#include "content/revision.h"
#include "content/workflow_internal.h"
#include "core/fault.h"
#include "core/fields.h"
#include "safety/case_privacy.h"
#include "safety/links.h"
#include "content/markdown.h"
#include "content/media.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"

namespace procura {
namespace workflow_detail {

RevisionRecord RevisionOf(const ArticleRecord& a, const auth::Principal& who, std::string note) {
  return RevisionOfArticle(a, who.user_id, NowUnix(), std::move(note));
}

void ApplyRevision(ArticleRecord& a, const RevisionRecord& r) {
  a.column_id = r.column_id;
  a.title = r.title;
  a.author = r.author;
  a.news_source = r.news_source;
  a.lead_media_id = r.lead_media_id;
  a.lead_caption = r.lead_caption;
  a.lead_alt = r.lead_alt;
  a.body_md = r.body_md;
  a.body_html = r.body_html;
  a.render_error.clear();
  a.last_edited_by = r.saved_by;
}

// When PROCURA_FAULT=kill-after-commit, the process kills itself with
// SIGKILL right after a public change commits, before the search index sees
// it. Used by the crash-recovery integration test only.
void MaybeCrashForTest() {
  static const bool armed = FaultArmed("kill-after-commit");
  if (armed) ::raise(SIGKILL);
}

// `action` is a msgid (marked N_) naming what was tried.
Status WrongState(const char* action, const ArticleRecord& a) {
  return Status::Invalid(N_("{action_label} is not possible while the article is {status_label}."),
                         {{"action_label", action}, {"status_label", std::string(ArticleStatusLabel(a.status))}});
}

}  // namespace workflow_detail

using auth::Action;
using auth::Can;
using namespace workflow_detail;

Result<ArticleRecord> ArticleWorkflow::Load(std::int64_t id) {
  auto a = storage_.content().GetArticle(id);
  if (!a.ok()) return a.status();
  if (!a->has_value()) return Status::NotFound(N_("There is no such article."));
  return **a;
}

Status ArticleWorkflow::WriteChange(Storage& tx, const ArticleRecord& a, const std::string& action,
                                    const auth::Actor& actor, const std::string& detail,
                                    bool is_public, std::int64_t old_column) {
  PROCURA_RETURN_IF_ERROR(tx.articles().UpdateArticle(a));
  if (is_public)
    PROCURA_RETURN_IF_ERROR(
        tx.changes().Append({0, "article", a.id, {old_column, a.column_id}, NowUnix()}).status());
  if (is_public && a.status == kStatusPublished) PROCURA_RETURN_IF_ERROR(ReleaseMediaOf(tx, a, actor));
  return audit_.Write(tx, actor, action, "article", a.id, detail);
}

Status ArticleWorkflow::ReleaseMediaOf(Storage& tx, const ArticleRecord& a, const auth::Actor& actor) {
  std::vector<std::int64_t> ids;
  if (a.lead_media_id) ids.push_back(*a.lead_media_id);
  auto attachments = tx.content().ListAttachmentsOf(a.id);
  if (!attachments.ok()) return attachments.status();
  for (const AttachmentRecord& r : *attachments)
    if (r.pending != "add") ids.push_back(r.media_id);  // an addition awaiting review is not public
  const std::vector<std::string> names = StoredMediaNamesIn(a.body_md);
  auto released = tx.content().ReleaseMedia(ids, names);
  if (!released.ok()) return released.status();
  for (std::int64_t id : *released) {
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "media", id, {}, NowUnix()}).status());
    PROCURA_RETURN_IF_ERROR(audit_.Write(tx, actor, "media.release", "media", id,
                                         fmt::format("public with article {}", a.id)));
  }
  return Status::Ok();
}

void ArticleWorkflow::Announce(const ArticleRecord& a, std::int64_t old_column) {
  MaybeCrashForTest();  // test-only: a kill between the commit and the index write
  events_.Publish({"article", a.id, {old_column, a.column_id}});
}

Status ArticleWorkflow::Commit(const ArticleRecord& a, const std::string& action,
                               const auth::Actor& actor, const std::string& detail, bool is_public,
                               std::int64_t old_column) {
  // The article, its change-log row (for public changes) and its audit row
  // commit together; the announcement follows the commit.
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    return WriteChange(tx, a, action, actor, detail, is_public, old_column);
  }));
  if (is_public) Announce(a, old_column);
  return Status::Ok();
}

Result<std::int64_t> ArticleWorkflow::Create(const ArticleInput& in, const auth::Principal& who,
                                             const auth::Actor& actor) {
  if (!Can(who, Action::kWriteArticles)) return Status::Denied(N_("You may not write articles."));
  return InsertDraft(in, who, actor, "article.create");
}

Result<std::int64_t> ArticleWorkflow::CreateFromRecords(const ArticleInput& in,
                                                        const auth::Principal& who,
                                                        const auth::Actor& actor) {
  if (!Can(who, Action::kWriteArticles) && !Can(who, Action::kViewRecords))
    return Status::Denied(N_("You may not start news drafts."));
  return InsertDraft(in, who, actor, "article.create.from-records");
}

Result<std::int64_t> ArticleWorkflow::InsertDraft(const ArticleInput& in,
                                                  const auth::Principal& who,
                                                  const auth::Actor& actor,
                                                  const std::string& audit_action) {
  PROCURA_RETURN_IF_ERROR(Validate(in));
  auto html = RenderBody(in.body_md);
  if (!html.ok()) return html.status();
  ArticleRecord a;
  a.column_id = in.column_id;
  a.title = in.title;
  a.author = in.author;
  a.news_source = in.news_source;
  a.lead_media_id = in.lead_media_id;
  a.lead_caption = in.lead_caption;
  a.lead_alt = in.lead_alt;
  a.body_md = in.body_md;
  a.body_html = std::move(*html);
  auto lang = LanguageFor(in, std::nullopt);
  if (!lang.ok()) return lang.status();
  a.lang = *lang;
  if (in.translation_of && *in.translation_of != 0) a.translation_of = in.translation_of;
  a.status = kStatusDraft;
  a.created_by = who.user_id;
  a.last_edited_by = who.user_id;
  a.created_at = a.updated_at = NowUnix();
  if (!in.scheduled_for.empty()) a.scheduled_at = ParseLocalTime(in.scheduled_for, offset_);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.content().InsertArticle(a);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    a.id = id;
    PROCURA_RETURN_IF_ERROR(tx.articles().InsertRevision(RevisionOf(a, who, "created")).status());
    return audit_.Write(tx, actor, audit_action, "article", id, a.title);
  }));
  return id;
}

ArticleInput ArticleWorkflow::Editable(const ArticleRecord& a) const {
  ArticleInput in{a.column_id,      a.title,
                  a.author,         a.news_source,
                  a.scheduled_at ? FormatLocalTime(*a.scheduled_at, offset_) : "",
                  a.lead_media_id,  a.lead_caption,
                  a.lead_alt,       a.body_md,
                  a.lang,           a.translation_of.value_or(0)};
  if (!a.pending_revision) return in;
  auto r = storage_.articles().GetRevision(*a.pending_revision);
  if (!r.ok() || !r->has_value()) return in;
  const RevisionRecord& rev = **r;
  return {rev.column_id,     rev.title,        rev.author,   rev.news_source, "",
          rev.lead_media_id, rev.lead_caption, rev.lead_alt, rev.body_md,
          a.lang,            a.translation_of.value_or(0)};
}

Status ArticleWorkflow::Save(std::int64_t id, const ArticleInput& in, std::int64_t expected_version,
                             const auth::Principal& who, const auth::Actor& actor) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckWriter(*a, who));
  PROCURA_RETURN_IF_ERROR(Validate(in));
  if (a->version != expected_version)
    return Status::Conflict(N_("Someone else changed the article meanwhile. Reload it; your text is below."));
  return SaveContent(*a, in, who, actor, "saved");
}

Status ArticleWorkflow::SaveContent(ArticleRecord a, const ArticleInput& in,
                                    const auth::Principal& who, const auth::Actor& actor,
                                    const std::string& note) {
  auto html = RenderBody(in.body_md);
  if (!html.ok()) return html.status();
  ArticleRecord next = a;
  next.column_id = in.column_id;
  next.title = in.title;
  next.author = in.author;
  next.news_source = in.news_source;
  next.lead_media_id = in.lead_media_id;
  next.lead_caption = in.lead_caption;
  next.lead_alt = in.lead_alt;
  next.body_md = in.body_md;
  next.body_html = std::move(*html);
  auto lang = LanguageFor(in, a.lang);
  if (!lang.ok()) return lang.status();
  next.lang = *lang;
  if (in.translation_of)
    next.translation_of = *in.translation_of == 0 ? std::nullopt : in.translation_of;
  if (next.translation_of == next.id) return Status::Invalid(N_("An article cannot be its own translation.")).WithField("translation_of");
  next.render_error.clear();
  next.last_edited_by = who.user_id;
  next.updated_at = NowUnix();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto rev = tx.articles().InsertRevision(RevisionOf(next, who, note));
    if (!rev.ok()) return rev.status();
    PROCURA_RETURN_IF_ERROR(RestartReviewChain(tx, a, who, note));
    if (a.status == kStatusPublished) {
      // The live text stays; the edit waits for a reviewer.
      a.pending_revision = *rev;
      a.updated_at = next.updated_at;
      return WriteChange(tx, a, "article.edit-published", actor, "edit awaiting re-review",
                         false, a.column_id);
    }
    next.scheduled_at =
        in.scheduled_for.empty() ? std::nullopt : ParseLocalTime(in.scheduled_for, offset_);
    if (next.status == kStatusSubmitted || next.status == kStatusScheduled) {
      // The reviewer approves what they read: an edit needs a new submit.
      next.status = kStatusDraft;
      next.status_reason = N_("Edited after it was submitted: submit it again.");
    }
    return WriteChange(tx, next, "article.save", actor, note, false, a.column_id);
  });
}

Status ArticleWorkflow::RestartReviewChain(Storage& tx, const ArticleRecord& a,
                                           const auth::Principal& who, const std::string& note) {
  auto record = tx.articles().ReviewStepsOf(a.id);
  if (!record.ok()) return record.status();
  if (!ChainInProgress(*record)) return Status::Ok();
  ReviewStepRecord restart;
  restart.article_id = a.id;
  restart.step = 0;
  restart.steps_needed = record->back().steps_needed;
  restart.outcome = kReviewRestart;
  restart.reviewer_id = who.user_id;
  restart.reviewer_name = who.name;
  restart.at = NowUnix();
  restart.note = note;
  return tx.articles().AppendReviewStep(restart).status();
}

Status ArticleWorkflow::Submit(std::int64_t id, const auth::Principal& who,
                               const auth::Actor& actor, bool keep_dead_links) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckWriter(*a, who));
  if (a->status != kStatusDraft) return WrongState(N_("Submitting"), *a);
  if (a->scheduled_at && *a->scheduled_at <= NowUnix())
    return Status::Invalid(N_("The publish time has passed; clear it or choose a future time.")).WithField("scheduled_for");
  // Blocking word-list findings stop the article here; warnings go on to
  // the reviewer, who decides.
  auto found = WordFindings(*a);
  if (!found.ok()) return found.status();
  if (safety::Count(*found).block > 0) return safety::PublicationVerdict(*found, "");
  auto dead = DeadLinks(*a);
  if (!dead.ok()) return dead.status();
  std::string detail;
  if (!dead->empty()) {
    std::string list;
    for (const auto& link : *dead) list += (list.empty() ? "" : ", ") + link;
    if (!keep_dead_links)
      return Status::Invalid(N_("These links do not work: {links}. Correct them, or submit again "
                                "confirming that they are right."),
                             {{"links", list}})
          .WithField("keep_dead_links");
    detail = "dead links kept: " + list;
  }
  a->status = kStatusSubmitted;
  a->status_reason.clear();
  a->updated_at = NowUnix();
  return Commit(*a, "article.submit", actor, detail, false, a->column_id);
}

Status ArticleWorkflow::Withdraw(std::int64_t id, const std::string& reason,
                                 const auth::Principal& who, const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckTextField("reason", N_("Reason"), reason, kMaxReason, true));
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*a, who));
  if (a->status != kStatusPublished) return WrongState(N_("Withdrawing"), *a);
  a->status = kStatusWithdrawn;
  a->status_reason = reason;
  a->updated_at = NowUnix();
  // A withdrawn article leaves the top of its column for good: republished,
  // it is not pinned again unless someone pins it.
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(
        WriteChange(tx, *a, "article.withdraw", actor, reason, true, a->column_id));
    return a->pinned_at ? tx.articles().SetArticlePin(a->id, std::nullopt, std::nullopt)
                        : Status::Ok();
  }));
  Announce(*a, a->column_id);
  return Status::Ok();
}

Status ArticleWorkflow::Republish(std::int64_t id, const auth::Principal& who,
                                  const auth::Actor& actor) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*a, who));
  if (a->status != kStatusWithdrawn) return WrongState(N_("Republishing"), *a);
  a->status = kStatusPublished;  // published_at keeps its first value
  a->status_reason.clear();
  a->updated_at = NowUnix();
  return Commit(*a, "article.republish", actor, "", true, a->column_id);
}

Status ArticleWorkflow::Restore(std::int64_t id, std::int64_t revision_id,
                                const auth::Principal& who, const auth::Actor& actor) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckWriter(*a, who));
  auto rev = storage_.articles().GetRevision(revision_id);
  if (!rev.ok()) return rev.status();
  if (!rev->has_value() || (*rev)->article_id != id)
    return Status::NotFound(N_("There is no such revision of this article."));
  ArticleInput in{
      (*rev)->column_id,     (*rev)->title,        (*rev)->author,   (*rev)->news_source, "",
      (*rev)->lead_media_id, (*rev)->lead_caption, (*rev)->lead_alt, (*rev)->body_md};
  return SaveContent(*a, in, who, actor, fmt::format("restored revision {}", (*rev)->number));
}

}  // namespace procura

namespace procura {

RevisionRecord RevisionOfArticle(const ArticleRecord& a, std::optional<std::int64_t> saved_by,
                                 UnixSeconds saved_at, std::string note) {
  RevisionRecord r;
  r.article_id = a.id;
  r.saved_by = saved_by;
  r.saved_at = saved_at;
  r.note = std::move(note);
  r.column_id = a.column_id;
  r.title = a.title;
  r.author = a.author;
  r.news_source = a.news_source;
  r.lead_media_id = a.lead_media_id;
  r.lead_caption = a.lead_caption;
  r.lead_alt = a.lead_alt;
  r.body_md = a.body_md;
  r.body_html = a.body_html;
  return r;
}

}  // namespace procura
