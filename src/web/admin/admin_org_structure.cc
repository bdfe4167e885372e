// OrgAdmin: setting up the party organisation on a new site (the
// institution and its Party Committee), adding branches, and renaming a
// unit or changing a branch's department and order. OrgStructure
// validates and audits; the org page shows the forms to the records
// officer, with a sent form's problems beside its fields.
#include <fmt/format.h>

#include <algorithm>

#include "branchlife/rules.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "training/secretary_training.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// A position typed into a form: "" is 0 (last); anything else not a whole
// number is -1, which the service refuses by name.
int PositionFrom(const std::string& text) {
  if (text.empty()) return 0;
  if (text.size() > 5 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  return std::stoi(text);
}

}  // namespace

void OrgAdmin::SetStructureForms(const AdminContext& ctx, TemplateData& body) {
  auto units = d_.storage.org().ListUnits();
  if (!units.ok()) return;
  if (units->empty()) {
    body.set("needs_setup", TemplateTrue());
    body.set("setup_committee", d_.kit.T(ctx, N_("Organ Party Committee")));
    return;
  }
  data named{data::type::list};  // the institution and the committee, to rename
  for (const auto& u : *units) {
    if (u.kind != "institution" && u.kind != "committee") continue;
    data one;
    one.set("id", std::to_string(u.id));
    one.set("name", u.name);
    const bool institution = u.kind == "institution";
    one.set("label", d_.kit.T(ctx, institution ? N_("Institution") : N_("Party Committee")));
    named.push_back(one);
    if (u.kind == "committee") body.set("committee_name", u.name);
  }
  body.set("top_units", named);
  body.set("can_add_branch", TemplateTrue());
}

void OrgAdmin::SetBranchForm(const OrgUnitRecord& unit, TemplateData& body) {
  data form;
  form.set("id", std::to_string(unit.id));
  form.set("name", unit.name);
  form.set("department", unit.department);
  form.set("position", std::to_string(unit.position));
  body.set("branch_form", form);
}

Response OrgAdmin::SetUpOrganisation(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form f = http::Form::Parse(req.body);
  Status s = structure_.SetUp(ctx.who(), ctx.actor, f.Get("institution"), f.Get("committee"));
  if (s.code() == Status::Code::kInvalidArgument) return OrgPageWith(ctx, "setup", f, s);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return AdminKit::Done("/admin/org#add-branch", "saved");
}

Response OrgAdmin::AddBranch(const Request& req, const RouteParams&, AdminContext& ctx) {
  const http::Form f = http::Form::Parse(req.body);
  auto id = structure_.AddBranch(
      ctx.who(), ctx.actor,
      {f.Get("name"), f.Get("department"), PositionFrom(f.Get("position"))});
  if (id.status().code() == Status::Code::kInvalidArgument)
    return OrgPageWith(ctx, "branch", f, id.status());
  if (!id.ok()) return d_.kit.Message(ctx, HttpStatusFor(id.status()), N_("Not saved"), id.status());
  return AdminKit::Done("/admin/org#add-branch", "added");
}

Response OrgAdmin::UpdateUnit(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such unit."));
  const http::Form f = http::Form::Parse(req.body);
  Status s = structure_.UpdateUnit(
      ctx.who(), ctx.actor, *id,
      {f.Get("name"), f.Get("department"), PositionFrom(f.Get("position"))});
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  // A branch goes back to its page; the institution and committee to the org page.
  const bool branch = f.Has("department");
  return AdminKit::Done(branch ? fmt::format("/admin/org/branches/{}", *id) : "/admin/org", "saved");
}

void OrgAdmin::SetPostChoices(const AdminContext& ctx, const org::MemberDetail& held,
                              TemplateData& body) {
  data choices{data::type::list};
  for (const char* post : org::kBranchPosts) {
    data c;
    c.set("value", post);
    c.set("label", d_.kit.T(ctx, PostLabel(post)));
    if (auto it = held.post_since.find(post); it != held.post_since.end()) {
      c.set("checked", TemplateTrue());
      c.set("since", it->second);
    }
    choices.push_back(c);
  }
  body.set("post_choices", choices);
  body.set("today", Today());
  // A small branch has no committee by the rules: say so where its
  // committee members would be given.
  if (auto members = d_.storage.org().ListMembers(held.member.branch_id); members.ok()) {
    const auto current = std::count_if(members->begin(), members->end(), [](const MemberRecord& m) {
      return m.current();
    });
    if (static_cast<std::size_t>(current) < branchlife::kCommitteeFromMembers)
      body.set("small_branch", std::to_string(current));
  }
}

Response OrgAdmin::SetPosts(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  const http::Form f = http::Form::Parse(req.body);
  // No boxes ticked means "no posts": only from the form that shows them.
  if (f.Get("posts_shown") != "1")
    return d_.kit.Message(ctx, 422, N_("Not saved"),
                          N_("Choose the posts on the member's page and save them there."));
  std::vector<org::PostTaken> posts;
  for (const auto& post : f.All("post")) posts.push_back({post, f.Get("since-" + post)});
  Status s = structure_.SetPosts(ctx.who(), ctx.actor, *id, posts, Today());
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return AdminKit::Done(fmt::format("/admin/org/members/{}#posts-form", *id), "saved");
}

