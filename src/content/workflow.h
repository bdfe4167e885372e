// ArticleWorkflow: the newsroom's write side. Every change goes through it,
// and it enforces, on the server, who may move an article between states:
//
//   draft ──submit──► submitted ──approve──► published ──withdraw──► withdrawn
//     ▲                  │  (future time: scheduled ──time comes──► published)
//     └──return(reason)──┘                    ▲──────republish───────┘
//
// Editing a published article stores a pending revision; the live text
// stays until a reviewer approves the edit (or returns it with a reason).
// The public date (published_at) is set once, at first publication, and
// only an admin's audited correction changes it. Every save is a revision;
// every transition is audited and published as a ContentChanged event.
#pragma once

#include <optional>
#include <string>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "content/markdown_sandbox.h"
#include "content/review_chain.h"
#include "core/events.h"
#include "safety/word_check.h"
#include "storage/storage.h"

namespace procura {

// What an editor submits from the form or the API.
struct ArticleInput {
  std::int64_t column_id = 0;
  std::string title, author, news_source;
  std::string scheduled_for;  // "" = publish on approval; else a future local time
  std::optional<std::int64_t> lead_media_id;
  std::string lead_caption, lead_alt, body_md;
  // "zh-CN" or "en"; "" keeps the article's language (a new article: the
  // site's primary language).
  std::string lang;
  // The article this one translates: nullopt keeps the link as it is, 0
  // removes it. It must be an article in the other language.
  std::optional<std::int64_t> translation_of;
};

// Field limits, checked by Validate (characters unless noted).
inline constexpr std::size_t kMaxTitle = 200, kMaxAuthor = 100, kMaxSource = 100, kMaxCaption = 200,
                             kMaxAlt = 300, kMaxReason = 500;

class ArticleWorkflow {
 public:
  // All references must outlive the workflow.
  // `utc_offset_minutes` is the site's zone for reading publish times.
  // `renderer` turns the body into the HTML stored with every save.
  ArticleWorkflow(Storage& storage, auth::Audit& audit, EventBus& events,
                  const MarkdownRenderer& renderer, int utc_offset_minutes = 480)
      : storage_(storage),
        audit_(audit),
        events_(events),
        renderer_(renderer),
        offset_(utc_offset_minutes),
        words_(storage.safety()) {}

  // Ok, or Invalid with a message that starts with the field's name.
  // Every problem with the input (Status::AllOf), each naming its field.
  Status Validate(const ArticleInput& in) const;
  Status ValidateChoices(const ArticleInput& in) const;

