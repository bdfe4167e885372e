#include "content/columns.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/text.h"

namespace procura {

namespace {

std::vector<ReviewerGrant> GrantsOf(const ColumnInput& in) {
  std::vector<ReviewerGrant> grants;
  for (auto uid : in.reviewer_ids) {
    auto it = in.reviewer_steps.find(uid);
    grants.push_back({uid, it == in.reviewer_steps.end() ? kAllReviewSteps : it->second});
  }
  return grants;
}

// A column whose steps nobody may take would hold its articles forever.
Status ValidateReviewSteps(const ColumnInput& in) {
  if (in.review_steps < 1 || in.review_steps > 3)
    return Status::Invalid(N_("A column needs 1, 2 or 3 review steps.")).WithField("review_steps");
  for (const auto& [uid, mask] : in.reviewer_steps)
    if (mask < 1 || mask > kAllReviewSteps)
      return Status::Invalid(N_("Give each reviewer at least one review step."))
          .WithField("review_steps");
  if (in.reviewer_ids.empty()) return Status::Ok();
  const auto grants = GrantsOf(in);
  for (int step = 1; step <= in.review_steps; ++step) {
    const int right = auth::ReviewStepRight(step, in.review_steps);
    bool held = false;
    for (const auto& g : grants) held |= (g.steps & right) != 0;
    if (!held)
      return Status::Invalid(N_("No reviewer of this column may take the {step_label}."),
                             {{"step_label", std::string(ReviewStepLabel(step, in.review_steps))}})
          .WithField("review_steps");
  }
  if (static_cast<int>(grants.size()) < in.review_steps)
    return Status::Invalid(N_("{steps} review steps need at least {steps} reviewers: each step is "
                              "taken by a different person."),
                           {{"steps", std::to_string(in.review_steps)}})
        .WithField("review_steps");
  return Status::Ok();
}

}  // namespace

std::string_view ReviewStepLabel(int step, int steps_needed) {
  if (steps_needed <= 1) return N_("review");
  switch (auth::ReviewStepRight(step, steps_needed)) {
    case 1: return N_("first review");
    case 2: return N_("second review");
    default: return N_("final review");
  }
}

namespace {

// The column's own fields, every problem at once (a form shows each
// beside its field).
Status ValidateFields(const ColumnInput& in) {
  std::vector<Status> problems;
  if (!IsValidSlug(in.slug))
    problems.push_back(Status::Invalid(N_("The web address name has 1 to 64 of a-z, 0-9 and '-', and does not start or end with '-'.")).WithField("slug"));
  if (!IsValidUtf8(in.name) || in.name.find_first_not_of(' ') == std::string::npos ||
      Utf8Length(in.name) > 100)
    problems.push_back(Status::Invalid(N_("Give the column a name of at most 100 characters.")).WithField("name"));
  if (!IsValidUtf8(in.description) || Utf8Length(in.description) > 500)
    problems.push_back(Status::Invalid(N_("The description is too long: at most 500 characters."))
                           .WithField("description"));
  if (in.second_name && (!IsValidUtf8(*in.second_name) || Utf8Length(*in.second_name) > 100))
    problems.push_back(Status::Invalid(N_("The name in the second language is too long: at most 100 characters."))
                           .WithField("second_name"));
  if (in.second_description &&
      (!IsValidUtf8(*in.second_description) || Utf8Length(*in.second_description) > 500))
    problems.push_back(Status::Invalid(N_("The description in the second language is too long: at most 500 characters."))
                           .WithField("second_description"));
  if (in.position < 0 || in.position > kMaxColumnPosition)
    problems.push_back(Status::Invalid(N_("The position is a whole number from 0 to {max}."),
                                       {{"max", std::to_string(kMaxColumnPosition)}})
                           .WithField("position"));
  if (in.column_type != "news" && in.column_type != "notice" && in.column_type != "policy" &&
      in.column_type != "other")
    problems.push_back(Status::Invalid(N_("Choose the column's type: news, notices, policy or other."))
                           .WithField("column_type"));
  return Status::AllOf(std::move(problems));
}

// The parent exists and is not column `self` or a column below it.
Status ValidateParent(Storage& tx, const ColumnInput& in, std::optional<std::int64_t> self) {
  if (!in.parent_id) return Status::Ok();
  auto cols = tx.content().ListColumns();
  if (!cols.ok()) return cols.status();
  std::optional<std::int64_t> at = in.parent_id;
  bool exists = false;
  for (int depth = 0; at && depth < 64; ++depth) {
    if (self && *at == *self)
      return Status::Invalid(N_("A column cannot sit inside itself.")).WithField("parent");
    std::optional<std::int64_t> next;
    for (const auto& c : *cols)
      if (c.id == *at) {
        exists = exists || depth == 0;
        next = c.parent_id;
      }
    at = next;
  }
  if (!exists) return Status::Invalid(N_("The parent column does not exist.")).WithField("parent");
  return Status::Ok();
}

// Every reviewer holds the reviewer role and every editor the editor role.
Status ValidatePeople(Storage& tx, const ColumnInput& in) {
  for (const auto& [ids, role, field] :
       {std::tuple{&in.reviewer_ids, "reviewer", "reviewers"},
        std::tuple{&in.editor_ids, "editor", "editors"}})
    for (auto uid : *ids) {
      auto u = tx.users().FindUserById(uid);
      if (!u.ok()) return u.status();
      if (!u->has_value())
        return Status::Invalid(std::string_view(role) == "reviewer"
                                   ? N_("The reviewer does not exist.")
                                   : N_("The editor does not exist."))
            .WithField(field);
      if (std::find((*u)->roles.begin(), (*u)->roles.end(), role) == (*u)->roles.end())
        return Status::Invalid(std::string_view(role) == "reviewer"
                                   ? N_("{name} does not have the reviewer role.")
                                   : N_("{name} does not have the editor role."),
                               {{"name", (*u)->name}})
            .WithField(field);
    }
  return Status::Ok();
}

}  // namespace

Status ColumnService::Validate(Storage& tx, const ColumnInput& in,
                               std::optional<std::int64_t> self) const {
  std::vector<Status> problems;
  for (Status s : {ValidateFields(in), ValidateParent(tx, in, self), ValidateReviewSteps(in),
                   ValidatePeople(tx, in)}) {
    if (s.ok()) continue;
    if (s.code() != Status::Code::kInvalidArgument) return s;  // storage failed
    for (Status& one : s.problems()) problems.push_back(std::move(one));
  }
  return Status::AllOf(std::move(problems));
}

Result<std::int64_t> ColumnService::Create(const ColumnInput& in, const auth::Principal& who,
                                           const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kManageColumns)) return Status::Denied(N_("Only administrators manage columns."));
  std::int64_t id = 0;
  // Checked inside the write transaction: a concurrent move (on any node)
  // cannot slip between the check and the write.
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(Validate(tx, in, std::nullopt));
    ColumnRecord c{0,           in.parent_id, in.slug,   in.name,
                   in.description, in.position,  in.hidden, in.four_eyes};
    c.review_steps = in.review_steps;
    c.column_type = in.column_type;
    c.second_name = in.second_name.value_or("");
    c.second_description = in.second_description.value_or("");
    auto r = tx.content().InsertColumn(c);
    if (!r.ok()) {
      return r.status().code() == Status::Code::kAlreadyExists
                 ? Status::Exists(N_("The web address name '{slug}' is taken."), {{"slug", in.slug}})
                       .WithField("slug")
                 : r.status();
    }
    id = *r;
    PROCURA_RETURN_IF_ERROR(tx.users().SetColumnReviewers(id, GrantsOf(in)));
    PROCURA_RETURN_IF_ERROR(tx.users().SetColumnEditors(id, in.editor_ids));
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "column", id, {}, NowUnix()}).status());
    return audit_.Write(tx, actor, "column.create", "column", id,
                        fmt::format("{} ({})", in.name, in.slug));
  }));
  events_.Publish({"column", id, {}});
  return id;
}

