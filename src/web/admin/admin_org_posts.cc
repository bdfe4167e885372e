// OrgAdmin: the branch committee posts held before, on a member's page and
// on their branch's page (the committee's history).
#include <algorithm>

#include "core/labels.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"

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
  data rows{data::type::list};
  for (auto p = former->rbegin(); p != former->rend(); ++p) {
    auto m = d_.storage.org().GetMember(p->member_id);
    data row;
    row.set("member_id", std::to_string(p->member_id));
    const bool found = m.ok() && m->has_value();
    row.set("name", found ? (*m)->name : "");
    // A link only where it opens: the officer's, or a member still here.
    if (found && (officer || (*m)->branch_id == branch)) row.set("linked", TemplateTrue());
    row.set("post", d_.kit.T(ctx, PostLabel(p->post)));
    row.set("since", p->since.empty() ? d_.kit.T(ctx, N_("not recorded")) : p->since);
    row.set("ended", p->ended_on);
    rows.push_back(row);
  }
  body.set("former_committee", rows);
  body.set("has_former_committee", TemplateTrue());
}

}  // namespace procura::web
