// OrgStructure: the institution, its Party Committee and the branches.
#include "org/org_structure.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text.h"

namespace procura::org {

namespace {

// A unit's name: 1–50 characters of valid text, trimmed.
Status CheckName(const std::string& name, const char* field) {
  if (!IsValidUtf8(name)) return Status::Invalid(N_("This text is not valid.")).WithField(field);
  if (name.empty()) return Status::Invalid(N_("Give the name.")).WithField(field);
  if (Utf8Length(name) > kMaxUnitName)
    return Status::Invalid(N_("At most {max} characters; this has {n}."),
                           {{"max", std::to_string(kMaxUnitName)},
                            {"n", std::to_string(Utf8Length(name))}})
        .WithField(field);
  return Status::Ok();
}

// A branch's fields, and its name unique among the other branches.
Status CheckBranch(const UnitInput& in, const std::vector<OrgUnitRecord>& units,
                   std::int64_t self) {
  std::vector<Status> problems;
  if (Status s = CheckName(in.name, "name"); !s.ok()) problems.push_back(s);
  if (!IsValidUtf8(in.department) || Utf8Length(in.department) > kMaxUnitName)
    problems.push_back(Status::Invalid(N_("At most {max} characters; this has {n}."),
                                       {{"max", std::to_string(kMaxUnitName)},
                                        {"n", std::to_string(Utf8Length(in.department))}})
                           .WithField("department"));
  if (in.position < 0 || in.position > kMaxUnitPosition)
    problems.push_back(Status::Invalid(N_("Give a whole number from 0 to {max}."),
                                       {{"max", std::to_string(kMaxUnitPosition)}})
                           .WithField("position"));
  for (const auto& u : units) {
    if (u.kind != "branch" || u.id == self || u.name != in.name) continue;
    problems.push_back(
        (u.dissolved() ? Status::Invalid(N_("The branch dissolved on {day} is called {name}: "
                                            "rename it first, on its page."),
                                         {{"day", u.dissolved_on}, {"name", in.name}})
                       : Status::Invalid(N_("Another branch is called {name}."), {{"name", in.name}}))
            .WithField("name"));
  }
  return problems.empty() ? Status::Ok() : Status::AllOf(std::move(problems));
}


UnitInput Trimmed(UnitInput in) {
  in.name = Trim(in.name);
  in.department = Trim(in.department);
  return in;
}

// A post's day, when given: a date, not after `today`, not before the
// member joined the Party.
Status CheckPostDay(const PostTaken& p, const MemberRecord& m, const std::string& today) {
  const std::string field = "since-" + p.post;
  if (p.since.empty()) return Status::Ok();
  if (!IsIsoDate(p.since))
    return Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15.")).WithField(field);
  if (p.since > today)
    return Status::Invalid(N_("A post's day cannot be in the future.")).WithField(field);
  if (!m.joined_date.empty() && p.since < m.joined_date)
    return Status::Invalid(N_("A post's day cannot be before the member joined the Party ({joined})."),
                           {{"joined", m.joined_date}})
        .WithField(field);
  return Status::Ok();
}

}  // namespace

Status OrgStructure::SetUp(const auth::Principal& who, const auth::Actor& actor,
                           const std::string& institution, const std::string& committee) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  const std::string inst = Trim(institution), comm = Trim(committee);
  std::vector<Status> problems;
  if (Status s = CheckName(inst, "institution"); !s.ok()) problems.push_back(s);
  if (Status s = CheckName(comm, "committee"); !s.ok()) problems.push_back(s);
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    if (!units->empty())
      return Status::Conflict(N_("The party organisation is set up already; rename it instead."));
    auto inst_id = tx.org().InsertUnit({0, std::nullopt, "institution", inst, "", 0});
    if (!inst_id.ok()) return inst_id.status();
    auto comm_id = tx.org().InsertUnit({0, *inst_id, "committee", comm, "", 0});
    if (!comm_id.ok()) return comm_id.status();
    return audit_.Write(tx, actor, "org.setup", "org_unit", *comm_id,
                        fmt::format("institution={} committee={}", inst, comm));
  });
}