  // Creates a draft (revision 1). Denied unless the user writes articles.
  Result<std::int64_t> Create(const ArticleInput& in, const auth::Principal& who,
                              const auth::Actor& actor);
  // Creates a draft from the party records (a class's or a branch
  // meeting's news report): allowed to writers and to the records roles
  // (the records officer, branch secretaries), who cannot edit it
  // afterwards unless they also write articles. The draft then follows
  // the workflow.
  Result<std::int64_t> CreateFromRecords(const ArticleInput& in, const auth::Principal& who,
                                         const auth::Actor& actor);
  // Article `a`'s fields as its editor edits them now: its pending edit
  // awaiting review when it has one, else the article as stored (a
  // scheduled time as "YYYY-MM-DD HH:MM" in the site's zone). A caller
  // that changes only some fields starts from it.
  ArticleInput Editable(const ArticleRecord& a) const;
  // Saves a new revision. A published article keeps its live text and gets
  // a pending edit; a submitted or scheduled one goes back to draft and
  // needs a new submit. Conflict if `expected_version` is stale. Writers
  // change their own articles (auth::CanEditArticle).
  Status Save(std::int64_t id, const ArticleInput& in, std::int64_t expected_version,
              const auth::Principal& who, const auth::Actor& actor);
  // draft → submitted. Blocking word-list findings refuse. Links in the
  // body are checked (internal ones must resolve; external ones through
  // the link probe, if set): dead ones refuse (field "keep_dead_links")
  // unless `keep_dead_links`, which the audit row then records.
  Status Submit(std::int64_t id, const auth::Principal& who, const auth::Actor& actor,
                bool keep_dead_links = false);
  // Checks an external link (true if it answers). Unset: external links
  // are not checked. Set once, before serving.
  void SetLinkProbe(std::function<bool(const std::string&)> probe) { probe_ = std::move(probe); }
  // The links in `a`'s rendered body that do not work.
  Result<std::vector<std::string>> DeadLinks(const ArticleRecord& a);
  // Takes the next review step of a submitted article or a pending edit
  // (workflow_review.cc). The column needs 1–3 steps (三审); the last one
  // publishes (or schedules, or applies the edit), earlier ones are
  // recorded and the article waits for the next. Each step needs a
  // different reviewer holding that step's right in the column (Denied
  // otherwise). `seen_version` is the version the reviewer read: Conflict
  // if the article changed since. With the column's four-eyes setting, no
  // step is taken by the one who wrote or last edited it. At every step
  // the checks run on the exact text that would go public: a blocking
  // finding refuses; warnings need `override_reason`. Each step is one
  // row of the append-only review record (who, when, the revision, a
  // hash of the text, the findings shown, the reason) and is audited.
  Status Approve(std::int64_t id, std::int64_t seen_version, const auth::Principal& who,
                 const auth::Actor& actor, const std::string& override_reason = "");

  // The word-list findings in the text of `a` that would go public (title,
  // body, lead caption and alt text).
  Result<std::vector<safety::WordFinding>> WordFindings(const ArticleRecord& a);
  Result<std::vector<safety::WordFinding>> WordFindings(std::string_view title,
                                                        std::string_view body,
                                                        std::string_view caption,
                                                        std::string_view alt);
  // The review chain of article `id`'s text under review (its pending
  // edit, if any): steps passed and the step that comes next. (Loads the
  // whole article: a summary without its body would hash differently.)
  Result<ReviewChain> ReviewState(std::int64_t id);
  // submitted → draft, or discards a pending edit; `reason` is required
  // and goes into the review record, ending the chain.
  Status Return(std::int64_t id, std::int64_t seen_version, const std::string& reason,
                const auth::Principal& who, const auth::Actor& actor);
  Status Withdraw(std::int64_t id, const std::string& reason, const auth::Principal& who,
                  const auth::Actor& actor);
  Status Republish(std::int64_t id, const auth::Principal& who, const auth::Actor& actor);
  // Saves revision `revision_id`'s content as a new revision.
  Status Restore(std::int64_t id, std::int64_t revision_id, const auth::Principal& who,
                 const auth::Actor& actor);
  // Admin-only correction of the public date, audited with old and new.
  Status CorrectPublishedDate(std::int64_t id, UnixSeconds when, const auth::Principal& who,
                              const auth::Actor& actor);
  // Publishes every scheduled article whose time has come. Returns how many.
  Result<int> PublishDue(UnixSeconds now);

  // 置顶 (workflow_pins.cc). Pins a published article to the top of its
  // column's first list page and home-page block, by a reviewer of its
  // column; `until` (optional) must be in the future. At most
  // kMaxPinnedPerColumn are pinned in a column in each language (its
  // list pages are per language; Invalid past that). Pinning
  // a pinned article changes its `until`. Audited and in the change log;
  // the article's version is untouched (pinning is not an edit).
  Status Pin(std::int64_t id, std::optional<UnixSeconds> until, const auth::Principal& who,
             const auth::Actor& actor);
  Status Unpin(std::int64_t id, const auth::Principal& who, const auth::Actor& actor);
  // Unpins every article whose pin has run out (the scheduler, each
  // second). Returns how many.
  Result<int> UnpinDue(UnixSeconds now);
  static constexpr int kMaxPinnedPerColumn = 5;

