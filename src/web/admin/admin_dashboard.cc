// AdminSite: the dashboard at /admin/, one for every role: the newsroom's
// drafts, reviews and schedule for its roles; the party records' classes
// and shortcuts for the records officer and branch secretaries. A user with
// both kinds of role sees both. Nothing here links where the role may not go.
#include <map>
#include <set>

#include "content/columns.h"
#include "core/clock.h"
#include "org/probation.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_training.h"

namespace procura::web {

namespace {

// Member id → the day of their written application for full membership
// ("" when not recorded), for those of `members` admitted through the
// applicants' pages.
std::map<std::int64_t, std::string> FullApplications(Storage& storage,
                                                     const std::set<std::int64_t>& members) {
  std::map<std::int64_t, std::string> out;
  auto applicants = storage.org().ListApplicants(std::nullopt);
  if (!applicants.ok()) return out;
  for (const auto& a : *applicants) {
    if (!a.member_id || !members.count(*a.member_id)) continue;
    std::string& day = out[*a.member_id];
    if (auto steps = storage.org().StepsOfApplicant(a.id); steps.ok())
      for (const auto& s : *steps)
        if (s.step == "full_application") day = s.done_on;
  }
  return out;
}

}  // namespace

void AdminSite::AddRecordsOverview(const AdminContext& ctx, TemplateData& body) {
  const auth::Principal& who = ctx.who();
  if (!auth::Can(who, auth::Action::kViewRecords)) return;
  data records;
  if (who.Has(auth::Role::kRecordsOfficer)) records.set("officer", TemplateTrue());
  data branches{data::type::list};
  if (auto mine = d_.org.Branches(who); mine.ok() && !who.Has(auth::Role::kRecordsOfficer))
    for (const auto& b : *mine) {
      data one;
      one.set("id", std::to_string(b.unit.id));
      one.set("name", b.unit.name);
      branches.push_back(one);
    }
  records.set("branches", branches);
  // Hours and dues of others are the officer's and a secretary's (a
  // member has their own pages, linked above the section).
  if (who.Has(auth::Role::kRecordsOfficer) || !branches.list_value().empty())
    records.set("staff", TemplateTrue());
  data classes{data::type::list};
  if (auto list = d_.training.Classes(who); list.ok())
    for (const auto& c : *list) {
      if (c.status != "archived") classes.push_back(ClassRow(*this, ctx, c));
    }
  if (!classes.is_empty_list()) records.set("has_classes", TemplateTrue());
  records.set("classes", classes);
  AddProbations(ctx, records);
  AddFullApprovals(ctx, records);
  body.set("records", records);
}

void AdminSite::AddProbations(const AdminContext& ctx, TemplateData& records) {
  const std::string today = FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
  auto due = org::ProbationsEnding(d_.storage, d_.org, ctx.who(), today, 60);
  if (!due.ok() || due->empty()) return;
  std::set<std::int64_t> members;
  for (const auto& p : *due) members.insert(p.member.id);
  const auto applications = FullApplications(d_.storage, members);
  data rows{data::type::list};
  for (const auto& p : *due) {
    data r;
    r.set("id", std::to_string(p.member.id));
    // 转正申请: its day, "not recorded", or nothing for a member whose way
    // in is not on record here (no applicant page to record it on).
    if (auto it = applications.find(p.member.id); it != applications.end())
      r.set("application", it->second.empty() ? T(ctx, N_("not recorded")) : it->second);
    r.set("name", p.member.name);
    r.set("branch", p.branch_name);
    r.set("ends", p.ends_on);
    r.set("overdue", TemplateData(p.days_left < 0));
    r.set("state", p.days_left < 0 ? Tf(ctx, N_("Ended {n} days ago"), {{"n", std::to_string(-p.days_left)}})
                   : p.days_left == 0 ? T(ctx, N_("Ends today"))
                                      : Tf(ctx, N_("Ends in {n} days"), {{"n", std::to_string(p.days_left)}}));
    rows.push_back(r);
  }
  records.set("probations", rows);
  // The column only when some member's way in is on record here.
  if (!applications.empty()) records.set("has_applications", TemplateTrue());
  records.set("has_probations", TemplateTrue());
}

void AdminSite::AddFullApprovals(const AdminContext& ctx, TemplateData& records) {
  const std::string today = FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
  auto awaited = org::FullApprovalsAwaited(d_.storage, d_.org, ctx.who(), today);
  if (!awaited.ok() || awaited->empty()) return;
  data rows{data::type::list};
  for (const auto& p : *awaited) {
    data r;
    r.set("id", std::to_string(p.member.id));
    r.set("name", p.member.name);
    r.set("branch", p.branch_name);
    r.set("full_date", p.member.full_date);
    r.set("due", p.ends_on);
    r.set("overdue", TemplateData(p.days_left < 0));
    rows.push_back(r);
  }
  records.set("full_approvals", rows);
  records.set("has_full_approvals", TemplateTrue());
}

std::vector<ArticleRecord> AdminSite::ClassNewsDrafts(const auth::Principal& who) {
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

Response AdminSite::Dashboard(const Request&, const RouteParams&, AdminContext& ctx) {
  const auto label = [&](std::string_view s) { return T(ctx, s); };
  const auth::Principal& who = ctx.who();
  auto snap = d_.content.Snapshot();
  auto users = UserNames(d_.storage);
  auto columns = d_.storage.content().ListColumns().value();
  auto list = [&](ArticleFilter f) { return d_.storage.articles().ListArticles(f).value(); };
  std::vector<ArticleRecord> review;
  for (auto c : who.reviewer_columns) {
    for (auto& a : list({.status = kStatusSubmitted, .column_id = c})) review.push_back(a);
    for (auto& a : list({.column_id = c, .pending_only = true})) review.push_back(a);
  }
  data body;
  AddRecordsOverview(ctx, body);
  for (const auto& part : dashboard_parts_) part(ctx, body);  // areas' own parts
  if (!auth::Can(who, auth::Action::kUseAdmin))
    return Page(ctx, "admin_dashboard", std::move(body), N_("Dashboard"));
  body.set("newsroom", TemplateTrue());
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
        row.set("step", Tf(ctx, N_("{step_label} (step {n} of {of})"),
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
  return Page(ctx, "admin_dashboard", std::move(body), N_("Dashboard"));
}

}  // namespace procura::web
