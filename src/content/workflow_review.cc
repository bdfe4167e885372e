// ArticleWorkflow: review (三审三校). A column needs 1–3 steps; each is
// taken by a different reviewer holding that step's right; the checks run
// on the exact text at every step; the last step publishes. Every step,
// return and restart is a row of the append-only review record.
#include <fmt/format.h>

#include "content/checks.h"
#include "content/columns.h"
#include "content/workflow.h"
#include "content/workflow_internal.h"
#include "core/clock.h"
#include "core/fields.h"

namespace procura {

using namespace workflow_detail;

namespace {

// What the last review step does to `a`: its edit goes live, it waits for
// its publish time, or it is published (its date set once, never
// rewritten); the audit action and detail, and whether the public sees it.
struct Conclusion {
  std::string action, detail;
  bool is_public = true;
};

Conclusion Conclude(ArticleRecord& a, bool edit, UnixSeconds now, std::int64_t revision,
                    const std::string& step_note, int utc_offset_minutes) {
  a.updated_at = now;
  a.status_reason.clear();
  if (edit) {
    a.pending_revision.reset();
    return {"article.approve-edit", fmt::format("revision {} is live; {}", revision, step_note)};
  }
  if (a.scheduled_at && *a.scheduled_at > now) {
    a.status = kStatusScheduled;
    return {"article.schedule",
            "to publish at " + FormatRfc3339(*a.scheduled_at, utc_offset_minutes) + "; " + step_note,
            false};
  }
  a.status = kStatusPublished;
  if (!a.published_at) a.published_at = now;  // set once, never rewritten
  return {"article.publish",
          "published_at=" + FormatRfc3339(*a.published_at, utc_offset_minutes) + "; " + step_note};
}

// The record's row for `who` taking `chain`'s next step on revision
// `revision` (text hash `hash`), with the word findings overridden.
ReviewStepRecord StepRow(std::int64_t id, const ReviewChain& chain, const auth::Principal& who,
                         std::int64_t revision, const std::string& hash, const std::string& findings,
                         const std::string& override_reason, UnixSeconds now) {
  ReviewStepRecord row;
  row.article_id = id;
  row.step = chain.next_step();
  row.steps_needed = chain.steps_needed;
  row.outcome = chain.next_is_final() ? kReviewPublish : kReviewPass;
  row.reviewer_id = who.user_id;
  row.reviewer_name = who.name;
  row.at = now;
  row.revision_number = revision;
  row.text_hash = hash;
  row.findings = findings;
  row.override_reason = findings.empty() ? "" : override_reason;
  return row;
}

}  // namespace

Result<int> ArticleWorkflow::StepsNeeded(std::int64_t column_id) {
  auto columns = storage_.content().ListColumns();
  if (!columns.ok()) return columns.status();
  for (const auto& c : *columns)
    if (c.id == column_id) return c.review_steps;
  return 1;
}

Result<ArticleRecord> ArticleWorkflow::TextUnderReview(const ArticleRecord& a,
                                                       std::int64_t& revision) {
  ArticleRecord text = a;
  if (a.status == kStatusPublished && a.pending_revision) {
    auto rev = storage_.articles().GetRevision(*a.pending_revision);
    if (!rev.ok()) return rev.status();
    if (!rev->has_value()) return Status::Internal("the pending revision is missing");
    ApplyRevision(text, **rev);
    revision = (*rev)->number;
    if (!text.body_html) {  // a revision saved before bodies were stored rendered
      auto html = RenderBody(text.body_md);
      if (!html.ok()) return html.status();
      text.body_html = std::move(*html);
    }
    return text;
  }
  auto latest = storage_.articles().LatestRevisionNumber(a.id);
  if (!latest.ok()) return latest.status();
  revision = *latest;
  return text;
}

Result<std::string> ArticleWorkflow::HashForReview(const ArticleRecord& a) {
  auto attached = storage_.content().ListAttachmentsOf(a.id);
  if (!attached.ok()) return attached.status();
  std::vector<std::string> names;
  for (const auto& at : *attached) {
    if (at.pending == "remove") continue;
    auto m = storage_.content().GetMedia(at.media_id);
    if (!m.ok()) return m.status();
    if (m->has_value()) names.push_back((*m)->original_name + "#" + std::to_string((*m)->id));
  }
  return ReviewTextHash(a, names);
}

Result<ReviewChain> ArticleWorkflow::ReviewState(std::int64_t id) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  std::int64_t revision = 0;
  auto text = TextUnderReview(*a, revision);
  if (!text.ok()) return text.status();
  auto hash = HashForReview(*text);
  if (!hash.ok()) return hash.status();
  auto steps = StepsNeeded(text->column_id);
  if (!steps.ok()) return steps.status();
  auto record = storage_.articles().ReviewStepsOf(id);
  if (!record.ok()) return record.status();
  return CurrentChain(*record, *hash, *steps);
}

Status ArticleWorkflow::CheckStepTaker(const ArticleRecord& a, const ReviewChain& chain,
                                       const auth::Principal& who) {
  const int step = chain.next_step();
  const std::string label(ReviewStepLabel(step, chain.steps_needed));
  if (!auth::CanTakeReviewStep(who, a.column_id, step, chain.steps_needed))
    return Status::Denied(N_("You may not take the {step_label} in this column."),
                          {{"step_label", label}});
  if (chain.TakenBy(who.user_id))
    return Status::Denied(N_("You took an earlier step of this review; the {step_label} needs "
                             "another reviewer."),
                          {{"step_label", label}});
  return Status::Ok();
}

