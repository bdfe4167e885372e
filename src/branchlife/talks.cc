#include "branchlife/talks.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/fields.h"
#include "core/status.h"
#include "interact/work_calendar.h"

namespace procura::branchlife {
namespace {

// Ok, or Invalid naming each bad field. `was` is the talk being edited:
// its two members may be chosen again though they have left the branch.
Status Validate(const TalkInput& in, const std::vector<MemberRecord>& members, const std::string& today,
                const TalkRecord* was = nullptr) {
  std::vector<Status> problems;
  if (!interact::IsValidDay(in.held_on))
    problems.push_back(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15.")).WithField("held_on"));
  else if (in.held_on > today)
    problems.push_back(Status::Invalid(N_("A talk is recorded once it has been held: the date is after today."))
                           .WithField("held_on"));
  const auto ours = [&](std::int64_t id) {
    if (was && (id == was->talker_id || id == was->member_id)) return true;
    return std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.id == id && m.current(); });
  };
  if (!ours(in.talker_id))
    problems.push_back(Status::Invalid(N_("Choose a member of this branch.")).WithField("talker_id"));
  if (!ours(in.member_id))
    problems.push_back(Status::Invalid(N_("Choose a member of this branch.")).WithField("member_id"));
  else if (in.member_id == in.talker_id)
    problems.push_back(Status::Invalid(N_("A talk is between two different members.")).WithField("member_id"));
  if (Status s = CheckTextField("summary", N_("Main points"), in.summary, kMaxTalkSummary, true); !s.ok())
    problems.push_back(std::move(s));
  return Status::AllOf(std::move(problems));
}

}  // namespace

std::int64_t SecretaryOf(std::int64_t branch, const std::vector<PostRecord>& posts) {
  const auto it = std::find_if(posts.begin(), posts.end(),
                               [&](const auto& p) { return p.unit_id == branch && p.post == "secretary"; });
  return it == posts.end() ? 0 : it->member_id;
}

std::string JoinNames(const std::vector<MemberRecord>& members) {
  std::string out;
  for (const auto& m : members) out += (out.empty() ? "" : "、") + m.name;
  return out;
}

std::vector<MemberRecord> NotYetTalked(std::int64_t secretary_id, const std::vector<MemberRecord>& members,
                                       const std::vector<TalkRecord>& talks) {
  std::set<std::int64_t> talked;
  for (const auto& t : talks) {
    if (t.talker_id == secretary_id) talked.insert(t.member_id);
    if (t.member_id == secretary_id) talked.insert(t.talker_id);
  }
  std::vector<MemberRecord> out;
  for (const auto& m : members)
    if (m.current() && m.id != secretary_id && !talked.count(m.id)) out.push_back(m);
  return out;
}

MemberPairs CommitteePairsNotYetTalked(std::int64_t branch, const std::vector<PostRecord>& posts,
                                       const std::vector<MemberRecord>& members,
                                       const std::vector<TalkRecord>& talks) {
  const std::int64_t secretary = SecretaryOf(branch, posts);
  std::set<std::int64_t> committee;
  for (const auto& p : posts)
    if (p.unit_id == branch && p.member_id != secretary) committee.insert(p.member_id);
  std::set<std::pair<std::int64_t, std::int64_t>> talked;
  for (const auto& t : talks) talked.insert(std::minmax(t.talker_id, t.member_id));
  std::vector<const MemberRecord*> them;
  for (const auto& m : members)
    if (m.current() && committee.count(m.id)) them.push_back(&m);
  MemberPairs out;
  for (std::size_t i = 0; i < them.size(); ++i)
    for (std::size_t j = i + 1; j < them.size(); ++j)
      if (!talked.count(std::minmax(them[i]->id, them[j]->id))) out.emplace_back(*them[i], *them[j]);
  return out;
}

