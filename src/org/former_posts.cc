// OrgStructure: former branch committee posts recorded afterwards (补录),
// and deleting one recorded by mistake. Posts that end in procura are
// kept by EndPost; these are the ones that ended before, on paper.
#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"
#include "org/org_structure.h"

namespace procura::org {

namespace {

// Every problem with `in` for `member`, by field.
Status CheckFormerPost(Storage& s, const FormerPostInput& in, const MemberRecord& member,
                       const std::string& today) {
  std::vector<Status> problems;
  if (!IsBranchPost(in.post))
    problems.push_back(Status::Invalid(N_("Choose a post from the list.")).WithField("post"));
  auto units = s.org().ListUnits();
  if (!units.ok()) return units.status();
  if (!in.unit || std::none_of(units->begin(), units->end(), [&](const OrgUnitRecord& u) {
        return u.id == *in.unit && u.kind == "branch";
      }))
    problems.push_back(Status::Invalid(N_("Choose the branch from the list.")).WithField("unit"));
  if (!in.since.empty() && !IsIsoDate(in.since))
    problems.push_back(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15."))
                           .WithField("since"));
  else if (!in.since.empty() && !member.joined_date.empty() && in.since < member.joined_date)
    problems.push_back(Status::Invalid(N_("A post is taken after joining the Party ({day})."),
                                       {{"day", member.joined_date}})
                           .WithField("since"));
  if (!IsIsoDate(in.until))
    problems.push_back(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15."))
                           .WithField("until"));
  else if (in.until > today)
    problems.push_back(Status::Invalid(N_("A post held before ended today or earlier; a post "
                                          "held now is given with the posts above."))
                           .WithField("until"));
  else if (IsIsoDate(in.since) && in.until < in.since)
    problems.push_back(
        Status::Invalid(N_("The post ended before it was taken.")).WithField("until"));
  return problems.empty() ? Status::Ok() : Status::AllOf(std::move(problems));
}

std::string Describe(const FormerPostRecord& p) {
  return fmt::format("{} in unit {}: {} to {}", p.post, p.unit_id,
                     p.since.empty() ? "?" : p.since, p.ended_on);
}

}  // namespace

Result<std::int64_t> OrgStructure::AddFormerPost(const auth::Principal& who,
                                                 const auth::Actor& actor, std::int64_t member,
                                                 const FormerPostInput& raw,
                                                 const std::string& today) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  FormerPostInput in = raw;
  in.since = Trim(in.since);
  in.until = Trim(in.until);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto m = tx.org().GetMember(member);
    if (!m.ok()) return m.status();
    if (!m->has_value()) return Status::NotFound(N_("There is no such member."));
    PROCURA_RETURN_IF_ERROR(CheckFormerPost(tx, in, **m, today));
    const FormerPostRecord p{member, *in.unit, in.post, in.since, in.until};
    auto kept = tx.org().ListFormerPosts(member);
    if (!kept.ok()) return kept.status();
    if (std::any_of(kept->begin(), kept->end(), [&](const FormerPostRecord& k) {
          return k.unit_id == p.unit_id && k.post == p.post && k.ended_on == p.ended_on;
        }))
      return Status::Conflict(N_("This post, in this branch, ending on {day}, is on record "
                                 "already."),
                              {{"day", p.ended_on}});
    auto made = tx.org().InsertFormerPost(p);
    if (!made.ok()) return made.status();
    id = *made;
    return audit_.Write(tx, actor, "member.former-post", "member", member,
                        "added: " + Describe(p));
  }));
  return id;
}

Status OrgStructure::DeleteFormerPost(const auth::Principal& who, const auth::Actor& actor,
                                      std::int64_t member, std::int64_t id) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto kept = tx.org().ListFormerPosts(member);
    if (!kept.ok()) return kept.status();
    auto it = std::find_if(kept->begin(), kept->end(),
                           [&](const FormerPostRecord& k) { return k.id == id; });
    if (it == kept->end()) return Status::NotFound(N_("There is no such former post."));
    PROCURA_RETURN_IF_ERROR(tx.org().DeleteFormerPost(id));
    return audit_.Write(tx, actor, "member.former-post", "member", member,
                        "deleted: " + Describe(*it));
  });
}

}  // namespace procura::org
