// OrgAdmin: restoring a dissolved branch from its page, with the members
// its dissolution moved out ticked to come back with it.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {

void OrgAdmin::SetRestoreForm(const AdminContext& ctx, const OrgUnitRecord& unit,
                              const http::Form& typed, const Status& error, TemplateData& body) {
  auto movable = structure_.MovedOutWith(unit.id);
  if (!movable.ok()) return;  // the page stands without the form
  std::map<std::int64_t, std::string> branch_names;
  if (auto units = d_.storage.org().ListUnits(); units.ok())
    for (const auto& u : *units) branch_names[u.id] = u.name;
  // Sent back with a problem: what was ticked; else everyone.
  const auto ticked = typed.All("move_back");
  data form, people{data::type::list};
  bool any_posts = false;
  for (const auto& m : *movable) {
    const std::string id = std::to_string(m.member.id);
    data p;
    p.set("id", id);
    p.set("name", m.member.name);
    p.set("now_in", d_.kit.Tf(ctx, N_("now in {branch}"), {{"branch", branch_names[m.now_in]}}));
    if (!typed.Has("_csrf") || std::find(ticked.begin(), ticked.end(), id) != ticked.end())
      p.set("checked", TemplateTrue());
    std::string posts;
    for (const auto& held : m.posts)
      posts += (posts.empty() ? "" : d_.kit.T(ctx, N_(", "))) + d_.kit.T(ctx, PostLabel(held.post));
    if (!posts.empty()) p.set("posts_here", d_.kit.Tf(ctx, N_("held here: {posts}"), {{"posts", posts}}));
    any_posts |= !m.posts.empty();
    people.push_back(p);
  }
  form.set("people", people);
  if (!movable->empty()) form.set("has_people", TemplateTrue());
  if (any_posts) form.set("has_posts", TemplateTrue());
  if (!typed.Has("_csrf") || typed.Get("posts") == "1") form.set("give_back_posts", TemplateTrue());
  form.set("note", typed.Get("note"));
  if (!error.ok()) form.set("open", TemplateTrue());
  body.set("restore", form);
  d_.kit.SetFormErrors(ctx, error, {{"move_back", "r-move-back"}, {"note", "r-note"}}, body);
}

Response OrgAdmin::RestoreBranch(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  const std::string back = fmt::format("/admin/org/branches/{}", *id);
  const http::Form f = http::Form::Parse(req.body);
  org::RestoreInput in;
  for (const auto& v : f.All("move_back")) {
    auto member = ParsePositiveId(v);
    if (!member)
      return BranchPageWith(ctx, *id, f,
                            Status::Invalid(N_("Tick members from the list.")).WithField("move_back"));
    in.move_back.push_back(*member);
  }
  in.note = f.Get("note");
  in.give_back_posts = f.Get("posts") == "1";
  std::string name;
  if (auto units = d_.storage.org().ListUnits(); units.ok())
    for (const auto& u : *units)
      if (u.id == *id && u.dissolved()) name = u.name;
  if (!name.empty())
    if (auto ask = d_.kit.ConfirmFirst(
            ctx, req,
            in.move_back.empty()   ? N_("Restore {branch}? It stands again, empty: members can be "
                                        "moved back into it one by one.")
            : in.give_back_posts ? N_("Restore {branch}? Members moved back into it: {n}, each with a "
                                      "transfer on record, with the committee posts they held there "
                                      "given back.")
                                 : N_("Restore {branch}? Members moved back into it: {n}, each with a "
                                      "transfer on record. Their committee posts can be given again "
                                      "on their own pages."),
            {{"branch", name}, {"n", std::to_string(in.move_back.size())}}, back + "#restore-branch"))
      return *ask;
  Status s = structure_.Restore(ctx.who(), ctx.actor, *id, in);
  if (s.code() == Status::Code::kInvalidArgument) return BranchPageWith(ctx, *id, f, s);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return AdminKit::Done(back, "restored");
}

}  // namespace procura::web
