// OrgAdmin: its routes, the party organisation and a member (a branch's page:
// admin_org_branch.cc).
// OrgService decides who sees what.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "branchlife/branch_life.h"
#include "core/clock.h"
#include "core/text.h"
#include "org/probation.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {
namespace {

// A transfer's branch by name ("#id" for a unit since removed; "" if none).
std::string UnitName(const std::map<std::int64_t, std::string>& names,
                     const std::optional<std::int64_t>& unit) {
  if (!unit) return {};
  const auto it = names.find(*unit);
  return it != names.end() ? it->second : fmt::format("#{}", *unit);
}


}  // namespace

// Literal segments come before captures ("members.csv" before "{id}"):
// routes match in order.
void OrgAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const Requirement view{Requirement::kAction, A::kViewRecords};
  const Requirement manage{Requirement::kAction, A::kManageRecords};
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  // Organization and members.
  kit.Add(r, "GET", "/admin/org", view, bind(&OrgAdmin::OrgPage));
  kit.Add(r, "GET", "/admin/org/branches/{id}", view, bind(&OrgAdmin::BranchPage));
  kit.Add(r, "GET", "/admin/org/check", manage, bind(&OrgAdmin::RecordCheck));
  kit.Add(r, "POST", "/admin/org/setup", manage, bind(&OrgAdmin::SetUpOrganisation));
  kit.Add(r, "POST", "/admin/org/branches", manage, bind(&OrgAdmin::AddBranch));
  kit.Add(r, "POST", "/admin/org/units/{id}", manage, bind(&OrgAdmin::UpdateUnit));
  kit.Add(r, "POST", "/admin/org/branches/{id}/dissolve", manage, bind(&OrgAdmin::DissolveBranch));
  kit.Add(r, "POST", "/admin/org/branches/{id}/restore", manage, bind(&OrgAdmin::RestoreBranch));
  kit.Add(r, "POST", "/admin/org/members/{id}/posts", manage, bind(&OrgAdmin::SetPosts));
  kit.Add(r, "POST", "/admin/org/members/{id}/former-posts", manage, bind(&OrgAdmin::AddFormerPost));
  kit.Add(r, "POST", "/admin/org/members/{id}/former-posts/{fid}/delete", manage,
          bind(&OrgAdmin::DeleteFormerPost));
  kit.AddDashboardPart([this](const AdminContext& ctx, TemplateData& body) {
    if (auth::Can(ctx.who(), auth::Action::kManageRecords)) SetRecordCheckLine(ctx, body);
  });
  kit.Add(r, "GET", "/admin/org/members.csv", manage, bind(&OrgAdmin::MembersCsv));
  kit.Add(r, "GET", "/admin/org/members.xlsx", manage, bind(&OrgAdmin::MembersXlsx));
  kit.Add(r, "GET", "/admin/org/members/new", manage, bind(&OrgAdmin::NewMember));
  kit.Add(r, "POST", "/admin/org/members", manage, bind(&OrgAdmin::CreateMember));
  kit.Add(r, "GET", "/admin/org/members/{id}", view, bind(&OrgAdmin::MemberPage));
  kit.Add(r, "GET", "/admin/org/members/{id}/edit", manage, bind(&OrgAdmin::EditMember));
  kit.Add(r, "POST", "/admin/org/members/{id}/edit", manage, bind(&OrgAdmin::SaveMember));
  kit.Add(r, "POST", "/admin/org/members/{id}/transfer", manage, bind(&OrgAdmin::TransferMember));
  kit.Add(r, "POST", "/admin/org/members/{id}/account", manage, bind(&OrgAdmin::LinkAccount));
  kit.Add(r, "POST", "/admin/org/members/{id}/full", manage, bind(&OrgAdmin::RecordFullMembership));
  kit.Add(r, "POST", "/admin/org/members/{id}/full-approval", manage,
          bind(&OrgAdmin::RecordFullApproval));
  kit.Add(r, "GET", "/admin/org/import", manage, bind(&OrgAdmin::ImportForm));
  kit.Add(r, "POST", "/admin/org/import", manage, bind(&OrgAdmin::ImportPreview));
  kit.Add(r, "POST", "/admin/org/import/confirm", manage, bind(&OrgAdmin::ImportConfirm));
}

