// BranchLifeAdmin: routes, the dashboard part and the shared helpers.
// Literal segments come before captures: routes match in order.
#include <fmt/format.h>

#include <cstdlib>

#include "core/clock.h"
#include "core/text.h"
#include "http/forms.h"
#include "web/admin/branch_life/branch_life_admin.h"

namespace procura::web {

using http::Request;
using http::Response;

using kainjow::mustache::data;

void BranchLifeAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const Requirement session{Requirement::kSession};
  const Requirement view{Requirement::kAction, A::kViewRecords};
  const Requirement manage{Requirement::kAction, A::kManageRecords};
  AdminKit& kit = d_.kit;
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  kit.Add(r, "GET", "/admin/branch-life", view, bind(&BranchLifeAdmin::Index));
  kit.Add(r, "GET", "/admin/branch-life/overview.xlsx", manage,
          bind(&BranchLifeAdmin::OverviewXlsx));
  kit.Add(r, "GET", "/admin/branch-life/guides", view, bind(&BranchLifeAdmin::GuidesPage));
  kit.Add(r, "POST", "/admin/branch-life/guides", manage, bind(&BranchLifeAdmin::PublishGuide));
  kit.Add(r, "GET", "/admin/branch-life/mine", session, bind(&BranchLifeAdmin::Mine));
  kit.Add(r, "GET", "/admin/branch-life/mine.ics", session, bind(&BranchLifeAdmin::MineCalendar));
  kit.Add(r, "POST", "/admin/branch-life/mine/calendar-link", session,
          bind(&BranchLifeAdmin::MakeCalendarLink));
  kit.Add(r, "POST", "/admin/branch-life/mine/calendar-link/stop", session,
          bind(&BranchLifeAdmin::StopCalendarLink));
  // The calendar address: its secret token is the only credential.
  kit.Add(r, "GET", "/admin/calendar/{file}", Requirement{}, bind(&BranchLifeAdmin::CalendarFeed));
  kit.Add(r, "POST", "/admin/branch-life/reminder-email", view,
          bind(&BranchLifeAdmin::SetReminderEmail));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}", view, bind(&BranchLifeAdmin::BranchPage));
  kit.Add(r, "POST", "/admin/branch-life/branches/{id}/plan", view,
          bind(&BranchLifeAdmin::FilePlan));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}/record", view,
          bind(&BranchLifeAdmin::RecordPage));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}/record.xlsx", view,
          bind(&BranchLifeAdmin::RecordXlsx));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}/appraisal", view,
          bind(&BranchLifeAdmin::AppraisalPage));
  kit.Add(r, "POST", "/admin/branch-life/branches/{id}/appraisal", view,
          bind(&BranchLifeAdmin::SaveAppraisal));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}/talks", view, bind(&BranchLifeAdmin::TalksPage));
  kit.Add(r, "POST", "/admin/branch-life/branches/{id}/talks", view, bind(&BranchLifeAdmin::RecordTalk));
  kit.Add(r, "GET", "/admin/branch-life/talks/{id}/edit", view, bind(&BranchLifeAdmin::EditTalkPage));
  kit.Add(r, "POST", "/admin/branch-life/talks/{id}/edit", view, bind(&BranchLifeAdmin::SaveTalk));
  kit.Add(r, "POST", "/admin/branch-life/talks/{id}/delete", view, bind(&BranchLifeAdmin::DeleteTalk));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}/meetings/new", view,
          bind(&BranchLifeAdmin::NewMeeting));
  kit.Add(r, "GET", "/admin/branch-life/branches/{id}/clashes.json", view,
          bind(&BranchLifeAdmin::ClashPreview));
  kit.Add(r, "POST", "/admin/branch-life/branches/{id}/meetings", view,
          bind(&BranchLifeAdmin::CreateMeeting));
  kit.Add(r, "GET", "/admin/meetings/{id}", view, bind(&BranchLifeAdmin::MeetingPage));
  kit.Add(r, "GET", "/admin/meetings/{id}/edit", view, bind(&BranchLifeAdmin::EditMeeting));
  kit.Add(r, "POST", "/admin/meetings/{id}/edit", view, bind(&BranchLifeAdmin::SaveMeeting));
  kit.Add(r, "POST", "/admin/meetings/{id}/delete", view, bind(&BranchLifeAdmin::DeleteMeeting));
  kit.Add(r, "POST", "/admin/meetings/{id}/marks", view, bind(&BranchLifeAdmin::SaveMarks));
  kit.Add(r, "POST", "/admin/meetings/{id}/reviews", view, bind(&BranchLifeAdmin::SaveReviews));
  kit.Add(r, "POST", "/admin/meetings/{id}/photos", view, bind(&BranchLifeAdmin::AddPhoto));
  kit.Add(r, "POST", "/admin/meetings/{id}/photos/remove", view, bind(&BranchLifeAdmin::RemovePhoto));
  kit.Add(r, "POST", "/admin/meetings/{id}/photos/lead", view, bind(&BranchLifeAdmin::LeadPhoto));
  kit.Add(r, "POST", "/admin/meetings/{id}/news", view, bind(&BranchLifeAdmin::DraftNews));
  kit.Add(r, "GET", "/admin/meetings/{id}/checkin", view, bind(&BranchLifeAdmin::Projector));
  kit.Add(r, "GET", "/admin/meetings/{id}/checkin.json", view,
          bind(&BranchLifeAdmin::ProjectorLive));
  kit.Add(r, "GET", "/admin/meeting-checkin/{id}", session, bind(&BranchLifeAdmin::CheckinForm));
  kit.Add(r, "POST", "/admin/meeting-checkin/{id}", session, bind(&BranchLifeAdmin::CheckIn));
  kit.AddDashboardPart(
      [this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
  kit.AddSignInPurpose([this](const AdminContext& ctx, const std::string& next) {
    return SignInPurpose(ctx, next);
  });
}

std::optional<int> BranchLifeAdmin::YearOf(const Request& req) const {
  const int this_year = std::stoi(Today().substr(0, 4));
  const auto q = ParseQuery(req.query);
  if (!q.count("year")) return this_year;
  auto y = ParsePositiveId(q.at("year"));
  if (!y || *y < 2000 || *y > this_year + 1) return std::nullopt;
  return static_cast<int>(*y);
}

Result<branchlife::Overview> BranchLifeAdmin::OverviewFor(const Request& req) {
  auto year = YearOf(req);
  if (!year) return Status::Malformed(N_("Choose a year from 2000 to next year."));
  int quarter = 0;
  if (auto q = ParseQuery(req.query)["quarter"]; !q.empty()) {
    auto n = ParsePositiveId(q);
    if (!n || *n > 4) return Status::Malformed(N_("Choose a quarter from 1 to 4."));
    quarter = static_cast<int>(*n);
  }
  auto cal = d_.life.Calendar();
  if (!cal.ok()) return cal.status();
  return branchlife::BuildOverview(d_.storage, *cal, *year, quarter, Today(), d_.life.utc_offset());
}

std::string BranchLifeAdmin::Today() const {
  return interact::LocalDay(NowUnix(), d_.life.utc_offset());
}

std::string BranchLifeAdmin::KindText(const AdminContext& ctx, std::string_view kind) const {
  return d_.kit.T(ctx, branchlife::KindName(kind));
}

std::string BranchLifeAdmin::DueText(const AdminContext& ctx, const branchlife::DueItem& d) const {
  using branchlife::DueState;
  switch (d.state) {
    case DueState::kMet: return d_.kit.T(ctx, N_("Held"));
    case DueState::kMetLate: return d_.kit.T(ctx, N_("Held, records late"));
    case DueState::kRecordsDue:
      return d_.kit.Tf(ctx, N_("Held, records due by {day}"), {{"day", d.records_due}});
    case DueState::kScheduled: return d_.kit.T(ctx, N_("Planned"));
    case DueState::kOpen: return d_.kit.Tf(ctx, N_("Due by {day}"), {{"day", d.period.last_day}});
    case DueState::kDueSoon:
      return d_.kit.Tf(ctx, N_("Due soon: by {day}"), {{"day", d.period.last_day}});
    case DueState::kMissing: return d_.kit.T(ctx, N_("Missing"));
    case DueState::kUpcoming: return d_.kit.T(ctx, N_("Not yet due"));
  }
  return "";
}

TemplateData BranchLifeAdmin::DueRows(const AdminContext& ctx,
                                      const std::vector<branchlife::DueItem>& due,
                                      const std::vector<branchlife::GroupInfo>& groups,
                                      bool action_only) const {
  data rows{data::type::list};
  for (const auto& d : due) {
    if (action_only && !branchlife::NeedsAction(d.state)) continue;
    if (!action_only && d.state == branchlife::DueState::kUpcoming) continue;
    const branchlife::Rule* rule = branchlife::FindRule(d.rule);
    data row;
    std::string name = d_.kit.T(ctx, rule ? rule->name : d.rule);
    for (const auto& g : groups)
      if (d.group_id == g.id) name += " · " + g.name;
    row.set("rule", name);
    row.set("period", d.period.label);
    row.set("state", DueText(ctx, d));
    row.set("state_class", std::string(branchlife::DueStateName(d.state)));
    if (!d.meetings.empty()) row.set("meeting_id", std::to_string(d.meetings.front()));
    rows.push_back(row);
  }
  return rows;
}

std::string BranchLifeAdmin::DueShortText(const AdminContext& ctx, branchlife::DueState s) const {
  using branchlife::DueState;
  switch (s) {
    case DueState::kMet: return d_.kit.T(ctx, N_("Held"));
    case DueState::kMetLate: return d_.kit.T(ctx, N_("Records late"));
    case DueState::kRecordsDue: return d_.kit.T(ctx, N_("Records due"));
    case DueState::kScheduled: return d_.kit.T(ctx, N_("Planned"));
    case DueState::kOpen: return d_.kit.T(ctx, N_("Not held yet"));
    case DueState::kDueSoon: return d_.kit.T(ctx, N_("Due soon"));
    case DueState::kMissing: return d_.kit.T(ctx, N_("Missing"));
    case DueState::kUpcoming: return d_.kit.T(ctx, N_("Not yet due"));
  }
  return "";
}

TemplateData BranchLifeAdmin::DueGrid(const AdminContext& ctx,
                                      const std::vector<branchlife::DueItem>& due,
                                      const std::vector<branchlife::GroupInfo>& groups) const {
  // One row per rule (and party group); a month is one column, so a
  // quarter's cell spans three and the year's twelve.
  data rows{data::type::list};
  for (std::size_t i = 0; i < due.size();) {
    const auto& first = due[i];
    data row, cells{data::type::list};
    const branchlife::Rule* rule = branchlife::FindRule(first.rule);
    std::string name = d_.kit.T(ctx, rule ? rule->name : first.rule);
    for (const auto& g : groups)
      if (first.group_id == g.id) name += " · " + g.name;
    row.set("rule", name);
    for (; i < due.size() && due[i].rule == first.rule && due[i].group_id == first.group_id; ++i) {
      const auto& d = due[i];
      data cell;
      const int span = rule && rule->every == branchlife::Frequency::kQuarterly ? 3
                       : rule && rule->every == branchlife::Frequency::kYearly  ? 12
                                                                                : 1;
      if (span > 1) cell.set("span", std::to_string(span));
      // Its period in a word or two, shown above it where the grid wraps (a phone).
      const int month = d.period.first_day.size() >= 7 ? std::atoi(d.period.first_day.c_str() + 5) : 0;
      cell.set("period", span == 12  ? d_.kit.T(ctx, N_("Whole year"))
                         : span == 3 ? d_.kit.Tf(ctx, N_("Quarter {n}"), {{"n", std::to_string((month + 2) / 3)}})
                                     : d_.kit.MonthName(ctx, month));
      cell.set("text", DueShortText(ctx, d.state));
      cell.set("state", std::string(branchlife::DueStateName(d.state)));
      cell.set("label", d.period.label + ": " + DueText(ctx, d));
      if (!d.meetings.empty()) cell.set("meeting_id", std::to_string(d.meetings.front()));
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  return rows;
}

TemplateData BranchLifeAdmin::KindOptions(const AdminContext& ctx, const std::string& selected,
                                          bool with_committee) const {
  data list{data::type::list};
  for (auto kind : branchlife::MeetingKinds())
    if (with_committee || kind != "committee" || kind == selected)
      list.push_back(SelectOption(std::string(kind), KindText(ctx, kind), kind == selected));
  return list;
}

std::string BranchLifeAdmin::SignInPurpose(const AdminContext& ctx, const std::string& next) const {
  const std::string_view prefix = "/admin/meeting-checkin/";
  const auto t = next.find("?t=");
  if (next.rfind(prefix, 0) != 0 || t == std::string::npos) return "";
  // Only a code whose tag verifies names its meeting.
  auto m = d_.life.Invitation(std::string_view(next).substr(t + 3));
  if (!m.ok() || next.substr(prefix.size(), t - prefix.size()) != std::to_string(m->id)) return "";
  return d_.kit.Tf(ctx, N_("Sign in to check in to the {kind}: {topic}, {starts}."),
                   {{"kind", KindText(ctx, m->kind)},
                    {"topic", m->topic},
                    {"starts", m->held_on + " " + m->starts_at}});
}

void BranchLifeAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  const auth::Principal& who = ctx.who();
  auto me = d_.storage.org().MemberForUser(who.user_id);
  if (me.ok() && me->has_value()) {
    body.set("my_meetings", TemplateTrue());
    body.set("me", TemplateTrue());
    MyNextMeeting(ctx, body);
  } else if (me.ok() && (who.Has(auth::Role::kBranchSecretary) || who.Has(auth::Role::kMember))) {
    // A role that works through the member record, without one: say so and
    // who can put it right, rather than an almost empty dashboard.
    body.set("member_unlinked", TemplateTrue());
  }
  auto own = d_.life.OwnBranch(who);
  if (!own.ok() || !own->has_value()) return;
  const std::string today = Today();
  auto year = d_.life.Year(who, **own, std::stoi(today.substr(0, 4)), today);
  if (!year.ok()) return;
  data rows = DueRows(ctx, year->due, year->groups, true);
  body.set("life_branch_id", std::to_string(**own));
  body.set("life_branch", year->branch.name);
  if (!rows.list_value().empty()) {
    body.set("life_due", rows);
    body.set("has_life_due", TemplateTrue());
  }
}

}  // namespace procura::web