namespace {

// The second-language name and description `in` sets, or (where it sets
// none) the ones stored for column `c.id`.
Status KeepSecondLanguage(Storage& tx, const ColumnInput& in, ColumnRecord& c) {
  if (in.second_name && in.second_description) {
    c.second_name = *in.second_name;
    c.second_description = *in.second_description;
    return Status::Ok();
  }
  auto cols = tx.content().ListColumns();
  if (!cols.ok()) return cols.status();
  for (const auto& stored : *cols)
    if (stored.id == c.id) {
      c.second_name = in.second_name.value_or(stored.second_name);
      c.second_description = in.second_description.value_or(stored.second_description);
    }
  return Status::Ok();
}

}  // namespace

Status ColumnService::Update(std::int64_t id, const ColumnInput& in, const auth::Principal& who,
                             const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kManageColumns)) return Status::Denied(N_("Only administrators manage columns."));
  std::string reviewers;
  for (const auto& g : GrantsOf(in))
    reviewers += fmt::format("{}{}:{}", reviewers.empty() ? "" : ",", g.user_id, g.steps);
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    // In the transaction: two concurrent moves cannot make a cycle.
    PROCURA_RETURN_IF_ERROR(Validate(tx, in, id));
    ColumnRecord c{id,          in.parent_id, in.slug,   in.name,
                   in.description, in.position,  in.hidden, in.four_eyes};
    c.review_steps = in.review_steps;
    c.column_type = in.column_type;
    PROCURA_RETURN_IF_ERROR(KeepSecondLanguage(tx, in, c));
    Status s = tx.articles().UpdateColumn(c);
    if (s.code() == Status::Code::kAlreadyExists)
      return Status::Exists(N_("The web address name '{slug}' is taken."), {{"slug", in.slug}})
          .WithField("slug");
    PROCURA_RETURN_IF_ERROR(s);
    PROCURA_RETURN_IF_ERROR(tx.users().SetColumnReviewers(id, GrantsOf(in)));
    PROCURA_RETURN_IF_ERROR(tx.users().SetColumnEditors(id, in.editor_ids));
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "column", id, {}, NowUnix()}).status());
    return audit_.Write(
        tx, actor, "column.update", "column", id,
        fmt::format("name={} slug={} position={} hidden={} four_eyes={} review_steps={}"
                    " reviewers=[{}]",
                    in.name, in.slug, in.position, in.hidden, in.four_eyes, in.review_steps,
                    reviewers));
  }));
  events_.Publish({"column", id, {}});
  return Status::Ok();
}

