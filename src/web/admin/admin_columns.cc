// SystemAdmin: columns (栏目) and their review chains.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_system.h"

namespace procura::web {

// The choice of how many review steps a column needs (三审三校).
TemplateData SystemAdmin::ReviewStepOptions(const AdminContext& ctx, int selected) const {
  data options{data::type::list};
  const char* labels[] = {N_("1 step: one review"), N_("2 steps: first and final review"),
                          N_("3 steps: first, second and final review")};
  for (int n = 1; n <= 3; ++n)
    options.push_back(SelectOption(std::to_string(n), d_.kit.T(ctx, labels[n - 1]), n == selected));
  return options;
}

// One column's form: its fields, parent choices, reviewers with the steps
// each may take, and the editors who may change anyone's articles there.
TemplateData SystemAdmin::ColumnForm(const AdminContext& ctx, std::int64_t id,
                                     const ColumnInput& c,
                                     const std::vector<ColumnRecord>& columns,
                                     const std::vector<UserRecord>& users) const {
  data row;
  row.set("id", std::to_string(id));
  row.set("slug", c.slug);
  row.set("name", c.name);
  row.set("description", c.description);
  row.set("second_name", c.second_name.value_or(""));
  row.set("second_description", c.second_description.value_or(""));
  row.set("second_language", d_.kit.T(ctx, SecondLanguageLabel(d_.content.Snapshot()->site().lang)));
  row.set("position", std::to_string(c.position));
  if (c.hidden) row.set("hidden", TemplateTrue());
  if (c.four_eyes) row.set("four_eyes", TemplateTrue());
  row.set("steps_options", ReviewStepOptions(ctx, c.review_steps));
  data types{data::type::list};
  for (const auto& [value, label] :
       {std::pair{"news", N_("News: stale after 2 weeks without a new article")},
        std::pair{"notice", N_("Notices: stale after 6 months")},
        std::pair{"policy", N_("Policy: stale after 6 months")},
        std::pair{"other", N_("Other: never counted as stale")}})
    types.push_back(SelectOption(value, d_.kit.T(ctx, label), c.column_type == value));
  row.set("types", types);
  const auto& editors = c.editor_ids;
  data parents{data::type::list}, revs{data::type::list}, eds{data::type::list};
  for (const auto& p : columns) {
    if (p.id != id)
      parents.push_back(SelectOption(std::to_string(p.id), p.name, c.parent_id == p.id));
  }
  for (const auto& u : users) {
    if (std::find(u.roles.begin(), u.roles.end(), "reviewer") == u.roles.end()) continue;
    data o;
    o.set("value", std::to_string(u.id));
    o.set("name", u.name);
    if (std::find(c.reviewer_ids.begin(), c.reviewer_ids.end(), u.id) != c.reviewer_ids.end())
      o.set("checked", TemplateTrue());
    const auto steps = c.reviewer_steps.find(u.id);
    const int mask = steps == c.reviewer_steps.end() ? kAllReviewSteps : steps->second;
    data rights{data::type::list};
    for (const auto& [bit, label] :
         {std::pair{1, N_("first review")}, std::pair{2, N_("second review")},
          std::pair{4, N_("final review")}}) {
      data r;
      r.set("bit", std::to_string(bit));
      r.set("label", d_.kit.T(ctx, label));
      if (mask & bit) r.set("on", TemplateTrue());
      rights.push_back(r);
    }
    o.set("rights", rights);
    revs.push_back(o);
  }
  for (const auto& u : users) {
    if (std::find(u.roles.begin(), u.roles.end(), "editor") == u.roles.end()) continue;
    data o;
    o.set("value", std::to_string(u.id));
    o.set("name", u.name);
    if (std::find(editors.begin(), editors.end(), u.id) != editors.end())
      o.set("checked", TemplateTrue());
    eds.push_back(o);
  }
  row.set("parents", parents);
  row.set("reviewers", revs);
  row.set("editors", eds);
  return row;
}

namespace {

// Where each field the column service names an error for sits in a form
// whose input ids start with `prefix`.
std::map<std::string, std::string> ColumnFieldIds(const std::string& prefix) {
  std::map<std::string, std::string> ids;
  for (const auto& [field, suffix] :
       {std::pair{"name", "name"}, std::pair{"slug", "slug"}, std::pair{"description", "desc"},
        std::pair{"second_name", "second-name"}, std::pair{"second_description", "second-desc"},
        std::pair{"position", "pos"}, std::pair{"parent", "parent"},
        std::pair{"column_type", "type"}, std::pair{"review_steps", "steps"},
        std::pair{"reviewers", "reviewers"}, std::pair{"editors", "editors"}})
    ids[field] = prefix + suffix;
  return ids;
}

}  // namespace

// The columns as a table, one line each with its reviewers (a column
// without one is marked: nothing written there can be published), each
// linked to its own page; the form for a new column below.
Response SystemAdmin::ColumnsPage(const Request&, const RouteParams&, AdminContext& ctx) {
  return ColumnsListPage(ctx, nullptr, Status::Ok());
}

Response SystemAdmin::ColumnsListPage(const AdminContext& ctx, const ColumnInput* sent,
                                      const Status& error) {
  auto columns = d_.storage.content().ListColumns().value();
  std::map<std::int64_t, std::string> user_names, column_names;
  for (const auto& u : d_.storage.users().ListUsers().value()) user_names[u.id] = u.name;
  for (const auto& c : columns) column_names[c.id] = c.name;
  const char* separator = d_.kit.LangOf(ctx) == i18n::Lang::kZh ? "、" : ", ";
  data body, list{data::type::list};
  for (const auto& c : columns) {
    data row;
    row.set("id", std::to_string(c.id));
    row.set("slug", c.slug);
    row.set("name", c.name);
    if (c.parent_id) row.set("parent", column_names[*c.parent_id]);
    if (c.hidden) row.set("hidden", TemplateTrue());
    row.set("steps", std::to_string(c.review_steps));
    std::vector<std::string> reviewers;
    for (const auto& g : d_.storage.users().ColumnReviewerGrants(c.id).value())
      reviewers.push_back(user_names[g.user_id]);
    if (!reviewers.empty()) row.set("reviewers", fmt::format("{}", fmt::join(reviewers, separator)));
    list.push_back(row);
  }
  body.set("columns", list);
  if (!columns.empty()) body.set("has_columns", TemplateTrue());
  const ColumnInput fresh{.position = 10};
  const ColumnInput& shown = sent ? *sent : fresh;
  body.set("new_name", shown.name);
  body.set("new_slug", shown.slug);
  body.set("new_position", std::to_string(shown.position));
  if (shown.four_eyes) body.set("new_four_eyes", TemplateTrue());
  d_.kit.SetFormErrors(ctx, error, ColumnFieldIds("n-"), body);
  return d_.kit.Page(ctx, "admin_columns", std::move(body), N_("Columns"), error.ok() ? 200 : 422);
}

Response SystemAdmin::ColumnPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such column."));
  return ColumnFormPage(ctx, *id, nullptr, Status::Ok());
}

