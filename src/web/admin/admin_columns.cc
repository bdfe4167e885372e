// SystemAdmin: columns (栏目) and their review chains.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
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
TemplateData SystemAdmin::ColumnForm(const AdminContext& ctx, const ColumnRecord& c,
                                     const std::vector<ColumnRecord>& columns,
                                     const std::vector<UserRecord>& users) const {
  data row;
  row.set("id", std::to_string(c.id));
  row.set("slug", c.slug);
  row.set("name", c.name);
  row.set("description", c.description);
  row.set("second_name", c.second_name);
  row.set("second_description", c.second_description);
  const bool zh = d_.content.Snapshot()->site().lang.starts_with("zh");
  row.set("second_language", d_.kit.T(ctx, zh ? N_("English") : N_("Chinese")));
  row.set("position", std::to_string(c.position));
  if (c.hidden) row.set("hidden", TemplateTrue());
  if (c.four_eyes) row.set("four_eyes", TemplateTrue());
  auto grants = d_.storage.users().ColumnReviewerGrants(c.id).value();
  row.set("steps_options", ReviewStepOptions(ctx, c.review_steps));
  data types{data::type::list};
  for (const auto& [value, label] :
       {std::pair{"news", N_("News: stale after 2 weeks without a new article")},
        std::pair{"notice", N_("Notices: stale after 6 months")},
        std::pair{"policy", N_("Policy: stale after 6 months")},
        std::pair{"other", N_("Other: never counted as stale")}})
    types.push_back(SelectOption(value, d_.kit.T(ctx, label), c.column_type == value));
  row.set("types", types);
  auto editors = d_.storage.users().ColumnEditors(c.id).value();
  data parents{data::type::list}, revs{data::type::list}, eds{data::type::list};
  for (const auto& p : columns) {
    if (p.id != c.id)
      parents.push_back(SelectOption(std::to_string(p.id), p.name, c.parent_id == p.id));
  }
  for (const auto& u : users) {
    if (std::find(u.roles.begin(), u.roles.end(), "reviewer") == u.roles.end()) continue;
    data o;
    o.set("value", std::to_string(u.id));
    o.set("name", u.name);
    int mask = kAllReviewSteps;
    for (const auto& g : grants)
      if (g.user_id == u.id) {
        o.set("checked", TemplateTrue());
        mask = g.steps;
      }
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

// The columns as a table, one line each with its reviewers (a column
// without one is marked: nothing written there can be published), each
// linked to its own page; the form for a new column below.
Response SystemAdmin::ColumnsPage(const Request&, const RouteParams&, AdminContext& ctx) {
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
  return d_.kit.Page(ctx, "admin_columns", std::move(body), N_("Columns"));
}

Response SystemAdmin::ColumnPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto columns = d_.storage.content().ListColumns().value();
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](const ColumnRecord& c) { return id && c.id == *id; });
  if (it == columns.end())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such column."));
  data body = ColumnForm(ctx, *it, columns, d_.storage.users().ListUsers().value());
  return d_.kit.Page(ctx, "admin_column", std::move(body), it->name);
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
  in.position = static_cast<int>(ParsePositiveId(f.Get("position")).value_or(0));
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

Response SystemAdmin::CreateColumn(const Request& req, const RouteParams&, AdminContext& ctx) {
  auto id = d_.columns.Create(ColumnFromForm(http::Form::Parse(req.body)), ctx.who(), ctx.actor);
  if (!id.ok()) return d_.kit.Message(ctx, 422, N_("Column not created"), id.status());
  return AdminKit::Done("/admin/columns", "saved");
}

Response SystemAdmin::UpdateColumn(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such column."));
  Status s =
      d_.columns.Update(*id, ColumnFromForm(http::Form::Parse(req.body)), ctx.who(), ctx.actor);
  if (!s.ok())
    return d_.kit.Message(ctx, s.code() == Status::Code::kNotFound ? 404 : 422,
                          N_("Column not saved"), s);
  return AdminKit::Done(fmt::format("/admin/columns/{}", *id), "saved");
}

}  // namespace procura::web