Result<std::int64_t> OrgStructure::AddBranch(const auth::Principal& who, const auth::Actor& actor,
                                             const UnitInput& raw) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  UnitInput in = Trimmed(raw);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    auto committee = std::find_if(units->begin(), units->end(),
                                  [](const OrgUnitRecord& u) { return u.kind == "committee"; });
    if (committee == units->end())
      return Status::Conflict(N_("Set up the party organisation first: name the institution and "
                                 "its Party Committee."));
    PROCURA_RETURN_IF_ERROR(CheckBranch(in, *units, 0));
    if (in.position == 0) {  // last in the order
      for (const auto& u : *units)
        if (u.kind == "branch") in.position = std::max(in.position, u.position + 1);
      in.position = std::min(in.position, kMaxUnitPosition);
    }
    auto inserted =
        tx.org().InsertUnit({0, committee->id, "branch", in.name, in.department, in.position});
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "org.branch.create", "org_unit", id,
                        fmt::format("name={} department={}", in.name, in.department));
  }));
  return id;
}

Status OrgStructure::UpdateUnit(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t id, const UnitInput& raw) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  const UnitInput in = Trimmed(raw);
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    auto it = std::find_if(units->begin(), units->end(),
                           [&](const OrgUnitRecord& u) { return u.id == id; });
    if (it == units->end()) return Status::NotFound(N_("There is no such unit."));
    OrgUnitRecord changed = *it;
    changed.name = in.name;
    if (it->kind == "branch") {
      PROCURA_RETURN_IF_ERROR(CheckBranch(in, *units, id));
      changed.department = in.department;
      changed.position = in.position;
    } else {
      PROCURA_RETURN_IF_ERROR(CheckName(in.name, "name"));
    }
    if (changed.name == it->name && changed.department == it->department &&
        changed.position == it->position)
      return Status::Ok();  // nothing to record
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateUnit(changed));
    return audit_.Write(tx, actor, "org.unit.update", "org_unit", id,
                        fmt::format("{} -> {}", it->name, changed.name));
  });
}

Status OrgStructure::SetPosts(const auth::Principal& who, const auth::Actor& actor,
                              std::int64_t member, const std::vector<PostTaken>& posts,
                              const std::string& today) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  for (const auto& p : posts)
    if (!IsBranchPost(p.post))
      return Status::Invalid(N_("Choose posts from the list.")).WithField("post");
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto m = tx.org().GetMember(member);
    if (!m.ok()) return m.status();
    if (!m->has_value()) return Status::NotFound(N_("There is no such member."));
    for (const auto& p : posts) PROCURA_RETURN_IF_ERROR(CheckPostDay(p, **m, today));
    const std::int64_t branch = (*m)->branch_id;
    auto held = tx.org().ListPosts();
    if (!held.ok()) return held.status();
    const bool wants_secretary =
        std::any_of(posts.begin(), posts.end(), [](const PostTaken& p) { return p.post == "secretary"; });
    std::map<std::string, std::string> since;  // the posts kept keep their day
    for (const auto& p : *held)
      if (p.member_id == member && p.unit_id == branch) since[p.post] = p.since;
    for (const auto& p : *held)
      if (wants_secretary && p.unit_id == branch && p.post == "secretary" && p.member_id != member) {
        auto holder = tx.org().GetMember(p.member_id);
        const std::string name = holder.ok() && holder->has_value() ? (*holder)->name : "";
        return Status::Invalid(N_("{name} is this branch's secretary: take the post from them "
                                  "first, on their page."),
                               {{"name", name}})
            .WithField("post");
      }
    // Those not chosen again end today; the others are given again.
    for (const auto& p : *held)
      if (p.member_id == member && p.unit_id == branch &&
          std::none_of(posts.begin(), posts.end(), [&](const PostTaken& t) { return t.post == p.post; }))
        PROCURA_RETURN_IF_ERROR(tx.org().EndPost(p, today));
    PROCURA_RETURN_IF_ERROR(tx.org().RemovePosts(member, branch));
    std::string codes;
    for (const auto& p : posts) {
      const auto kept = since.find(p.post);
      const std::string day = !p.since.empty() ? p.since : kept != since.end() ? kept->second : today;
      PROCURA_RETURN_IF_ERROR(tx.org().AddPost({member, branch, p.post, day}));
      codes += (codes.empty() ? "" : ",") + p.post + (day.empty() ? "" : "@" + day);
    }
    return audit_.Write(tx, actor, "member.posts", "member", member,
                        fmt::format("posts={}", codes.empty() ? "none" : codes));
  });
}

bool IsBranchPost(std::string_view post) {
  return std::any_of(std::begin(kBranchPosts), std::end(kBranchPosts),
                     [&](const char* known) { return post == known; });
}

Status RequireRecordsOfficer(const auth::Principal& who) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer changes the party organisation."));
  return Status::Ok();
}

}  // namespace procura::org