std::string JoinPairs(const MemberPairs& pairs, std::string_view pattern) {
  std::string out;
  for (const auto& [a, b] : pairs)
    out += (out.empty() ? "" : "、") + FillPlaceholders(std::string(pattern), {{"a", a.name}, {"b", b.name}});
  return out;
}

Result<BranchTalks> TalkService::Year(const auth::Principal& who, std::int64_t branch, int year) {
  PROCURA_RETURN_IF_ERROR(life_.CheckBranch(who, branch));
  auto members = storage_.org().ListMembers(branch);
  auto posts = storage_.org().ListPosts();
  auto talks = storage_.branch_life().ListTalks(branch, fmt::format("{:04}-01-01", year),
                                                fmt::format("{:04}-12-31", year));
  if (!members.ok()) return members.status();
  if (!posts.ok()) return posts.status();
  if (!talks.ok()) return talks.status();
  BranchTalks out;
  std::map<std::int64_t, std::string> names;
  for (const auto& m : *members) {  // in pinyin order
    names[m.id] = m.name;
    if (m.current()) out.members.push_back(m);
  }
  if (const std::int64_t sec = SecretaryOf(branch, *posts); names.count(sec)) {
    out.secretary = names[sec];
    out.secretary_id = sec;
  }
  for (const auto& t : *talks) out.talks.push_back({t, names[t.talker_id], names[t.member_id]});
  if (out.secretary_id) out.not_yet = NotYetTalked(out.secretary_id, out.members, *talks);
  out.committee_not_yet = CommitteePairsNotYetTalked(branch, *posts, out.members, *talks);
  return out;
}

Result<std::int64_t> TalkService::Record(const auth::Principal& who, const auth::Actor& actor,
                                         const TalkInput& in, UnixSeconds now) {
  PROCURA_RETURN_IF_ERROR(life_.CheckBranch(who, in.branch_id));
  auto members = storage_.org().ListMembers(in.branch_id);
  if (!members.ok()) return members.status();
  PROCURA_RETURN_IF_ERROR(Validate(in, *members, interact::LocalDay(now, life_.utc_offset())));
  std::int64_t id = 0;
  Status s = storage_.InTransaction([&](Storage& tx) -> Status {
    auto made = tx.branch_life().InsertTalk(
        {0, in.branch_id, in.held_on, in.talker_id, in.member_id, in.summary, who.user_id, now});
    if (!made.ok()) return made.status();
    id = *made;
    return audit_.Write(tx, actor, "talk.record", "branch", in.branch_id, in.held_on);
  });
  if (!s.ok()) return s;
  return id;
}

Result<TalkRecord> TalkService::Find(const auth::Principal& who, std::int64_t id) {
  auto t = storage_.branch_life().GetTalk(id);
  if (!t.ok()) return t.status();
  if (!t->has_value() || !life_.CheckBranch(who, (*t)->branch_id).ok())
    return Status::NotFound(N_("There is no such talk record."));
  return **t;
}

Status TalkService::Update(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                           const TalkInput& in, UnixSeconds now) {
  auto t = Find(who, id);
  if (!t.ok()) return t.status();
  auto members = storage_.org().ListMembers(t->branch_id);
  if (!members.ok()) return members.status();
  PROCURA_RETURN_IF_ERROR(Validate(in, *members, interact::LocalDay(now, life_.utc_offset()), &*t));
  TalkRecord edited = *t;
  edited.held_on = in.held_on;
  edited.talker_id = in.talker_id;
  edited.member_id = in.member_id;
  edited.summary = in.summary;
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().UpdateTalk(edited));
    return audit_.Write(tx, actor, "talk.edit", "branch", t->branch_id, in.held_on);
  });
}

Status TalkService::Delete(const auth::Principal& who, const auth::Actor& actor, std::int64_t id) {
  auto t = Find(who, id);
  if (!t.ok()) return t.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().DeleteTalk(id));
    return audit_.Write(tx, actor, "talk.delete", "branch", t->branch_id, t->held_on);
  });
}

}  // namespace procura::branchlife
