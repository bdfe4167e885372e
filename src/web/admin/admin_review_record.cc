// NewsroomAdmin: the review record (审核记录) of multi-step review — the chain's
// state on the article page, the rows who reviewed what, and the XLSX an
// inspector asks for (one article, or every step in a period).
#include <fmt/format.h>

#include "content/columns.h"
#include "core/clock.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_newsroom.h"

namespace procura::web {

namespace {

const char* OutcomeLabel(const std::string& outcome) {
  if (outcome == kReviewPass) return N_("passed");
  if (outcome == kReviewPublish) return N_("passed; approved for publication");
  if (outcome == kReviewReturn) return N_("returned to the writer");
  return N_("edited after a step: the review starts again");
}

}  // namespace

std::string NewsroomAdmin::StepText(const AdminContext& ctx, const ReviewStepRecord& r) const {
  if (r.outcome == kReviewRestart) return "—";
  return d_.kit.Tf(ctx, N_("{step_label} (step {n} of {of})"),
            {{"step_label", std::string(ReviewStepLabel(r.step, r.steps_needed))},
             {"n", std::to_string(r.step)},
             {"of", std::to_string(r.steps_needed)}});
}

TemplateData NewsroomAdmin::ReviewRecordRows(const AdminContext& ctx,
                                         const std::vector<ReviewStepRecord>& record, int offset) {
  data rows{data::type::list};
  for (const auto& r : record) {
    data row;
    row.set("step", StepText(ctx, r));
    row.set("outcome", d_.kit.T(ctx, OutcomeLabel(r.outcome)));
    if (r.outcome == kReviewReturn || r.outcome == kReviewRestart)
      row.set("broken", TemplateTrue());
    row.set("by", r.reviewer_name);
    row.set("at", FormatLocalTime(r.at, offset));
    row.set("datetime", FormatRfc3339(r.at, offset));
    if (r.revision_number > 0) row.set("revision", std::to_string(r.revision_number));
    row.set("hash", r.text_hash.substr(0, 12));
    row.set("full_hash", r.text_hash);
    row.set("findings", r.findings);
    row.set("reason", r.override_reason);
    row.set("note", r.outcome == kReviewRestart ? RevisionNote(ctx, r.note) : r.note);
    rows.push_back(row);
  }
  return rows;
}

void NewsroomAdmin::SetReviewChain(const AdminContext& ctx, const ArticleRecord& a,
                               TemplateData& body) {
  auto record = d_.storage.articles().ReviewStepsOf(a.id);
  if (!record.ok()) return;
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  if (!record->empty()) {
    body.set("review_record", ReviewRecordRows(ctx, *record, off));
    body.set("has_review_record", TemplateTrue());
  }
  const bool under_review = a.status == kStatusSubmitted || a.pending_revision;
  if (!under_review) return;
  auto chain = d_.workflow.ReviewState(a.id);
  if (!chain.ok()) return;
  const int step = chain->next_step();
  const std::string label(ReviewStepLabel(step, chain->steps_needed));
  body.set("review_progress",
           d_.kit.Tf(ctx, N_("This column needs {of} review step(s); next is the {step_label} (step {n} "
                      "of {of})."),
              {{"of", std::to_string(chain->steps_needed)},
               {"step_label", label},
               {"n", std::to_string(step)}}));
  if (chain->restarted_by_change)
    body.set("review_restarted",
             d_.kit.T(ctx, N_("The text changed after a review step, so the review starts again.")));
  body.set("approve_label", chain->next_is_final()
                                ? d_.kit.T(ctx, N_("Approve and publish"))
                                : d_.kit.Tf(ctx, N_("Pass the {step_label}"), {{"step_label", label}}));
  const auth::Principal& who = ctx.who();
  std::string blocked;
  if (!auth::CanTakeReviewStep(who, a.column_id, step, chain->steps_needed))
    blocked = d_.kit.Tf(ctx, N_("The {step_label} needs a reviewer who holds it in this column."),
                 {{"step_label", label}});
  else if (chain->TakenBy(who.user_id))
    blocked = d_.kit.Tf(ctx, N_("You took an earlier step of this review; the {step_label} needs another "
                         "reviewer."),
                 {{"step_label", label}});
  if (!blocked.empty()) {
    body.set("can_approve", TemplateData(TemplateData::type::bool_false));
    body.set("approve_blocked", blocked);
  }
}

tabular::Sheet NewsroomAdmin::ReviewRecordSheet(const AdminContext& ctx,
                                            const std::vector<ReviewStepRecord>& record) {
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  tabular::Sheet sheet{t(N_("Review record")),
                       {t(N_("Article")), t(N_("Title")), t(N_("Column")), t(N_("Step")),
                        t(N_("Result")), t(N_("Reviewer")), t(N_("Time")), t(N_("Revision")),
                        t(N_("Text hash (SHA-256)")), t(N_("Findings shown")),
                        t(N_("Reason for publishing despite warnings")), t(N_("Note"))}};
  sheet.kinds = {tabular::ColumnKind::kGeneral, tabular::ColumnKind::kGeneral,
                 tabular::ColumnKind::kGeneral, tabular::ColumnKind::kGeneral,
                 tabular::ColumnKind::kGeneral, tabular::ColumnKind::kGeneral,
                 tabular::ColumnKind::kDateTime};
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  auto listed = d_.storage.content().ListColumns();
  const std::vector<ColumnRecord> columns = listed.ok() ? *listed : std::vector<ColumnRecord>{};
  std::map<std::int64_t, std::pair<std::string, std::string>> articles;  // id → title, column
  for (const auto& r : record) {
    if (articles.count(r.article_id)) continue;
    auto a = d_.storage.content().GetArticle(r.article_id);
    std::string title, column;
    if (a.ok() && a->has_value()) {
      title = (*a)->title;
      for (const auto& c : columns)
        if (c.id == (*a)->column_id) column = c.name;
    }
    articles[r.article_id] = {title, column};
  }
  for (const auto& r : record) {
    const auto& [title, column] = articles[r.article_id];
    sheet.rows.push_back({double(r.article_id), title, column, StepText(ctx, r),
                          t(OutcomeLabel(r.outcome)), r.reviewer_name, FormatLocalTime(r.at, off),
                          r.revision_number > 0 ? tabular::Cell(double(r.revision_number))
                                                : tabular::Cell(std::string()),
                          r.text_hash, r.findings, r.override_reason,
                          r.outcome == kReviewRestart ? RevisionNote(ctx, r.note) : r.note});
  }
  return sheet;
}

Response NewsroomAdmin::ArticleReviewXlsx(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto a = id ? d_.storage.content().GetArticle(*id)
              : Result<std::optional<ArticleRecord>>(std::optional<ArticleRecord>());
  if (!a.ok() || !a->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such article."));
  auto record = d_.storage.articles().ReviewStepsOf(*id);
  if (!record.ok()) return d_.kit.Message(ctx, 503, N_("Not exported"), record.status());
  tabular::Sheet sheet = ReviewRecordSheet(ctx, *record);
  sheet.title = d_.kit.Tf(ctx, N_("Review record of “{title}”"), {{"title", (*a)->title}});
  return d_.kit.AuditedExport(ctx,
                       d_.kit.XlsxDownload(ctx, {sheet}, fmt::format("article-{}-review-record.xlsx", *id)),
                       "export.review-record", fmt::format("article {}", *id));
}

Response NewsroomAdmin::ReviewRecordsXlsx(const Request& req, const RouteParams&, AdminContext& ctx) {
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  const auto q = ParseQuery(req.query);
  auto get = [&](const char* k) { return q.count(k) ? q.at(k) : std::string(); };
  auto from = ParseLocalTime(get("from") + " 00:00", off);
  auto to = ParseLocalTime(get("to") + " 00:00", off);
  if (!from || !to || *to < *from)
    return d_.kit.Message(ctx, 400, N_("Not exported"),
                   N_("Give the period as two dates, from and to, like 2026-01-01."));
  auto record = d_.storage.articles().ReviewStepsBetween(*from, *to + 86399);
  if (!record.ok()) return d_.kit.Message(ctx, 503, N_("Not exported"), record.status());
  tabular::Sheet sheet = ReviewRecordSheet(ctx, *record);
  sheet.title = d_.kit.Tf(ctx, N_("Review record, {from} to {to}"),
                   {{"from", get("from")}, {"to", get("to")}});
  return d_.kit.AuditedExport(
      ctx, d_.kit.XlsxDownload(ctx, {sheet}, fmt::format("review-record-{}-{}.xlsx", get("from"), get("to"))),
      "export.review-record", fmt::format("from {} to {}", get("from"), get("to")));
}

}  // namespace procura::web