Status ArticleWorkflow::CheckPublishable(ArticleRecord& a, bool edit,
                                         const std::string& override_reason,
                                         std::string& words_note, std::string& findings) {
  if (edit) {  // rendered when saved, perhaps by an older binary's Markdown rules
    auto html = RenderBody(a.body_md);
    if (html.ok()) a.body_html = std::move(*html);
  }
  if (!a.body_html)
    return Status::Invalid(
        N_("The text cannot be formatted: {error}"),
        {{"error", a.render_error.empty() ? std::string("not formatted yet") : a.render_error}});
  if (auto f = CheckContent(a.body_md); !f.empty()) return FindingsStatus(f);
  return CheckWords(a, override_reason, words_note, findings);
}

Status ArticleWorkflow::Approve(std::int64_t id, std::int64_t seen_version,
                                const auth::Principal& who, const auth::Actor& actor,
                                const std::string& override_reason) {
  auto stored = Load(id);
  if (!stored.ok()) return stored.status();
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*stored, who));
  if (stored->version != seen_version)
    return Status::Conflict(N_("The article changed after you opened it; read it again before approving."));
  const bool edit = stored->status == kStatusPublished && stored->pending_revision;
  if (!edit && stored->status != kStatusSubmitted) return WrongState(N_("Approving"), *stored);
  std::int64_t revision = 0;
  auto a = TextUnderReview(*stored, revision);
  if (!a.ok()) return a.status();
  const std::int64_t old_column = stored->column_id;
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*a, who));  // an edit may move it to another column
  PROCURA_RETURN_IF_ERROR(CheckFourEyes(*a, who));
  std::string words_note, findings;
  PROCURA_RETURN_IF_ERROR(CheckPublishable(*a, edit, override_reason, words_note, findings));
  auto hash = HashForReview(*a);
  if (!hash.ok()) return hash.status();
  auto steps = StepsNeeded(a->column_id);
  if (!steps.ok()) return steps.status();
  auto record = storage_.articles().ReviewStepsOf(id);
  if (!record.ok()) return record.status();
  const ReviewChain chain = CurrentChain(*record, *hash, *steps);
  PROCURA_RETURN_IF_ERROR(CheckStepTaker(*a, chain, who));

  const UnixSeconds now = NowUnix();
  const ReviewStepRecord row =
      StepRow(id, chain, who, revision, *hash, findings, override_reason, now);
  const std::string step_note =
      fmt::format("step {} of {}; revision {}; sha256 {}{}", row.step, row.steps_needed, revision,
                  hash->substr(0, 16), words_note);
  if (!chain.next_is_final()) {
    // An earlier step: recorded; the article waits for the next reviewer.
    return storage_.InTransaction([&](Storage& tx) -> Status {
      PROCURA_RETURN_IF_ERROR(tx.articles().AppendReviewStep(row).status());
      return audit_.Write(tx, actor, "article.review-step", "article", id, step_note);
    });
  }
  const Conclusion done = Conclude(*a, edit, now, revision, step_note, offset_);
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    if (edit) PROCURA_RETURN_IF_ERROR(tx.content().SettlePendingAttachments(a->id, true));
    PROCURA_RETURN_IF_ERROR(tx.articles().AppendReviewStep(row).status());
    return WriteChange(tx, *a, done.action, actor, done.detail, done.is_public, old_column);
  }));
  if (done.is_public) Announce(*a, old_column);
  return Status::Ok();
}

Status ArticleWorkflow::Return(std::int64_t id, std::int64_t seen_version,
                               const std::string& reason, const auth::Principal& who,
                               const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckTextField("reason", N_("Reason"), reason, kMaxReason, true));
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*a, who));
  if (a->version != seen_version)
    return Status::Conflict(N_("The article changed after you opened it; read it again first."));
  const bool edit = a->status == kStatusPublished && a->pending_revision;
  if (!edit && a->status != kStatusSubmitted && a->status != kStatusScheduled)
    return WrongState("return", *a);
  // The record says at which step it came back, and on which text.
  std::int64_t revision = 0;
  auto text = TextUnderReview(*a, revision);
  if (!text.ok()) return text.status();
  auto chain = ReviewState(id);
  if (!chain.ok()) return chain.status();
  auto hash = HashForReview(*text);
  if (!hash.ok()) return hash.status();
  ReviewStepRecord row;
  row.article_id = id;
  row.step = a->status == kStatusScheduled ? chain->steps_needed
                                           : std::min(chain->next_step(), chain->steps_needed);
  row.steps_needed = chain->steps_needed;
  row.outcome = kReviewReturn;
  row.reviewer_id = who.user_id;
  row.reviewer_name = who.name;
  row.at = NowUnix();
  row.revision_number = revision;
  row.text_hash = *hash;
  row.note = reason;
  a->status_reason = reason;
  a->updated_at = row.at;
  if (edit) a->pending_revision.reset();
  else a->status = kStatusDraft;
  return storage_.InTransaction([&](Storage& tx) -> Status {
    if (edit) PROCURA_RETURN_IF_ERROR(tx.content().SettlePendingAttachments(a->id, false));
    PROCURA_RETURN_IF_ERROR(tx.articles().AppendReviewStep(row).status());
    return WriteChange(tx, *a, edit ? "article.return-edit" : "article.return", actor, reason,
                       false, a->column_id);
  });
}

}  // namespace procura