namespace {

// Whether user `uid` exists and holds `role` (a column's grants outlive a
// role taken away; such a grant gives nothing).
Result<bool> HoldsRole(Storage& storage, std::int64_t uid, std::string_view role) {
  auto u = storage.users().FindUserById(uid);
  if (!u.ok()) return u.status();
  return u->has_value() &&
         std::find((*u)->roles.begin(), (*u)->roles.end(), role) != (*u)->roles.end();
}

}  // namespace

Result<ColumnInput> ColumnService::Stored(std::int64_t id) const {
  auto columns = storage_.content().ListColumns();
  if (!columns.ok()) return columns.status();
  auto c = std::find_if(columns->begin(), columns->end(),
                        [&](const ColumnRecord& one) { return one.id == id; });
  if (c == columns->end()) return Status::NotFound(N_("There is no such column."));
  ColumnInput in{c->slug,          c->name,   c->description, c->second_name,
                 c->second_description, c->parent_id, c->position, c->hidden,
                 c->four_eyes};
  in.review_steps = c->review_steps;
  in.column_type = c->column_type;
  auto grants = storage_.users().ColumnReviewerGrants(id);
  if (!grants.ok()) return grants.status();
  for (const auto& g : *grants) {
    auto holds = HoldsRole(storage_, g.user_id, "reviewer");
    if (!holds.ok()) return holds.status();
    if (!*holds) continue;
    in.reviewer_ids.push_back(g.user_id);
    in.reviewer_steps[g.user_id] = g.steps;
  }
  auto editors = storage_.users().ColumnEditors(id);
  if (!editors.ok()) return editors.status();
  for (auto uid : *editors) {
    auto holds = HoldsRole(storage_, uid, "editor");
    if (!holds.ok()) return holds.status();
    if (*holds) in.editor_ids.push_back(uid);
  }
  return in;
}

}  // namespace procura