std::string OrgAdmin::Today() const {
  return FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
}

Response OrgAdmin::OrgPage(const Request&, const RouteParams&, AdminContext& ctx) {
  return OrgPageWith(ctx, "", http::Form{}, Status::Ok());
}

Response OrgAdmin::OrgPageWith(const AdminContext& ctx, const std::string& form,
                               const http::Form& typed, const Status& error) {
  auto branches = d_.org.Branches(ctx.who());
  if (!branches.ok())
    return d_.kit.Message(ctx, HttpStatusFor(branches.status()), TitleFor(branches.status()),
                          branches.status());
  if (!ctx.who().Has(auth::Role::kRecordsOfficer) && branches->size() == 1)
    return AdminKit::SeeOther(fmt::format("/admin/org/branches/{}", branches->front().unit.id));
  data body, rows{data::type::list};
  std::size_t total = 0;
  for (const auto& b : *branches) {
    data r;
    r.set("id", std::to_string(b.unit.id));
    r.set("name", b.unit.name);
    r.set("department", b.unit.department);
    r.set("members", std::to_string(b.members));
    r.set("secretary", b.secretary.empty() ? d_.kit.T(ctx, N_("(vacant)")) : b.secretary);
    total += b.members;
    rows.push_back(r);
  }
  body.set("branches", rows);
  if (!branches->empty()) body.set("has_branches", TemplateTrue());
  if (auto gone = d_.org.DissolvedBranches(ctx.who()); gone.ok() && !gone->empty()) {
    data list{data::type::list};
    for (const auto& u : *gone) {
      data r;
      r.set("id", std::to_string(u.id));
      r.set("name", u.name);
      r.set("day", u.dissolved_on);
      r.set("note", u.dissolved_note);
      list.push_back(r);
    }
    body.set("dissolved", list);
    body.set("dissolved_count", std::to_string(gone->size()));
  }
  body.set("counts_text",
           d_.kit.Tf(ctx, N_("{branches} under the organ Party Committee, {members}."),
                     {{"branches", d_.kit.TfN(ctx, "{n} party branch", "{n} party branches", long(branches->size()))},
                      {"members", d_.kit.TfN(ctx, "{n} member in all", "{n} members in all", long(total))}}));
  if (auth::Can(ctx.who(), auth::Action::kManageRecords)) {
    body.set("can_export", TemplateTrue());
    SetRecordCheckLine(ctx, body);
    SetStructureForms(ctx, body);
  }
  if (!form.empty()) {  // a form sent back: what was typed, its problems beside it
    for (const auto& [name, value] : typed.pairs()) body.set(form + "_" + name, value);
    d_.kit.SetFormErrors(ctx, error,
                         form == "setup"
                             ? std::map<std::string, std::string>{{"institution", "o-institution"},
                                                                  {"committee", "o-committee"}}
                             : std::map<std::string, std::string>{{"name", "b-name"},
                                                                  {"department", "b-department"},
                                                                  {"position", "b-position"}},
                         body);
  }
  return d_.kit.Page(ctx, "admin_org", std::move(body), N_("Party organization"),
                     error.ok() ? 200 : HttpStatusFor(error));
}

// The way in (发展党员) of a member admitted through the applicants' pages:
// the dates before the admission, and the record.
void OrgAdmin::SetWayIn(const AdminContext& ctx, std::int64_t member, TemplateData& body) {
  auto applicants = d_.storage.org().ListApplicants(std::nullopt);
  if (!applicants.ok()) return;
  for (const auto& a : *applicants) {
    if (a.member_id != member) continue;
    body.set("way_in", TemplateTrue());
    // The applicant's record (steps, sponsors), for whoever keeps it: the
    // records officer, or the secretary of the branch that admitted them.
    auto own = d_.org.OwnBranch(ctx.who());
    if (ctx.who().Has(auth::Role::kRecordsOfficer) || (own.ok() && *own == a.branch_id))
      body.set("applicant_id", std::to_string(a.id));
    body.set("applied_on", a.applied_on);
    body.set("activist_on", a.activist_on);
    body.set("candidate_on", a.candidate_on);
    // After admission: the higher committee's approval, the oath and the
    // application for full membership, when recorded.
    auto steps = d_.storage.org().StepsOfApplicant(a.id);
    if (!steps.ok()) continue;
    for (const auto& step : *steps) {
      if (step.step == "approval") body.set("approved_on", step.done_on);
      if (step.step == "oath") body.set("oath_on", step.done_on);
      if (step.step == "full_application") body.set("full_applied_on", step.done_on);
    }
  }
}