 private:
  Result<std::int64_t> InsertDraft(const ArticleInput& in, const auth::Principal& who,
                                   const auth::Actor& actor, const std::string& audit_action);
  Result<ArticleRecord> Load(std::int64_t id);
  // Writes `a`, its audit row for `action` and, if `is_public`, its
  // change-log row, inside the caller's transaction `tx`.
  Status WriteChange(Storage& tx, const ArticleRecord& a, const std::string& action,
                     const auth::Actor& actor, const std::string& detail, bool is_public,
                     std::int64_t old_column);
  // Releases the private media (meeting photos) a published `a` shows: its
  // lead image, its public attachments and the files its body links to,
  // each with a change-log row (the snapshot re-reads the media) and an
  // audit row. Inside the caller's transaction.
  Status ReleaseMediaOf(Storage& tx, const ArticleRecord& a, const auth::Actor& actor);
  // Tells this process's read models of a committed public change.
  void Announce(const ArticleRecord& a, std::int64_t old_column);
  // WriteChange() in a transaction of its own, then Announce() if public.
  Status Commit(const ArticleRecord& a, const std::string& action, const auth::Actor& actor,
                const std::string& detail, bool is_public, std::int64_t old_column);
  Status SaveContent(ArticleRecord a, const ArticleInput& in, const auth::Principal& who,
                     const auth::Actor& actor, const std::string& note);
  // An edit after a review step: appends a restart row to the record, in
  // `tx`, if a chain is in progress.
  Status RestartReviewChain(Storage& tx, const ArticleRecord& a, const auth::Principal& who,
                            const std::string& note);
  Status CheckWriter(const ArticleRecord& a, const auth::Principal& who) const;
  // The word-list verdict for publishing `a`; on Ok, `audit_note` says
  // what was overridden and why (empty when nothing was found).
  // `findings` gets the findings' summary for the review record.
  Status CheckWords(const ArticleRecord& a, const std::string& override_reason,
                    std::string& audit_note, std::string& findings);
  // What approving `a` checks of its text: it is formatted (an edit again,
  // by this binary's rules), the content checks block nothing, and the
  // word lists pass or are overridden (CheckWords' notes).
  Status CheckPublishable(ArticleRecord& a, bool edit, const std::string& override_reason,
                          std::string& words_note, std::string& findings);
  // The text under review: `a` itself, or with its pending edit applied
  // (rendered); `revision` gets the number of the revision reviewed.
  Result<ArticleRecord> TextUnderReview(const ArticleRecord& a, std::int64_t& revision);
  // The hash of what `a` would put public, with its attachments' names.
  Result<std::string> HashForReview(const ArticleRecord& a);
  Result<int> StepsNeeded(std::int64_t column_id);
  // Checks `who` may take the chain's next step; the step label on denial.
  Status CheckStepTaker(const ArticleRecord& a, const ReviewChain& chain,
                        const auth::Principal& who);
  Status CheckFourEyes(const ArticleRecord& a, const auth::Principal& who);
  // The stored HTML for `markdown`, or Invalid naming what is wrong with it.
  // The language an input asks for, normalized; else `current`; else the
  // site's primary language.
  Result<std::string> LanguageFor(const ArticleInput& in,
                                  const std::optional<std::string>& current) const;
  Result<std::string> RenderBody(const std::string& markdown) const;
  Status CheckReviewer(const ArticleRecord& a, const auth::Principal& who) const;
  // Sets (`since`) or clears a pin with its change-log and audit rows in
  // one transaction (a new pin within the column's limit), then announces
  // it (workflow_pins.cc).
  Status CommitPin(const ArticleRecord& a, std::optional<UnixSeconds> since,
                   std::optional<UnixSeconds> until, const auth::Actor& actor,
                   const std::string& detail);

  Storage& storage_;
  auth::Audit& audit_;
  EventBus& events_;
  const MarkdownRenderer& renderer_;
  int offset_;
  safety::WordCheck words_;
  std::function<bool(const std::string&)> probe_;
};

}  // namespace procura
