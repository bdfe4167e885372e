// SqlArticleRepository: the review record (审核记录). Rows are only ever
// inserted; the schema's triggers refuse updates and deletes.
#include <string>

#include "storage/sql/sql_newsroom_repositories.h"

namespace procura::sql {
namespace {

constexpr const char* kStepColumns =
    "SELECT id, article_id, step, steps_needed, outcome, reviewer_id, reviewer_name, at, "
    "revision_number, text_hash, findings, override_reason, note FROM review_steps ";

ReviewStepRecord ReadStep(const Statement& row) {
  ReviewStepRecord r;
  r.id = row.Int(0);
  r.article_id = row.Int(1);
  r.step = static_cast<int>(row.Int(2));
  r.steps_needed = static_cast<int>(row.Int(3));
  r.outcome = row.Text(4);
  r.reviewer_id = row.OptInt(5);
  r.reviewer_name = row.Text(6);
  r.at = row.Int(7);
  r.revision_number = row.Int(8);
  r.text_hash = row.Text(9);
  r.findings = row.Text(10);
  r.override_reason = row.Text(11);
  r.note = row.Text(12);
  return r;
}

}  // namespace

Result<std::int64_t> SqlArticleRepository::AppendReviewStep(const ReviewStepRecord& r) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO review_steps (article_id, step, steps_needed, outcome, reviewer_id, "
      "reviewer_name, at, revision_number, text_hash, findings, override_reason, note) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, r.article_id).Bind(2, std::int64_t{r.step}).Bind(3, std::int64_t{r.steps_needed});
  st->Bind(4, r.outcome).Bind(5, r.reviewer_id).Bind(6, r.reviewer_name).Bind(7, r.at);
  st->Bind(8, r.revision_number).Bind(9, r.text_hash).Bind(10, r.findings);
  st->Bind(11, r.override_reason).Bind(12, r.note);
  return st->RunReturningId();
}

Result<std::vector<ReviewStepRecord>> SqlArticleRepository::SelectSteps(
    const char* where, const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kStepColumns) + where + " ORDER BY id");
  if (!st.ok()) return st.status();
  bind(*st);
  return st->Collect<ReviewStepRecord>(ReadStep);
}

Result<std::vector<ReviewStepRecord>> SqlArticleRepository::ReviewStepsOf(std::int64_t article) {
  return SelectSteps("WHERE article_id = ?", [&](Statement& st) { st.Bind(1, article); });
}

Result<std::vector<ReviewStepRecord>> SqlArticleRepository::ReviewStepsBetween(UnixSeconds from,
                                                                               UnixSeconds to) {
  return SelectSteps("WHERE at >= ? AND at <= ?",
                     [&](Statement& st) { st.Bind(1, from).Bind(2, to); });
}

Result<std::int64_t> SqlArticleRepository::LatestRevisionNumber(std::int64_t article) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT coalesce(max(number), 0) FROM article_revisions WHERE article_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, article);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return *row ? st->Int(0) : std::int64_t{0};
}

}  // namespace procura::sql
