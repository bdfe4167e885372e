// OrgAdmin: 档案核查, the members whose stored records break the rules that
// a new or edited record must follow (a member recorded as joining before
// eighteen, a full member's date outside the probation's end), each with
// its problems and the way to its form. MemberRecords::Check finds them.
#include <map>

#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {

Response OrgAdmin::RecordCheck(const Request&, const Params&, AdminContext& ctx) {
  auto found = d_.members.Check(ctx.who());
  if (!found.ok())
    return d_.kit.Message(ctx, HttpStatusFor(found.status()), TitleFor(found.status()), found.status());
  auto units = d_.storage.org().ListUnits();
  if (!units.ok())
    return d_.kit.Message(ctx, HttpStatusFor(units.status()), TitleFor(units.status()), units.status());
  std::map<std::int64_t, std::string> branch_names;
  for (const auto& u : *units) branch_names[u.id] = u.name;
  data body, rows{data::type::list};
  for (const org::RecordProblems& r : *found) {
    data row, problems{data::type::list};
    row.set("id", std::to_string(r.member.id));
    row.set("name", r.member.name);
    if (r.member.is_sample) row.set("sample", TemplateTrue());
    const auto branch = branch_names.find(r.member.branch_id);
    row.set("branch", branch != branch_names.end() ? branch->second : "-");
    for (const Status& p : r.problems) {
      data item;
      const char* label = org::MemberFieldLabel(p.field());
      item.set("line", *label ? d_.kit.Tf(ctx, N_("{field}: {problem}"),
                                           {{"field", d_.kit.T(ctx, label)},
                                            {"problem", d_.kit.ErrorText(ctx, p)}})
                              : d_.kit.ErrorText(ctx, p));
      problems.push_back(item);
    }
    row.set("problems", problems);
    rows.push_back(row);
  }
  body.set("members", rows);
  body.set("count_text", d_.kit.TfN(ctx, "{n} member's record to mend.", "{n} members' records to mend.",
                                    long(found->size())));
  if (found->empty()) body.set("none", TemplateTrue());
  return d_.kit.Page(ctx, "admin_record_check", std::move(body), N_("Record check"));
}

void OrgAdmin::SetRecordCheckLine(const AdminContext& ctx, TemplateData& body) {
  auto found = d_.members.Check(ctx.who());
  if (!found.ok() || found->empty()) return;  // the page itself says why, when opened
  body.set("record_problems",
           d_.kit.TfN(ctx, "The record of {n} member breaks the rules.",
                      "The records of {n} members break the rules.", long(found->size())));
}

}  // namespace procura::web
