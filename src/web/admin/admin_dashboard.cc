// AdminSite: the dashboard at /admin/, one for every role, made of the
// areas' parts (the newsroom's drafts, reviews and schedule: NewsroomAdmin;
// training, branch life, dues…) and, here, the party records' overview of
// probations and approvals for the records officer and branch secretaries.
// A user with both kinds of role sees both. Nothing here links where the
// role may not go.
#include <map>
#include <set>

#include "content/columns.h"
#include "core/clock.h"
#include "org/probation.h"
#include "training/secretary_training.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_training.h"

namespace procura::web {

namespace {

// How long a completed class stays among the dashboard's current classes.
constexpr int kCompletedClassShownDays = 60;

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


// A dashboard row: a member, their branch, a day something is due by.
TemplateData DueRow(const MemberRecord& m, const std::string& branch, const std::string& due,
                    bool overdue) {
  data r;
  r.set("id", std::to_string(m.id));
  r.set("name", m.name);
  r.set("branch", branch);
  r.set("due", due);
  r.set("overdue", TemplateData(overdue));
  return r;
}

}  // namespace

void AdminSite::AddRecordsOverview(const AdminContext& ctx, TemplateData& body) {
  const auth::Principal& who = ctx.who();
  if (!auth::Can(who, auth::Action::kViewRecords)) return;
  data records;
  if (who.Has(auth::Role::kRecordsOfficer)) {
    records.set("officer", TemplateTrue());
    // A new site: nothing of the party records works before the organisation exists.
    if (auto units = d_.storage.org().ListUnits(); units.ok() && units->empty())
      records.set("org_needs_setup", TemplateTrue());
  }
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
  // Current: not archived, and a completed class only for two months after
  // its last day (the training page lists them all).
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  const std::string recent = FormatDate(NowUnix() - kCompletedClassShownDays * 86400, offset);
  data classes{data::type::list};
  if (auto list = d_.training.Classes(who); list.ok())
    for (const auto& c : *list) {
      const std::string& last_day = c.end_date.empty() ? c.start_date : c.end_date;
      if (c.status == "archived" || (c.status == "completed" && last_day < recent)) continue;
      classes.push_back(ClassRow(*this, ctx, c));
    }
  if (!classes.is_empty_list()) records.set("has_classes", TemplateTrue());
  records.set("classes", classes);
  AddProbations(ctx, records);
  AddFullApprovals(ctx, records);
  AddNewSecretaries(ctx, records);
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
    r.set("state", p.days_left < 0 ? TfN(ctx, "Ended {n} day ago", "Ended {n} days ago", -p.days_left)
                   : p.days_left == 0 ? T(ctx, N_("Ends today"))
                                      : TfN(ctx, "Ends in {n} day", "Ends in {n} days", p.days_left));
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
    data r = DueRow(p.member, p.branch_name, p.ends_on, p.days_left < 0);
    r.set("full_date", p.member.full_date);
    rows.push_back(r);
  }
  records.set("full_approvals", rows);
  records.set("has_full_approvals", TemplateTrue());
}

void AdminSite::AddNewSecretaries(const AdminContext& ctx, TemplateData& records) {
  if (!ctx.who().Has(auth::Role::kRecordsOfficer)) return;
  const std::string today = FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
  auto untrained = training::UntrainedNewSecretaries(d_.storage, ctx.who(), today);
  if (!untrained.ok() || untrained->empty()) return;
  data rows{data::type::list};
  for (const auto& n : *untrained) {
    data r = DueRow(n.member, n.branch, n.due, n.due < today);
    r.set("since", n.since);
    rows.push_back(r);
  }
  records.set("new_secretaries", rows);
  records.set("has_new_secretaries", TemplateTrue());
}

Response AdminSite::Dashboard(const Request&, const RouteParams&, AdminContext& ctx) {
  data body;
  AddRecordsOverview(ctx, body);
  for (const auto& part : dashboard_parts_) part(ctx, body);  // the areas' own parts
  return Page(ctx, "admin_dashboard", std::move(body), N_("Dashboard"));
}

}  // namespace procura::web
