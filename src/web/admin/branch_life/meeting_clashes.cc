// BranchLifeAdmin: what else is on at a meeting's hours. The meeting's page
// lists it; the meeting form asks for it as the date and times are chosen
// (clashes.json), so a secretary sees it before saving. Nothing is refused.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "branchlife/branch_life.h"
#include "branchlife/clashes.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

std::vector<BranchLifeAdmin::ClashLine> BranchLifeAdmin::ClashLines(const AdminContext& ctx,
                                                                    const MeetingRecord& m) const {
  std::vector<ClashLine> out;
  auto clashes = branchlife::ClashesWith(d_.storage, m);
  if (!clashes.ok()) return out;
  for (const auto& c : *clashes)
    out.push_back({c.title, c.url,
                   c.training
                       ? d_.kit.Tf(ctx, N_("training session at {starts}; {count} of this branch's members are enrolled"),
                                   {{"starts", c.starts}, {"count", std::to_string(c.enrolled)}})
                       : d_.kit.Tf(ctx, N_("{kind} at {starts}"),
                                   {{"kind", KindText(ctx, c.kind)}, {"starts", c.starts}})});
  return out;
}

void BranchLifeAdmin::SetClashes(const AdminContext& ctx, const MeetingRecord& m,
                                 TemplateData& body) const {
  const auto lines = ClashLines(ctx, m);
  if (lines.empty()) return;
  data list{data::type::list};
  for (const auto& line : lines) {
    data item;
    item.set("title", line.title);
    item.set("url", line.url);
    item.set("text", line.text);
    list.push_back(item);
  }
  body.set("clashes", list);
  body.set("has_clashes", TemplateTrue());
}

// GET /admin/branch-life/branches/{id}/clashes.json?held_on=&starts_at=
// &ends_at=[&meeting=ID]: {"heading", "separator", "clashes": [{title,
// url, text}]}, each clash read as title + separator + text, for
// a meeting of the branch at those hours (`meeting`, when editing one, is
// not its own clash); 400 {"error", "field"} for a date or time unread.
Response BranchLifeAdmin::ClashPreview(const Request& req, const Params& p, AdminContext& ctx) {
  const auto reply = [](int status, const nlohmann::json& j) {
    return Response::Text(status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          "application/json");
  };
  const auto branch = ParsePositiveId(p.at("id"));
  if (!branch) return reply(404, {{"error", d_.kit.T(ctx, N_("There is no such branch."))}});
  if (Status may = d_.life.CheckBranch(ctx.who(), *branch); !may.ok())
    return reply(HttpStatusFor(may), {{"error", d_.kit.ErrorText(ctx, may)}});
  auto q = ParseQuery(req.query);
  MeetingRecord m;
  m.branch_id = *branch;
  m.held_on = q["held_on"];
  m.starts_at = q["starts_at"];
  m.ends_at = q["ends_at"];
  if (!q["meeting"].empty()) {
    const auto meeting = ParsePositiveId(q["meeting"]);
    if (!meeting)
      return reply(400, {{"error", d_.kit.T(ctx, N_("There is no such meeting."))}, {"field", "meeting"}});
    m.id = *meeting;
  }
  const auto start = branchlife::MeetingStart(m, 0);
  if (!start)
    return reply(400, {{"error", d_.kit.T(ctx, N_("Enter the date as YYYY-MM-DD and the start as HH:MM."))},
                       {"field", "held_on"}});
  const auto end = branchlife::MeetingEnd(m, 0);
  if (!m.ends_at.empty() && (!end || *end <= *start))
    return reply(400, {{"error", d_.kit.T(ctx, N_("Enter the end as HH:MM, after the start."))},
                       {"field", "ends_at"}});
  nlohmann::json out{{"heading", d_.kit.T(ctx, N_("Also at this time:"))},
                     {"separator", d_.kit.T(ctx, N_(": "))},
                     {"clashes", nlohmann::json::array()}};
  for (const auto& line : ClashLines(ctx, m))
    out["clashes"].push_back({{"title", line.title}, {"url", line.url}, {"text", line.text}});
  return reply(200, out);
}

}  // namespace procura::web
