// BranchLifeService: access, the branch's year, and editing meetings.
#include <sodium.h>

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "branchlife/branch_life.h"
#include "core/clock.h"
#include "core/retry.h"
#include "core/fields.h"
#include "core/text.h"
#include "storage/photo_list.h"

namespace procura::branchlife {

using auth::Role;

namespace {

bool IsClockTime(const std::string& t) {
  return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
         std::isdigit(static_cast<unsigned char>(t[1])) &&
         std::isdigit(static_cast<unsigned char>(t[3])) &&
         std::isdigit(static_cast<unsigned char>(t[4])) && t.substr(0, 2) <= "23" &&
         t.substr(3, 2) <= "59";
}

// Audit detail for a meeting: "kind on day: topic".
std::string Describe(const MeetingRecord& m) {
  return fmt::format("{} on {}: {}", m.kind, m.held_on, m.topic);
}

}  // namespace

training::CheckinKey MeetingKeyFrom(const training::CheckinKey& training_key) {
  static constexpr char kContext[] = "procura meeting check-in v1";
  training::CheckinKey out;
  crypto_auth_hmacsha256(out.bytes.data(), reinterpret_cast<const unsigned char*>(kContext),
                         sizeof kContext - 1, training_key.bytes.data());
  return out;
}

Status ValidateMeeting(const MeetingRecord& m) {
  std::vector<Status> problems;
  auto add = [&](Status s) {
    if (!s.ok()) problems.push_back(std::move(s));
  };
  if (!IsMeetingKind(m.kind))
    add(Status::Invalid(N_("Choose the kind of meeting.")).WithField("kind"));
  if (!interact::IsValidDay(m.held_on))
    add(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15.")).WithField("held_on"));
  if (!IsClockTime(m.starts_at))
    add(Status::Invalid(N_("Write the time as HH:MM, e.g. 14:30.")).WithField("starts_at"));
  if (!m.ends_at.empty() && !IsClockTime(m.ends_at))
    add(Status::Invalid(N_("Write the end time as HH:MM, e.g. 16:30, or leave it empty."))
            .WithField("ends_at"));
  else if (!m.ends_at.empty() && IsClockTime(m.starts_at) && m.ends_at <= m.starts_at)
    add(Status::Invalid(N_("A meeting ends after it starts, on the same day.")).WithField("ends_at"));
  add(CheckTextField("topic", N_("Topic"), m.topic, kMaxTopic, true));
  add(CheckTextField("place", N_("Place"), m.place, kMaxShort, false));
  add(CheckTextField("host", N_("Host"), m.host, kMaxShort, false));
  add(CheckTextField("recorder", N_("Recorder"), m.recorder, kMaxShort, false));
  add(CheckTextField("minutes", N_("Minutes"), m.minutes, kMaxMinutes, false));
  add(CheckTextField("resolutions", N_("Resolutions"), m.resolutions, kMaxMinutes, false));
  if (m.kind == "group" && !m.group_id)
    add(Status::Invalid(N_("A party group meeting names its group.")).WithField("group_id"));
  if (m.kind != "group" && m.group_id)
    add(Status::Invalid(N_("Only a party group meeting names a group.")).WithField("group_id"));
  if (m.by_secretary && m.kind != "lesson")
    add(Status::Invalid(N_("Only a party lesson is given by the secretary.")).WithField("by_secretary"));
  if (problems.empty()) return Status::Ok();
  return Status::AllOf(std::move(problems));
}

Status BranchLifeService::CheckBranch(const auth::Principal& who, std::int64_t branch) {
  if (who.Has(Role::kRecordsOfficer)) return Status::Ok();
  auto own = org_.OwnBranch(who);
  if (!own.ok()) return own.status();
  if (own->has_value() && **own == branch) return Status::Ok();
  return Status::Denied(N_("You may see only your own branch's organisational life."));
}

Result<MeetingRecord> BranchLifeService::Load(Storage& s, std::int64_t id) {
  MeetingFilter f;
  f.meeting_id = id;
  auto rows = s.branch_life().ListMeetings(f);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound(N_("There is no such meeting."));
  return rows->front();
}

Result<MeetingRecord> BranchLifeService::Find(const auth::Principal& who, std::int64_t id) {
  auto m = Load(storage_, id);
  // Another branch's meeting is as absent as a missing one.
  if (!m.ok() || !CheckBranch(who, m->branch_id).ok())
    return Status::NotFound(N_("There is no such meeting."));
  return m;
}

Status BranchLifeService::CheckLinks(const MeetingRecord& m) {
  if (m.group_id) {
    auto groups = storage_.branch_life().ListGroups(m.branch_id);
    if (!groups.ok()) return groups.status();
    const bool ours = std::any_of(groups->begin(), groups->end(),
                                  [&](const auto& g) { return g.id == *m.group_id; });
    if (!ours)
      return Status::Invalid(N_("That party group is not in this branch.")).WithField("group_id");
  }
  if (m.guide_id) {
    auto g = storage_.branch_life().GetGuide(*m.guide_id);
    if (!g.ok()) return g.status();
    if (!g->has_value())
      return Status::Invalid(N_("There is no such guide.")).WithField("guide_id");
  }
  return Status::Ok();
}

Status BranchLifeService::CheckStood(const MeetingRecord& m) {
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  for (const auto& u : *units)
    if (u.id == m.branch_id && u.dissolved() && m.held_on > u.dissolved_on)
      return Status::Invalid(N_("This branch was dissolved on {day}: its meetings were held on "
                                "or before that day."),
                             {{"day", u.dissolved_on}})
          .WithField("held_on");
  return Status::Ok();
}

Result<std::vector<MemberRecord>> BranchLifeService::Expected(Storage& s, const MeetingRecord& m) {
  auto members = s.org().ListMembers(m.branch_id);
  if (!members.ok()) return members.status();
  std::set<std::int64_t> only;
  bool restrict = false;
  if (m.kind == "committee") {
    auto posts = s.org().ListPosts();
    if (!posts.ok()) return posts.status();
    for (const auto& p : *posts)
      if (p.unit_id == m.branch_id) only.insert(p.member_id);
    restrict = true;
  } else if (m.kind == "group" && m.group_id) {
    auto gm = s.branch_life().ListGroupMembers(*m.group_id);
    if (!gm.ok()) return gm.status();
    for (const auto& g : *gm) only.insert(g.member_id);
    restrict = true;
  }
  std::vector<MemberRecord> out;
  for (auto& mem : *members) {
    if (!mem.current()) continue;
    if (restrict && !only.count(mem.id)) continue;
    out.push_back(std::move(mem));
  }
  return out;
}

Result<bool> BranchHasCommittee(Storage& storage, std::int64_t branch) {
  auto members = storage.org().ListMembers(branch);
  if (!members.ok()) return members.status();
  auto posts = storage.org().ListPosts();
  if (!posts.ok()) return posts.status();
  const auto current = std::count_if(members->begin(), members->end(), [](const MemberRecord& m) {
    return m.current();
  });
  const bool on_record = std::any_of(posts->begin(), posts->end(), [&](const PostRecord& p) {
    return p.unit_id == branch && IsCommitteeMemberPost(p.post);
  });
  return HasCommittee(static_cast<std::size_t>(current), on_record);
}

Result<BranchYear> BranchLifeService::Year(const auth::Principal& who, std::int64_t branch,
                                           int year, const std::string& today) {
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  BranchYear out;
  out.year = year;
  for (const auto& u : *units)
    if (u.id == branch && u.kind == "branch") out.branch = u;
  if (out.branch.id == 0) return Status::NotFound(N_("There is no such branch."));
  auto groups = storage_.branch_life().ListGroups(branch);
  if (!groups.ok()) return groups.status();
  BranchMeetings bm;
  for (const auto& g : *groups) {
    out.groups.push_back({g.id, g.name});
    bm.group_ids.push_back(g.id);
  }
  MeetingFilter f{branch, fmt::format("{:04}-01-01", year), fmt::format("{:04}-12-31", year), {}};
  auto meetings = storage_.branch_life().ListMeetings(f);
  if (!meetings.ok()) return meetings.status();
  out.meetings = *meetings;
  bm.meetings = std::move(*meetings);
  auto has_committee = BranchHasCommittee(storage_, branch);
  if (!has_committee.ok()) return has_committee.status();
  out.has_committee = bm.has_committee = *has_committee;
  auto cal = calendar_();
  if (!cal.ok()) return cal.status();
  // A dissolved branch owes nothing more: its page is its record.
  if (!out.branch.dissolved()) out.due = DueItems(bm, year, today, *cal, offset_);
  auto plan = storage_.branch_life().GetPlan(branch, year);
  if (!plan.ok()) return plan.status();
  out.plan = *plan;
  return out;
}

Result<std::int64_t> BranchLifeService::Create(const auth::Principal& who,
                                               const auth::Actor& actor, MeetingRecord m) {
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, m.branch_id));
  PROCURA_RETURN_IF_ERROR(ValidateMeeting(m));
  PROCURA_RETURN_IF_ERROR(CheckLinks(m));
  PROCURA_RETURN_IF_ERROR(CheckStood(m));
  const UnixSeconds now = NowUnix();
  m.created_at = now;
  m.created_by = who.user_id;
  m.records_filed_at.reset();
  if (!m.minutes.empty() && m.held_on <= interact::LocalDay(now, offset_)) m.records_filed_at = now;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto made = tx.branch_life().InsertMeeting(m);
    if (!made.ok()) return made.status();
    id = *made;
    return audit_.Write(tx, actor, "meeting.create", "meeting", id, Describe(m));
  }));
  return id;
}

