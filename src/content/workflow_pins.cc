// ArticleWorkflow: 置顶 — pinning a published article to the top of its
// column, and the scheduler's unpinning when a pin runs out. A pin is not
// an edit: the article's version and text are untouched, but readers see
// the change, so it goes through the change log like a publication.
#include <fmt/format.h>

#include "content/workflow.h"
#include "core/clock.h"

namespace procura {

namespace {

std::string PinDetail(std::optional<UnixSeconds> until, int offset) {
  return until ? "until " + FormatRfc3339(*until, offset) : "until unpinned";
}

}  // namespace

Status ArticleWorkflow::CommitPin(const ArticleRecord& a, std::optional<UnixSeconds> since,
                                  std::optional<UnixSeconds> until, const auth::Actor& actor,
                                  const std::string& detail) {
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    // The change-log row first: appending locks the log's counter until
    // commit, so pins in a column are counted one transaction at a time,
    // also by nodes sharing one PostgreSQL, and two at once cannot make a
    // sixth.
    PROCURA_RETURN_IF_ERROR(
        tx.changes().Append({0, "article", a.id, {a.column_id, a.column_id}, NowUnix()}).status());
    if (since && !a.pinned_at) {
      auto pinned = tx.articles().CountPinned(a.column_id, a.lang);
      if (!pinned.ok()) return pinned.status();
      if (*pinned >= kMaxPinnedPerColumn)
        return Status::Invalid(N_("This column already has {max} pinned articles: unpin one first."),
                               {{"max", std::to_string(kMaxPinnedPerColumn)}});
    }
    PROCURA_RETURN_IF_ERROR(tx.articles().SetArticlePin(a.id, since, until));
    return audit_.Write(tx, actor, since ? "article.pin" : "article.unpin", "article", a.id, detail);
  }));
  Announce(a, a.column_id);
  return Status::Ok();
}

Status ArticleWorkflow::Pin(std::int64_t id, std::optional<UnixSeconds> until,
                            const auth::Principal& who, const auth::Actor& actor) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*a, who));
  if (a->status != kStatusPublished)
    return Status::Invalid(N_("Only a published article can be pinned."));
  const UnixSeconds now = NowUnix();
  if (until && *until <= now)
    return Status::Invalid(N_("Pinned until: choose a time in the future.")).WithField("pinned_until");
  return CommitPin(*a, a->pinned_at.value_or(now), until, actor, PinDetail(until, offset_));
}

Status ArticleWorkflow::Unpin(std::int64_t id, const auth::Principal& who,
                              const auth::Actor& actor) {
  auto a = Load(id);
  if (!a.ok()) return a.status();
  PROCURA_RETURN_IF_ERROR(CheckReviewer(*a, who));
  if (!a->pinned_at) return Status::Invalid(N_("The article is not pinned."));
  return CommitPin(*a, std::nullopt, std::nullopt, actor, "");
}

Result<int> ArticleWorkflow::UnpinDue(UnixSeconds now) {
  auto due = storage_.articles().PinsDue(now);
  if (!due.ok()) return due.status();
  for (const ArticleRecord& a : *due)
    PROCURA_RETURN_IF_ERROR(
        CommitPin(a, std::nullopt, std::nullopt, {std::nullopt, "scheduler", ""}, "the pin ran out"));
  return static_cast<int>(due->size());
}

}  // namespace procura
