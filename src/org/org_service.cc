#include "org/org_service.h"

#include <algorithm>


#include <fmt/format.h>

#include <map>

#include "core/clock.h"
#include "core/text.h"

namespace procura::org {

using auth::Role;

std::string MaskPhone(const std::string& phone) {
  if (phone.size() == 11) return phone.substr(0, 3) + "****" + phone.substr(7);
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  return std::string(phone.size() - 4, '*') + phone.substr(phone.size() - 4);
}

Result<std::optional<std::int64_t>> OrgService::OwnBranch(const auth::Principal& who) {
  if (!who.Has(Role::kBranchSecretary)) return std::optional<std::int64_t>();
  auto m = storage_.org().MemberForUser(who.user_id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return std::optional<std::int64_t>();
  auto posts = storage_.org().ListPosts();
  if (!posts.ok()) return posts.status();
  for (const auto& p : *posts) {
    if (p.member_id == (*m)->id && p.unit_id == (*m)->branch_id && p.post == "secretary")
      return std::optional<std::int64_t>((*m)->branch_id);
  }
  return std::optional<std::int64_t>();
}

Status OrgService::CheckBranch(const auth::Principal& who, std::int64_t branch) {
  if (who.Has(Role::kRecordsOfficer)) return Status::Ok();
  auto own = OwnBranch(who);
  if (!own.ok()) return own.status();
  if (own->has_value() && **own == branch) return Status::Ok();
  return Status::Denied(N_("You may see only your own branch's members."));
}

Result<std::vector<BranchSummary>> OrgService::Branches(const auth::Principal& who) {
  std::optional<std::int64_t> only;
  if (!who.Has(Role::kRecordsOfficer)) {
    auto own = OwnBranch(who);
    if (!own.ok()) return own.status();
    if (!own->has_value())
      return Status::Denied(N_("Party records are for the records officer and branch secretaries."));
    only = **own;
  }
  auto units = storage_.org().ListUnits();
  auto members = storage_.org().ListMembers(std::nullopt);
  auto posts = storage_.org().ListPosts();
  if (!units.ok() || !members.ok() || !posts.ok())
    return !units.ok() ? units.status() : !members.ok() ? members.status() : posts.status();
  std::map<std::int64_t, std::string> names;
  for (const auto& m : *members) names[m.id] = m.name;
  std::vector<BranchSummary> out;
  for (const auto& u : *units) {
    if (!u.standing_branch() || (only && u.id != *only)) continue;
    BranchSummary b{u, 0, ""};
    for (const auto& m : *members)
      b.members += m.branch_id == u.id && m.current();
    for (const auto& p : *posts)
      if (p.unit_id == u.id && p.post == "secretary") b.secretary = names[p.member_id];
    out.push_back(std::move(b));
  }
  return out;
}

Result<std::vector<OrgUnitRecord>> OrgService::DissolvedBranches(const auth::Principal& who) {
  std::vector<OrgUnitRecord> out;
  if (!who.Has(Role::kRecordsOfficer)) return out;
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  for (auto& u : *units)
    if (u.kind == "branch" && u.dissolved()) out.push_back(std::move(u));
  std::stable_sort(out.begin(), out.end(), [](const OrgUnitRecord& a, const OrgUnitRecord& b) {
    return a.dissolved_on > b.dissolved_on;
  });
  return out;
}

Result<std::vector<MemberRecord>> OrgService::BranchMembers(const auth::Principal& who,
                                                            std::int64_t branch) {
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  auto list = storage_.org().ListMembers(branch);
  if (!list.ok()) return list.status();
  for (auto& m : *list) m.phone = MaskPhone(m.phone);
  return list;  // in pinyin order, as the storage gives them
}

Result<MemberDetail> OrgService::Member(const auth::Principal& who, const auth::Actor& actor,
                                        std::int64_t id) {
  auto m = storage_.org().GetMember(id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound(N_("There is no such member."));
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, (*m)->branch_id));
  MemberDetail d;
  d.member = **m;
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  for (const auto& u : *units) {
    d.unit_names[u.id] = u.name;
    if (u.id == d.member.branch_id) d.branch_name = u.name;
  }
  auto posts = storage_.org().ListPosts();
  if (!posts.ok()) return posts.status();
  for (const auto& p : *posts)
    if (p.member_id == id) {
      d.posts.push_back(p.post);
      d.post_since[p.post] = p.since;
    }
  auto transfers = storage_.org().ListTransfers(id);
  if (!transfers.ok()) return transfers.status();
  auto former = storage_.org().ListFormerPosts(id);
  if (!former.ok()) return former.status();
  d.former_posts = std::move(former).value();
  d.transfers = std::move(transfers).value();
  audit_.Record(actor, "member.view", "member", id, "personal data viewed");
  return d;
}

Status EndPostsIn(Storage& tx, std::int64_t member, std::int64_t unit, const std::string& day) {
  auto posts = tx.org().ListPosts();
  if (!posts.ok()) return posts.status();
  for (const auto& p : *posts)
    if (p.member_id == member && p.unit_id == unit) PROCURA_RETURN_IF_ERROR(tx.org().EndPost(p, day));
  return Status::Ok();
}

Status OrgService::Transfer(const auth::Principal& who, const auth::Actor& actor,
                            std::int64_t member, std::int64_t to_branch, const std::string& note,
                            const std::string& today) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer transfers members."));
  if (!IsValidUtf8(note) || Utf8Length(note) > 200)
    return Status::Invalid(N_("The note is too long: at most 200 characters."));
  auto m = storage_.org().GetMember(member);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound("no such member");
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  bool branch_ok = false;
  std::string from_name, to_name;
  for (const auto& u : *units) {
    branch_ok |= u.id == to_branch && u.standing_branch();
    if (u.id == to_branch) to_name = u.name;
    if (u.id == (*m)->branch_id) from_name = u.name;
  }
  if (!branch_ok) return Status::Invalid(N_("Choose an existing party branch."));
  if ((*m)->branch_id == to_branch) return Status::Invalid(N_("The member is already in that branch."));
  MemberRecord moved = **m;
  const std::int64_t from = moved.branch_id;
  moved.branch_id = to_branch;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(moved));
    // Posts belong to the branch: leaving it ends them (and the access a
    // secretary post gives); they are kept among the former posts.
    PROCURA_RETURN_IF_ERROR(EndPostsIn(tx, member, from, today));
    PROCURA_RETURN_IF_ERROR(tx.org().InsertTransfer(
        {0, member, from, to_branch, NowUnix(), who.user_id, note}));
    return audit_.Write(tx, actor, "member.transfer", "member", member,
                        note.empty() ? fmt::format("from {} to {}", from_name, to_name)
                                    : fmt::format("from {} to {}: {}", from_name, to_name, note));
  }));
  return Status::Ok();
}

}  // namespace procura::org