Status BranchLifeService::Update(const auth::Principal& who, const auth::Actor& actor,
                                 MeetingRecord m) {
  auto old = Find(who, m.id);
  if (!old.ok()) return old.status();
  // A meeting stays in its branch: moving it would hide it from its owner.
  m.branch_id = old->branch_id;
  PROCURA_RETURN_IF_ERROR(ValidateMeeting(m));
  PROCURA_RETURN_IF_ERROR(CheckLinks(m));
  PROCURA_RETURN_IF_ERROR(CheckStood(m));
  const UnixSeconds now = NowUnix();
  m.records_filed_at = old->records_filed_at;
  m.news_article_id = old->news_article_id;
  if (!m.records_filed_at && !m.minutes.empty() && m.held_on <= interact::LocalDay(now, offset_))
    m.records_filed_at = now;
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().UpdateMeeting(m));
    std::string detail = Describe(m);
    if (old->minutes != m.minutes) detail += "; minutes changed";
    if (!old->records_filed_at && m.records_filed_at) detail += "; records filed";
    return audit_.Write(tx, actor, "meeting.update", "meeting", m.id, detail);
  });
}

Status BranchLifeService::Delete(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t id) {
  auto old = Find(who, id);
  if (!old.ok()) return old.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().DeleteMeeting(id));
    return audit_.Write(tx, actor, "meeting.delete", "meeting", id, Describe(*old));
  });
}

