// NewsroomAdmin: its routes, the workflow's verbs, and its part of the
// dashboard at /admin/ (my drafts, what waits for my review, the schedule,
// the recently published, news drafted from training classes, text that
// could not be formatted).
#include "web/admin/admin_newsroom.h"

#include <fmt/format.h>

#include "content/columns.h"
#include "core/clock.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"

namespace procura::web {

void NewsroomAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/articles/", Needs(A::kUseAdmin), bind(&NewsroomAdmin::ArticleList));
  kit.Add(r, "GET", "/admin/articles/new", Needs(A::kWriteArticles),
          bind(&NewsroomAdmin::NewArticle));
  kit.Add(r, "POST", "/admin/articles/", Needs(A::kWriteArticles),
          bind(&NewsroomAdmin::CreateArticle));
  kit.Add(r, "GET", "/admin/articles/{id}/", Needs(A::kUseAdmin), bind(&NewsroomAdmin::EditArticle));
  kit.Add(r, "POST", "/admin/articles/{id}/", Needs(A::kWriteArticles),
          bind(&NewsroomAdmin::SaveArticle));
  kit.Add(r, "GET", "/admin/articles/{id}/revisions", Needs(A::kUseAdmin),
          bind(&NewsroomAdmin::Revisions));
  kit.Add(r, "GET", "/admin/articles/{id}/review-record.xlsx", Needs(A::kUseAdmin),
          bind(&NewsroomAdmin::ArticleReviewXlsx));
  kit.Add(r, "GET", "/admin/review-record.xlsx", Needs(A::kViewAudit),
          bind(&NewsroomAdmin::ReviewRecordsXlsx));
  kit.Add(r, "POST", "/admin/preview", Needs(A::kWriteArticles), bind(&NewsroomAdmin::Preview));
  // The workflow's verbs, each a POST to the article: the writer's, the
  // reviewer's, and correcting a published date (its own permission).
  const auto verb = [&](const char* name, A need) {
    kit.Add(r, "POST", fmt::format("/admin/articles/{{id}}/{}", name).c_str(), Needs(need),
            [this, v = std::string(name)](const Request& q, const RouteParams& p,
                                          AdminContext& c) { return Transition(q, p, c, v); });
  };
  for (const char* name : {"submit", "restore"}) verb(name, A::kWriteArticles);
  for (const char* name : {"approve", "return", "withdraw", "republish", "pin", "unpin"})
    verb(name, A::kReviewColumn);
  verb("correct-date", A::kCorrectDate);
  kit.Add(r, "POST", "/admin/articles/{id}/attachments", Needs(A::kWriteArticles),
          bind(&NewsroomAdmin::AddAttachment));
  kit.Add(r, "POST", "/admin/articles/{id}/attachments/{media}/remove", Needs(A::kWriteArticles),
          bind(&NewsroomAdmin::RemoveAttachment));
  kit.AddDashboardPart(
      [this](const AdminContext& ctx, TemplateData& body) { FillDashboard(ctx, body); });
}

// The workflow's verbs: each a POST naming the article; withdrawal asks
// first. A refusal the writer or reviewer can act on comes back on the
// article's own page.
Response NewsroomAdmin::Transition(const Request& req, const RouteParams& p, AdminContext& ctx,
                               const std::string& verb) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such article."));
  const http::Form form = http::Form::Parse(req.body);
  ArticleWorkflow& wf = d_.workflow;
  Status s;
  if (verb == "submit")
    s = wf.Submit(*id, ctx.who(), ctx.actor, form.Get("keep_dead_links") == "1");
  else if (verb == "approve" || verb == "return") {
    // The version the reviewer read, carried by the form they read it on.
    auto seen = ParsePositiveId(form.Get("version"));
    if (!seen)
      s = Status::Invalid(N_("Open the article again and review it there."));
    else if (verb == "approve")
      s = wf.Approve(*id, *seen, ctx.who(), ctx.actor, form.Get("override_reason"));
    else
      s = wf.Return(*id, *seen, form.Get("reason"), ctx.who(), ctx.actor);
  }
  else if (verb == "withdraw") {
    if (auto ask = d_.kit.ConfirmFirst(ctx, req,
                                N_("Withdraw this article from the portal? Readers will no longer "
                                   "see it; it can be republished."),
                                {}, fmt::format("/admin/articles/{}/", *id)))
      return *ask;
    s = wf.Withdraw(*id, form.Get("reason"), ctx.who(), ctx.actor);
  }
  else if (verb == "republish")
    s = wf.Republish(*id, ctx.who(), ctx.actor);
  else if (verb == "pin") {
    auto until = PinUntilOf(form.Get("until"));
    s = until.ok() ? wf.Pin(*id, *until, ctx.who(), ctx.actor) : until.status();
  } else if (verb == "unpin")
    s = wf.Unpin(*id, ctx.who(), ctx.actor);
  else if (verb == "restore") {
    auto rev = ParsePositiveId(form.Get("revision"));
    s = rev ? wf.Restore(*id, *rev, ctx.who(), ctx.actor) : Status::Invalid(N_("Choose a revision."));
  } else if (verb == "correct-date") {
    auto t =
        ParseLocalTime(form.Get("published"), d_.content.Snapshot()->site().utc_offset_minutes);
    s = t ? wf.CorrectPublishedDate(*id, *t, ctx.who(), ctx.actor)
          : Status::Invalid(N_("Enter the date as 2022-07-14 10:00."));
  }
  // A refusal the writer or reviewer can act on (a content check, a
  // missing reason) comes back on the article itself, not a bare page.
  if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kConflict)
    if (auto a = d_.storage.content().GetArticle(*id); a.ok() && a->has_value())
      return EditorPage(ctx, **a, d_.workflow.Editable(**a), d_.kit.ErrorText(ctx, s), HttpStatusFor(s));
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not done"), s);
  return AdminKit::Done(fmt::format("/admin/articles/{}/", *id), "done");
}

