// OrgStructure::Restore: a dissolved branch stands again, and the members
// its dissolution moved out may come back with it, a transfer each.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "i18n/catalogs.h"
#include "org/org_structure.h"

namespace procura::org {

namespace {

// Branch `id` among `units`, or NotFound.
Result<OrgUnitRecord> FindBranch(const std::vector<OrgUnitRecord>& units, std::int64_t id) {
  auto it = std::find_if(units.begin(), units.end(), [&](const OrgUnitRecord& u) {
    return u.id == id && u.kind == "branch";
  });
  if (it == units.end()) return Status::NotFound(N_("There is no such branch."));
  return *it;
}

// Transfers out of the branch from a day before it was dissolved, so that
// every timezone's "that day" is in: a member who left just before is
// offered too, and the records officer unticks them.
UnixSeconds CutOff(const std::string& dissolved_on) {
  return ParseLocalTime(dissolved_on, 0).value_or(0) - 86400;
}

Result<std::vector<MovedOut>> MovedOutOf(Storage& s, const OrgUnitRecord& branch,
                                         const std::vector<OrgUnitRecord>& units) {
  std::vector<MovedOut> out;
  if (!branch.dissolved()) return out;
  auto transfers = s.org().ListTransfersOutOf(branch.id);
  if (!transfers.ok()) return transfers.status();
  std::map<std::int64_t, std::int64_t> went_to;  // member → the branch of their last move out
  for (const auto& t : *transfers)
    if (t.at >= CutOff(branch.dissolved_on) && t.to_branch) went_to[t.member_id] = *t.to_branch;
  auto former = s.org().ListFormerPosts(std::nullopt);
  if (!former.ok()) return former.status();
  for (const auto& [member, to] : went_to) {
    auto m = s.org().GetMember(member);
    if (!m.ok()) return m.status();
    if (!*m || !(*m)->current() || (*m)->branch_id != to) continue;
    const bool stands = std::any_of(units.begin(), units.end(), [&](const OrgUnitRecord& u) {
      return u.id == to && u.standing_branch();
    });
    if (!stands) continue;
    MovedOut one{**m, to, {}};
    for (const auto& p : *former)
      if (p.member_id == member && p.unit_id == branch.id && p.ended_on == branch.dissolved_on)
        one.posts.push_back(p);
    out.push_back(std::move(one));
  }
  std::sort(out.begin(), out.end(), [](const MovedOut& a, const MovedOut& b) {
    if (a.member.name != b.member.name) return i18n::PinyinLess(a.member.name, b.member.name);
    return a.member.id < b.member.id;
  });
  return out;
}

// Why member `id` cannot be moved back with the branch, naming them.
Status NotMovable(Storage& tx, std::int64_t id) {
  auto m = tx.org().GetMember(id);
  if (!m.ok()) return m.status();
  if (!*m) return Status::Invalid(N_("There is no such member.")).WithField("move_back");
  return Status::Invalid(N_("{name} did not leave with the branch's dissolution, or has moved "
                            "since: move them on their own page."),
                         {{"name", (*m)->name}})
      .WithField("move_back");
}

Status CheckNote(const std::string& note) {
  if (IsValidUtf8(note) && Utf8Length(note) <= kMaxDissolveNote) return Status::Ok();
  return Status::Invalid(N_("At most {max} characters; this has {n}."),
                         {{"max", std::to_string(kMaxDissolveNote)}, {"n", std::to_string(Utf8Length(note))}})
      .WithField("note");
}

}  // namespace

Result<std::vector<MovedOut>> OrgStructure::MovedOutWith(std::int64_t id) {
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  auto branch = FindBranch(*units, id);
  if (!branch.ok()) return branch.status();
  return MovedOutOf(storage_, *branch, *units);
}

Status OrgStructure::Restore(const auth::Principal& who, const auth::Actor& actor,
                             std::int64_t id, const RestoreInput& raw) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  const std::string note = Trim(raw.note);
  PROCURA_RETURN_IF_ERROR(CheckNote(note));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    auto branch = FindBranch(*units, id);
    if (!branch.ok()) return branch.status();
    if (!branch->dissolved())
      return Status::Conflict(N_("This branch stands; there is nothing to restore."));
    const bool taken = std::any_of(units->begin(), units->end(), [&](const OrgUnitRecord& u) {
      return u.standing_branch() && u.name == branch->name;
    });
    if (taken)
      return Status::Conflict(N_("A standing branch is called {name} now: rename one of the two "
                                 "first."),
                              {{"name", branch->name}});
    auto movable = MovedOutOf(tx, *branch, *units);
    if (!movable.ok()) return movable.status();
    std::size_t moved = 0, posts = 0;
    for (std::int64_t member : raw.move_back) {
      auto it = std::find_if(movable->begin(), movable->end(),
                             [&](const MovedOut& m) { return m.member.id == member; });
      if (it == movable->end()) return NotMovable(tx, member);
      MemberRecord m = it->member;
      m.branch_id = id;
      PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(m));
      PROCURA_RETURN_IF_ERROR(
          tx.org().InsertTransfer({0, m.id, it->now_in, id, NowUnix(), who.user_id, note}));
      if (raw.give_back_posts)
        for (const auto& p : it->posts) {
          PROCURA_RETURN_IF_ERROR(tx.org().ReinstatePost(p));
          ++posts;
        }
      movable->erase(it);  // once each
      ++moved;
    }
    PROCURA_RETURN_IF_ERROR(tx.org().RestoreUnit(id));
    return audit_.Write(tx, actor, "org.branch.restore", "org_unit", id,
                        fmt::format("{}, dissolved on {}{}; members moved back: {}, posts given back: "
                                    "{}{}",
                                    branch->name, branch->dissolved_on,
                                    branch->dissolved_note.empty() ? "" : ": " + branch->dissolved_note,
                                    moved, posts, note.empty() ? "" : ": " + note));
  });
}

}  // namespace procura::org