// The member's ratings in the democratic appraisal (民主评议党员) of the
// last five years, newest first, in whichever branch rated them.
void OrgAdmin::SetAppraisals(const AdminContext& ctx, std::int64_t member, TemplateData& body) {
  const int this_year = std::stoi(Today().substr(0, 4));
  data ratings{data::type::list};
  for (int year = this_year; year > this_year - 5; --year) {
    auto rows = d_.storage.branch_life().ListAppraisals(year, std::nullopt);
    if (!rows.ok()) return;
    for (const auto& r : *rows) {
      if (r.member_id != member) continue;
      data one;
      one.set("year", std::to_string(year));
      one.set("rating", d_.kit.T(ctx, branchlife::RatingName(r.rating)));
      ratings.push_back(one);
    }
  }
  if (ratings.is_empty_list()) return;
  body.set("has_appraisals", TemplateTrue());
  body.set("appraisals", ratings);
}

void OrgAdmin::SetMembership(const AdminContext& ctx, const MemberRecord& m, TemplateData& body) {
  const std::string today = Today();
  if (m.status == "probationary") {
    const std::string ends = org::ProbationEnds(m.joined_date);
    if (!ends.empty()) body.set("probation_ends", ends);
    if (!ends.empty() && ends <= today) {
      body.set("full_form", TemplateTrue());
      body.set("full_latest", std::min(today, org::ProbationEnds(ends)));
    }
  }
  if (!m.full_date.empty()) {
    body.set("full_date", m.full_date);
    // 转正审批: approved, or awaited (due three months after), with its form.
    if (!m.full_approved_on.empty()) {
      body.set("full_approved_on", m.full_approved_on);
      body.set("approval_known", TemplateTrue());
    }
    if (const std::string due = org::FullApprovalDue(m, today); !due.empty()) {
      body.set(due < today ? "approval_overdue" : "approval_due", due);
      body.set("approval_known", TemplateTrue());
      body.set("approval_latest", today);
      body.set("approval_default", today);
    } else if (m.full_approved_on.empty()) {
      // A full membership from before approvals were kept: not awaited,
      // but its day can still be recorded (typed: no default).
      body.set("approval_known", TemplateTrue());
      body.set("approval_unrecorded", TemplateTrue());
      body.set("approval_latest", today);
    }
    const int years = org::PartyStandingYears(m.full_date, today);
    body.set("standing", d_.kit.Tf(ctx, years == 1 ? N_("{years} year") : N_("{years} years"),
                                   {{"years", std::to_string(years)}}));
  }
}

void OrgAdmin::SetAccountAndForms(const AdminContext& ctx, const MemberRecord& m,
                                  TemplateData& body) {
  auto listed = d_.accounts.ListUsers();
  const std::vector<UserRecord> users =
      listed.ok() ? std::move(listed).value() : std::vector<UserRecord>{};
  for (const auto& u : users)
    if (m.user_id == u.id) body.set("account", u.name);
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) {
    body.set("can_transfer", TemplateTrue());
    data accounts{data::type::list};
    for (const auto& u : users)
      if (!u.disabled)
        accounts.push_back(SelectOption(std::to_string(u.id), u.name, m.user_id == u.id));
    body.set("accounts", accounts);
    data branches{data::type::list};
    for (const auto& u : d_.storage.org().ListUnits().value()) {
      if (!u.standing_branch() || u.id == m.branch_id) continue;
      branches.push_back(SelectOption(std::to_string(u.id), u.name, false));
    }
    body.set("branches", branches);
  }
}

Response OrgAdmin::MemberPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  return MemberPageWith(ctx, *id, http::Form{}, Status::Ok(), 200);
}

