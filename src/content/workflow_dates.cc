// ArticleWorkflow: publication dates — the admin's audited correction and
// scheduled publishing. A published date is set once and changed only here,
// by a correction that records the old and new values.
#include <fmt/format.h>

#include "content/workflow.h"
#include "core/clock.h"

namespace procura {

using auth::Action;
using auth::Can;

Status ArticleWorkflow::CorrectPublishedDate(std::int64_t id, UnixSeconds when,
                                             const auth::Principal& who, const auth::Actor& actor) {
  if (!Can(who, Action::kCorrectDate)) return Status::Denied(N_("Only an administrator corrects dates."));
  auto a = Load(id);
  if (!a.ok()) return a.status();
  if (!a->published_at) return Status::Invalid(N_("The article was never published, so it has no date to correct."));
  if (when > NowUnix()) return Status::Invalid(N_("A publication date cannot be in the future."));
  const std::string detail =
      fmt::format("published_at: {} -> {}", FormatRfc3339(*a->published_at, offset_),
                  FormatRfc3339(when, offset_));
  a->published_at = when;
  a->updated_at = NowUnix();
  return Commit(*a, "article.correct-date", actor, detail, true, a->column_id);
}

Result<int> ArticleWorkflow::PublishDue(UnixSeconds now) {
  auto due = storage_.articles().DueScheduled(now);
  if (!due.ok()) return due.status();
  int n = 0;
  for (ArticleRecord a : *due) {
    auto full = Load(a.id);
    if (!full.ok()) return full.status();
    a = *full;
    a.status = kStatusPublished;
    if (!a.published_at) a.published_at = now;
    a.updated_at = now;
    PROCURA_RETURN_IF_ERROR(Commit(
        a, "article.publish", {std::nullopt, "scheduler", ""},
        "scheduled; published_at=" + FormatRfc3339(*a.published_at, offset_), true, a.column_id));
    ++n;
  }
  return n;
}

}  // namespace procura
