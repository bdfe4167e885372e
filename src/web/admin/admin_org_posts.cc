// OrgAdmin: the branch committee posts held before, on a member's page and
// on their branch's page (the committee's history); the records officer
// records one held before procura (补录) or deletes one recorded by mistake.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "http/forms.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {

void OrgAdmin::SetFormerPosts(const AdminContext& ctx, const org::MemberDetail& d,
                              TemplateData& body) {
  data lines{data::type::list};
  for (auto p = d.former_posts.rbegin(); p != d.former_posts.rend(); ++p) {  // the latest first
    const auto unit = d.unit_names.find(p->unit_id);
    data line;  // the days apart, so that a date never breaks
    line.set("label", d_.kit.Tf(ctx, N_("{post}, {branch}: "),
                                {{"post", d_.kit.T(ctx, PostLabel(p->post))},
                                 {"branch", unit == d.unit_names.end() ? "" : unit->second}}));
    if (!p->since.empty()) line.set("since", p->since);
    line.set("ended", p->ended_on);
    if (ctx.who().Has(auth::Role::kRecordsOfficer)) {  // theirs to put right
      line.set("fid", std::to_string(p->id));
      line.set("member_id", std::to_string(d.member.id));
    }
    lines.push_back(line);
  }
  if (d.former_posts.empty()) return;
  body.set("former_posts", lines);
  body.set("has_former_posts", TemplateTrue());
}

void OrgAdmin::SetBranchFormerPosts(const AdminContext& ctx, std::int64_t branch, TemplateData& body) {
  auto former = d_.storage.org().ListFormerPosts(std::nullopt);
  if (!former.ok()) return;  // the page stands without the history
  std::erase_if(*former, [&](const FormerPostRecord& p) { return p.unit_id != branch; });
  if (former->empty()) return;
  const bool officer = ctx.who().Has(auth::Role::kRecordsOfficer);
  std::map<std::int64_t, std::optional<MemberRecord>> people;  // each read once
  for (const auto& p : *former)
    if (!people.count(p.member_id)) {
      auto m = d_.storage.org().GetMember(p.member_id);
      people[p.member_id] = m.ok() ? *m : std::nullopt;
    }
  data rows{data::type::list};
  for (auto p = former->rbegin(); p != former->rend(); ++p) {
    const std::optional<MemberRecord>& m = people[p->member_id];
    data row;
    row.set("member_id", std::to_string(p->member_id));
    row.set("name", m ? m->name : "");
    // A link only where it opens: the officer's, or a member still here.
    if (m && (officer || m->branch_id == branch)) row.set("linked", TemplateTrue());
    row.set("post", d_.kit.T(ctx, PostLabel(p->post)));
    row.set("since", p->since.empty() ? d_.kit.T(ctx, N_("not recorded")) : p->since);
    row.set("ended", p->ended_on);
    rows.push_back(row);
  }
  body.set("former_committee", rows);
  body.set("has_former_committee", TemplateTrue());
}

const std::map<std::string, std::string> kFormerPostFields = {
    {"post", "fp-post"}, {"unit", "fp-unit"}, {"since", "fp-since"}, {"until", "fp-until"}};

void OrgAdmin::SetFormerPostForm(const AdminContext& ctx, const http::Form& typed,
                                 const Status& error, TemplateData& body) {
  data form, posts{data::type::list}, units{data::type::list};
  posts.push_back(SelectOption("", d_.kit.T(ctx, N_("(choose a post)")), false));
  for (const char* post : org::kBranchPosts)
    posts.push_back(SelectOption(post, d_.kit.T(ctx, PostLabel(post)), typed.Get("post") == post));
  units.push_back(SelectOption("", d_.kit.T(ctx, N_("(choose a branch)")), false));
  if (auto all = d_.storage.org().ListUnits(); all.ok())
    for (const auto& u : *all) {
      if (u.kind != "branch") continue;
      const std::string name = u.dissolved()
          ? d_.kit.Tf(ctx, N_("{name} (dissolved {day})"), {{"name", u.name}, {"day", u.dissolved_on}})
          : u.name;
      units.push_back(SelectOption(std::to_string(u.id), name, typed.Get("unit") == std::to_string(u.id)));
    }
  form.set("posts", posts);
  form.set("units", units);
  form.set("today", Today());
  // A date field holds a date or nothing: text sent in its place is not echoed.
  for (const char* key : {"since", "until"})
    if (const std::string day = Trim(typed.Get(key)); IsIsoDate(day)) form.set(key, day);
  if (!error.ok()) form.set("open", TemplateTrue());
  body.set("fp", form);
  d_.kit.SetFormErrors(ctx, error, kFormerPostFields, body);
}

Response OrgAdmin::AddFormerPost(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  const http::Form f = http::Form::Parse(req.body);
  const org::FormerPostInput in{f.Get("post"), ParsePositiveId(f.Get("unit")), f.Get("since"),
                                f.Get("until")};
  auto made = structure_.AddFormerPost(ctx.who(), ctx.actor, *id, in, Today());
  if (made.status().code() == Status::Code::kInvalidArgument ||
      made.status().code() == Status::Code::kConflict)
    return MemberPageWith(ctx, *id, f, made.status(), HttpStatusFor(made.status()));
  if (!made.ok())
    return d_.kit.Message(ctx, HttpStatusFor(made.status()), N_("Not saved"), made.status());
  return AdminKit::Done(fmt::format("/admin/org/members/{}#former-posts", *id), "added");
}

Response OrgAdmin::DeleteFormerPost(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto fid = ParsePositiveId(p.at("fid"));
  if (!id || !fid)
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such former post."));
  if (auto ask = d_.kit.ConfirmFirst(
          ctx, req, N_("Delete this post held before from the member's record? Do so only for "
                       "one recorded by mistake: the training requirement of the years it "
                       "covered changes with it."),
          {}, fmt::format("/admin/org/members/{}#former-posts", *id)))
    return *ask;
  Status s = structure_.DeleteFormerPost(ctx.who(), ctx.actor, *id, *fid);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return AdminKit::Done(fmt::format("/admin/org/members/{}#former-posts", *id), "deleted");
}

}  // namespace procura::web