Response SystemAdmin::ColumnFormPage(const AdminContext& ctx, std::int64_t id,
                                     const ColumnInput* sent, const Status& error) {
  auto columns = d_.storage.content().ListColumns().value();
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](const ColumnRecord& c) { return c.id == id; });
  auto stored = d_.columns.Stored(id);
  if (it == columns.end() || !stored.ok())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such column."));
  data body = ColumnForm(ctx, id, sent ? *sent : *stored, columns,
                         d_.storage.users().ListUsers().value());
  d_.kit.SetFormErrors(ctx, error, ColumnFieldIds(fmt::format("c{}-", id)), body);
  return d_.kit.Page(ctx, "admin_column", std::move(body), it->name, error.ok() ? 200 : 422);
}

namespace {
ColumnInput ColumnFromForm(const http::Form& f) {
  ColumnInput in;
  in.slug = f.Get("slug");
  in.name = f.Get("name");
  in.description = f.Get("description");
  // Only the column's own page has these fields; a form without them
  // leaves the stored ones as they are.
  if (f.Has("second_name")) in.second_name = f.Get("second_name");
  if (f.Has("second_description")) in.second_description = f.Get("second_description");
  if (auto p = ParsePositiveId(f.Get("parent"))) in.parent_id = *p;
  // Not a number, or too large: -1, which the service refuses naming it.
  const std::string position = f.Get("position");
  const auto number = ParsePositiveId(position);
  in.position = position.empty() || position == "0" ? 0
                : number && *number <= kMaxColumnPosition ? static_cast<int>(*number)
                                                          : -1;
  in.hidden = f.Get("hidden") == "1";
  in.four_eyes = f.Get("four_eyes") == "1";
  in.review_steps = static_cast<int>(ParsePositiveId(f.Get("review_steps")).value_or(1));
  if (!f.Get("column_type").empty()) in.column_type = f.Get("column_type");
  for (const auto& r : f.All("reviewer"))
    if (auto id = ParsePositiveId(r)) {
      in.reviewer_ids.push_back(*id);
      // The form carries each reviewer's steps (rights_shown); a post
      // without them gives every step, as before steps existed.
      if (f.Get("rights_shown") != "1") continue;
      int mask = 0;
      for (const auto& bit : f.All("steps-" + r))
        if (bit == "1" || bit == "2" || bit == "4") mask |= std::stoi(bit);
      in.reviewer_steps[*id] = mask;
    }
  for (const auto& r : f.All("editor"))
    if (auto id = ParsePositiveId(r)) in.editor_ids.push_back(*id);
  return in;
}
}  // namespace

// A refused column (a field wrong, a slug taken) comes back as its form
// with what was sent and the error beside the field.
bool ShownBesideField(const Status& s) {
  return (s.code() == Status::Code::kInvalidArgument ||
          s.code() == Status::Code::kAlreadyExists) &&
         !s.field().empty();
}

Response SystemAdmin::CreateColumn(const Request& req, const RouteParams&, AdminContext& ctx) {
  const ColumnInput in = ColumnFromForm(http::Form::Parse(req.body));
  auto id = d_.columns.Create(in, ctx.who(), ctx.actor);
  if (ShownBesideField(id.status())) return ColumnsListPage(ctx, &in, id.status());
  if (!id.ok()) return d_.kit.Message(ctx, 422, N_("Column not created"), id.status());
  return AdminKit::Done("/admin/columns", "saved");
}

Response SystemAdmin::UpdateColumn(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such column."));
  const ColumnInput in = ColumnFromForm(http::Form::Parse(req.body));
  Status s = d_.columns.Update(*id, in, ctx.who(), ctx.actor);
  if (ShownBesideField(s)) return ColumnFormPage(ctx, *id, &in, s);
  if (!s.ok())
    return d_.kit.Message(ctx, s.code() == Status::Code::kNotFound ? 404 : 422,
                          N_("Column not saved"), s);
  return AdminKit::Done(fmt::format("/admin/columns/{}", *id), "saved");
}

}  // namespace procura::web