Status BranchLifeService::LinkNews(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t id, std::int64_t article) {
  auto m = Find(who, id);
  if (!m.ok()) return m.status();
  m->news_article_id = article;
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().UpdateMeeting(*m));
    return audit_.Write(tx, actor, "meeting.news", "meeting", id,
                        fmt::format("news draft article {}", article));
  });
}

Status PhotoRoom(const MeetingRecord& m) {
  if (PhotoIds(m.photos).size() >= kMaxPhotos)
    return Status::Invalid(N_("A meeting keeps at most {n} photos."), {{"n", std::to_string(kMaxPhotos)}});
  return Status::Ok();
}

// Writes `change` of the meeting's photo list with the audit row. The
// meeting's version guards the write: when anything else saved the meeting
// first (an edit, another upload), it is read again and `change` applied
// anew, so neither write is lost.
Status BranchLifeService::ChangePhotos(const auth::Principal& who, const auth::Actor& actor,
                                       std::int64_t id, const PhotoChange& change,
                                       std::string_view action, std::int64_t media_id) {
  return RetryOnConflict([&]() -> Status {
    auto m = Find(who, id);
    if (!m.ok()) return m.status();
    auto next = change(*m);
    if (!next.ok()) return next.status();
    m->photos = std::move(*next);
    return storage_.InTransaction([&](Storage& tx) -> Status {
      PROCURA_RETURN_IF_ERROR(tx.branch_life().UpdateMeeting(*m));
      return audit_.Write(tx, actor, std::string(action), "meeting", id,
                          fmt::format("media {}", media_id));
    });
  });
}

Status BranchLifeService::AddPhoto(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t id, std::int64_t media_id) {
  return ChangePhotos(who, actor, id, [&](const MeetingRecord& m) -> Result<std::string> {
    PROCURA_RETURN_IF_ERROR(PhotoRoom(m));
    return WithPhotoAdded(m.photos, media_id);
  }, "meeting.photo", media_id);
}

Status BranchLifeService::RemovePhoto(const auth::Principal& who, const auth::Actor& actor,
                                      std::int64_t id, std::int64_t media_id) {
  return ChangePhotos(who, actor, id, [&](const MeetingRecord& m) -> Result<std::string> {
    auto kept = WithoutPhoto(m.photos, media_id);
    if (!kept) return Status::NotFound(N_("The meeting has no such photo."));
    return *kept;
  }, "meeting.photo.remove", media_id);
}

Status BranchLifeService::LeadWithPhoto(const auth::Principal& who, const auth::Actor& actor,
                                        std::int64_t id, std::int64_t media_id) {
  return ChangePhotos(who, actor, id, [&](const MeetingRecord& m) -> Result<std::string> {
    auto led = WithPhotoFirst(m.photos, media_id);
    if (!led) return Status::NotFound(N_("The meeting has no such photo."));
    return *led;
  }, "meeting.photo.lead", media_id);
}

}  // namespace procura::branchlife