std::vector<ArticleRecord> NewsroomAdmin::ClassNewsDrafts(const auth::Principal& who) {
  std::vector<ArticleRecord> out;
  auto classes = d_.storage.training().ListClasses();
  if (!classes.ok()) return out;
  for (const auto& c : *classes) {
    if (!c.news_article_id) continue;
    auto a = d_.storage.content().GetArticle(*c.news_article_id);
    if (!a.ok() || !a->has_value() || (*a)->status != kStatusDraft) continue;
    if (auth::CanEditArticle(who, (*a)->column_id, (*a)->created_by)) out.push_back(**a);
  }
  return out;
}

void NewsroomAdmin::FillDashboard(const AdminContext& ctx, TemplateData& body) {
  const auto label = [&](std::string_view s) { return d_.kit.T(ctx, s); };
  const auth::Principal& who = ctx.who();
  if (!auth::Can(who, auth::Action::kUseAdmin)) return;
  auto snap = d_.content.Snapshot();
  auto users = UserNames(d_.storage);
  auto columns = d_.storage.content().ListColumns().value();
  auto list = [&](ArticleFilter f) { return d_.storage.articles().ListArticles(f).value(); };
  std::vector<ArticleRecord> review;
  for (auto c : who.reviewer_columns) {
    for (auto& a : list({.status = kStatusSubmitted, .column_id = c})) review.push_back(a);
    for (auto& a : list({.column_id = c, .pending_only = true})) review.push_back(a);
  }
  body.set("newsroom", TemplateTrue());
  // An administrator alone writes and reviews nothing: no empty lists of it.
  if (auth::Can(who, auth::Action::kWriteArticles)) body.set("can_write", TemplateTrue());
  if (who.Has(auth::Role::kReviewer)) body.set("reviews", TemplateTrue());
  const auto section = [&](const char* name, const std::vector<ArticleRecord>& articles) {
    body.set(name, ArticleRows(articles, *snap, users, columns, label));
    if (!articles.empty()) body.set(std::string("has_") + name, TemplateTrue());
  };
  section("drafts", list({.status = kStatusDraft, .created_by = who.user_id}));
  {  // waiting for my review: the articles whose next step I may take
    data rows{data::type::list};
    for (const auto& a : review) {
      auto chain = d_.workflow.ReviewState(a.id);
      if (!chain.ok()) continue;
      const int step = chain->next_step();
      if (!auth::CanTakeReviewStep(who, a.column_id, step, chain->steps_needed) ||
          chain->TakenBy(who.user_id))
        continue;
      data row = ArticleRows({a}, *snap, users, columns, label).list_value().front();
      if (chain->steps_needed > 1)
        row.set("step", d_.kit.Tf(ctx, N_("{step_label} (step {n} of {of})"),
                           {{"step_label", std::string(ReviewStepLabel(step, chain->steps_needed))},
                            {"n", std::to_string(step)},
                            {"of", std::to_string(chain->steps_needed)}}));
      rows.push_back(row);
    }
    const bool any = !rows.list_value().empty();
    body.set("review", rows);
    if (any) body.set("has_review", TemplateTrue());
  }
  section("scheduled", list({.status = kStatusScheduled}));
  section("published", list({.status = kStatusPublished, .limit = 10}));
  section("class_drafts", ClassNewsDrafts(who));
  if (who.Has(auth::Role::kReviewer) && who.reviewer_columns.empty())
    body.set("no_review_columns", TemplateTrue());
  // Feeds, the sitemap and shared links need the site's address.
  if (snap->site().public_url.empty() && auth::Can(who, auth::Action::kManageSite))
    body.set("no_public_url", TemplateTrue());
  // Articles whose bodies could not be formatted: shown to every newsroom
  // role until someone simplifies the text.
  auto broken = list({.render_failed_only = true, .limit = 20});
  if (!broken.empty()) {
    body.set("has_unformatted", TemplateTrue());
    body.set("unformatted", ArticleRows(broken, *snap, users, columns, label));
  }
}

}  // namespace procura::web