Response OrgAdmin::MemberPageWith(AdminContext& ctx, std::int64_t id, const http::Form& typed,
                                  const Status& error, int status) {
  auto d = d_.org.Member(ctx.who(), ctx.actor, id);
  if (!d.ok()) return d_.kit.Message(ctx, HttpStatusFor(d.status()), TitleFor(d.status()), d.status());
  const MemberRecord& m = d->member;
  data body;
  body.set("id", std::to_string(m.id));
  body.set("name", m.name);
  body.set("gender", d_.kit.T(ctx, GenderLabel(m.gender)));
  body.set("birth", m.birth_date);
  body.set("joined", m.joined_date);
  body.set("phone", m.phone);
  body.set("status", d_.kit.T(ctx, MemberStatusLabel(m.status)));
  SetMembership(ctx, m, body);
  SetSecretaryTraining(ctx, m.id, body);
  body.set("branch", d->branch_name);
  body.set("branch_id", std::to_string(m.branch_id));
  SetWayIn(ctx, m.id, body);
  SetAppraisals(ctx, m.id, body);
  std::string posts;
  for (const auto& post : d->posts) {
    const std::string& since = d->post_since.at(post);
    const std::string label = d_.kit.T(ctx, PostLabel(post));
    posts += (posts.empty() ? "" : d_.kit.T(ctx, N_(", "))) +
             (since.empty() ? label
                            : d_.kit.Tf(ctx, N_("{post} (since {day})"), {{"post", label}, {"day", since}}));
  }
  body.set("posts", posts.empty() ? d_.kit.T(ctx, PostLabel("member")) : posts);
  SetFormerPosts(ctx, *d, body);
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) {
    SetPostChoices(ctx, *d, body);
    SetFormerPostForm(ctx, typed, error, body);
  }
  if (m.is_sample) body.set("sample", TemplateTrue());
  data transfers{data::type::list};
  for (const auto& t : d->transfers) {
    data row;
    row.set("date", FormatDate(t.at, d_.content.Snapshot()->site().utc_offset_minutes));
    row.set("from", UnitName(d->unit_names, t.from_branch));
    row.set("to", UnitName(d->unit_names, t.to_branch));
    if (!t.note.empty()) row.set("note", t.note);
    transfers.push_back(row);
  }
  body.set("transfers", transfers);
  SetAccountAndForms(ctx, m, body);
  return d_.kit.Page(ctx, "admin_member", std::move(body), m.name, status);
}

Response OrgAdmin::TransferMember(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  const http::Form f = http::Form::Parse(req.body);
  auto to = ParsePositiveId(f.Get("branch"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  Status s = to ? d_.org.Transfer(ctx.who(), ctx.actor, *id, *to, f.Get("note"), Today())
                : Status::Invalid(N_("Choose a branch."));
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not transferred"), s);
  return AdminKit::Done(fmt::format("/admin/org/members/{}", *id), "saved");
}

Response OrgAdmin::RecordFullMembership(const Request& req, const RouteParams& p,
                                        AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  const std::string date = http::Form::Parse(req.body).Get("full_date");
  Status s = d_.members.RecordFullMembership(ctx.who(), ctx.actor, *id, date);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not recorded"), s);
  return AdminKit::Done(fmt::format("/admin/org/members/{}", *id), "saved");
}

Response OrgAdmin::RecordFullApproval(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  const std::string date = http::Form::Parse(req.body).Get("full_approved_on");
  Status s = d_.members.RecordFullApproval(ctx.who(), ctx.actor, *id, date);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not recorded"), s);
  return AdminKit::Done(fmt::format("/admin/org/members/{}", *id), "saved");
}

Response OrgAdmin::LinkAccount(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  const std::string user = http::Form::Parse(req.body).Get("user");
  auto user_id = ParsePositiveId(user);
  Status s = user == "none" ? d_.accounts.UnlinkMember(*id, ctx.actor)
             : user_id      ? d_.accounts.LinkMember(*user_id, *id, ctx.actor)
                            : Status::Invalid(N_("Choose an account, or no account."));
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not linked"), s);
  return AdminKit::Done(fmt::format("/admin/org/members/{}", *id), "saved");
}

}  // namespace procura::web
