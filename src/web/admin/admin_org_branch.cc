// OrgAdmin: a branch's page, its roster with the branch committee first,
// and for the records officer the forms to change or dissolve it.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {
namespace {

// The rank of a branch committee post: the secretary first.
int PostRank(std::string_view post) {
  static constexpr std::string_view kOrder[] = {"secretary", "deputy-secretary",
                                                "organization-member", "publicity-member",
                                                "discipline-member"};
  for (std::size_t i = 0; i < std::size(kOrder); ++i)
    if (kOrder[i] == post) return static_cast<int>(i);
  return static_cast<int>(std::size(kOrder));
}

// Each member's committee posts in `branch`, highest first.
std::map<std::int64_t, std::vector<std::string>> PostsIn(const std::vector<PostRecord>& posts,
                                                         std::int64_t branch) {
  std::map<std::int64_t, std::vector<std::string>> out;
  for (const auto& p : posts)
    if (p.unit_id == branch && p.post != "member") out[p.member_id].push_back(p.post);
  for (auto& [member, list] : out)
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return PostRank(a) < PostRank(b); });
  return out;
}

}  // namespace

Response OrgAdmin::BranchPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  return BranchPageWith(ctx, *id, http::Form{}, Status::Ok());
}

Response OrgAdmin::BranchPageWith(const AdminContext& ctx, std::int64_t branch,
                                  const http::Form& typed, const Status& error) {
  auto members = d_.org.BranchMembers(ctx.who(), branch);
  if (!members.ok())
    return d_.kit.Message(ctx, HttpStatusFor(members.status()), TitleFor(members.status()),
                          members.status());
  std::string name;
  OrgUnitRecord unit;
  for (const auto& u : d_.storage.org().ListUnits().value())
    if (u.id == branch && u.kind == "branch") unit = u, name = u.name;
  if (name.empty())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  auto post_list = d_.storage.org().ListPosts();
  if (!post_list.ok())
    return d_.kit.Message(ctx, HttpStatusFor(post_list.status()), TitleFor(post_list.status()),
                          post_list.status());
  const auto posts = PostsIn(*post_list, branch);
  const auto rank = [&](const MemberRecord& m) {
    const auto it = posts.find(m.id);
    return it == posts.end() ? PostRank("") : PostRank(it->second.front());
  };
  // The branch committee first, as a roster is read; then pinyin order.
  std::stable_sort(members->begin(), members->end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  data body, rows{data::type::list};
  std::size_t probationary = 0;
  for (const auto& m : *members) {
    data r;
    r.set("id", std::to_string(m.id));
    r.set("name", m.name);
    std::string titles;
    if (const auto it = posts.find(m.id); it != posts.end())
      for (const auto& post : it->second)
        titles += (titles.empty() ? "" : d_.kit.T(ctx, N_(", "))) + d_.kit.T(ctx, PostLabel(post));
    r.set("posts", titles);
    probationary += m.status == "probationary";
    r.set("status", d_.kit.T(ctx, MemberStatusLabel(m.status)));
    r.set("phone", m.phone);  // masked by the service
    r.set("joined", m.joined_date);
    if (m.is_sample) r.set("sample", TemplateTrue());
    rows.push_back(r);
  }
  body.set("name", name);
  body.set("members", rows);
  if (!members->empty()) body.set("has_members", TemplateTrue());
  body.set("count_text", d_.kit.TfN(ctx, "{n} member, of whom {probationary} probationary.",
                                    "{n} members, of whom {probationary} probationary.", long(members->size()),
                                    {{"probationary", std::to_string(probationary)}}));
  body.set("branch_id", std::to_string(unit.id));
  SetBranchFormerPosts(ctx, unit.id, body);
  body.set("life_year", unit.dissolved() ? unit.dissolved_on.substr(0, 4) : Today().substr(0, 4));
  if (unit.dissolved()) {
    body.set("dissolved_on", unit.dissolved_on);
    body.set("dissolved_note", unit.dissolved_note);
    if (auth::Can(ctx.who(), auth::Action::kManageRecords)) SetRestoreForm(ctx, unit, typed, error, body);
  }
  if (auth::Can(ctx.who(), auth::Action::kManageRecords)) {
    SetBranchForm(unit, body);
    if (!unit.dissolved()) SetDissolveForm(ctx, unit, typed, error, body);
  }
  return d_.kit.Page(ctx, "admin_branch", std::move(body), name,
                     error.ok() ? 200 : HttpStatusFor(error));
}

}  // namespace procura::web