void OrgAdmin::SetDissolveForm(const AdminContext& ctx, const OrgUnitRecord& unit,
                               const http::Form& typed, const Status& error, TemplateData& body) {
  std::size_t members = 0, applicants = 0;
  if (auto list = d_.storage.org().ListMembers(unit.id); list.ok())
    for (const auto& m : *list) members += m.current();
  if (auto list = d_.storage.org().ListApplicants(unit.id); list.ok())
    for (const auto& a : *list) applicants += a.admitted_on.empty() && a.stopped_on.empty();
  const std::string chosen = typed.Get("move_to");
  data form, targets{data::type::list};
  for (const auto& u : d_.storage.org().ListUnits().value())
    if (u.standing_branch() && u.id != unit.id)
      targets.push_back(SelectOption(std::to_string(u.id), u.name, chosen == std::to_string(u.id)));
  form.set("id", std::to_string(unit.id));
  form.set("targets", targets);
  form.set("today", Today());
  // A date field holds a date or nothing: text sent in its place is not echoed.
  const std::string day = Trim(typed.Get("day"));
  form.set("day", !typed.Has("day") ? Today() : IsIsoDate(day) ? day : "");
  form.set("note", typed.Get("note"));
  form.set("people", d_.kit.Tf(ctx, N_("{members} members and {applicants} applicants still on "
                                       "the way in move to the branch you choose, each with a "
                                       "transfer on record; their posts here end. Meetings "
                                       "planned after the day and not held are cancelled."),
                               {{"members", std::to_string(members)},
                                {"applicants", std::to_string(applicants)}}));
  if (members + applicants > 0) form.set("must_move", TemplateTrue());
  else form.set("nobody", TemplateTrue());
  if (!error.ok()) form.set("open", TemplateTrue());
  body.set("dissolve", form);
  d_.kit.SetFormErrors(ctx, error, {{"day", "d-day"}, {"move_to", "d-move-to"}, {"note", "d-note"}},
                       body);
}

Response OrgAdmin::DissolveBranch(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  const http::Form f = http::Form::Parse(req.body);
  org::DissolveInput in{f.Get("day"), ParsePositiveId(f.Get("move_to")), f.Get("note")};
  // Asked once the form is complete (a branch chosen, or nobody to move):
  // an incomplete one goes straight back with its problems.
  if (in.move_to || f.Get("nobody") == "1") {
    std::string name, to_name;
    for (const auto& u : d_.storage.org().ListUnits().value()) {
      if (u.id == *id) name = u.name;
      if (in.move_to && u.id == *in.move_to) to_name = u.name;
    }
    if (auto ask = name.empty() ? std::nullopt : d_.kit.ConfirmFirst(
            ctx, req,
            to_name.empty() ? N_("Dissolve {branch} as of {day}? Meetings planned after that day "
                                 "are cancelled, and stay so if the branch is restored.")
                            : N_("Dissolve {branch} as of {day}, its people moving to {to}? Its "
                                 "committee posts end and meetings planned after that day are "
                                 "cancelled. If the branch is restored, those still in {to} may "
                                 "move back with it and take up their posts again."),
            {{"branch", name}, {"day", Trim(in.day)}, {"to", to_name}},
            fmt::format("/admin/org/branches/{}#dissolve-branch", *id)))
      return *ask;
  }
  auto done = structure_.Dissolve(ctx.who(), ctx.actor, *id, in, Today());
  if (done.status().code() == Status::Code::kInvalidArgument)
    return BranchPageWith(ctx, *id, f, done.status());
  if (!done.ok())
    return d_.kit.Message(ctx, HttpStatusFor(done.status()), N_("Not saved"), done.status());
  return AdminKit::Done(fmt::format("/admin/org/branches/{}", *id), "dissolved");
}

void OrgAdmin::SetSecretaryTraining(const AdminContext& ctx, std::int64_t member,
                                    TemplateData& body) {
  if (!ctx.who().Has(auth::Role::kRecordsOfficer)) return;
  const std::string today = Today();
  auto n = training::NewSecretaryTraining(d_.storage, member);
  if (!n.ok()) return;  // no dated secretary post
  const MessageArgs args{{"since", n->since}, {"due", n->due}, {"day", n->trained_on}};
  body.set("secretary_training",
           d_.kit.Tf(ctx,
                     !n->trained_on.empty() ? N_("Secretary since {since}; trained on {day}.")
                     : n->due < today ? N_("Secretary since {since}; the training due by {due} is "
                                           "not on record.")
                                      : N_("Secretary since {since}; to be trained by {due}."),
                     args));
  if (n->trained_on.empty() && n->due < today) body.set("secretary_training_overdue", TemplateTrue());
}

}  // namespace procura::web
