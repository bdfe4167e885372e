#include "training/training_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "training/attendance.h"

namespace procura::training {

using auth::Role;

std::string NextStatus(const std::string& status) {
  static const char* kLine[] = {"planned", "enrolling", "in-progress", "completed", "archived"};
  for (int i = 0; i < 4; ++i)
    if (status == kLine[i]) return kLine[i + 1];
  return "";
}

Result<ClassRecord> TrainingService::Find(std::int64_t id) {
  auto c = storage_.training().GetClass(id);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::NotFound(N_("There is no such class."));
  return **c;
}

Result<std::vector<ClassRecord>> TrainingService::Classes(const auth::Principal& who) {
  auto all = storage_.training().ListClasses();
  if (!all.ok() || who.Has(Role::kRecordsOfficer)) return all;
  if (!who.Has(Role::kBranchSecretary) && !who.Has(Role::kMember))
    return Status::Denied(N_("Training records are not for your role."));
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  std::vector<ClassRecord> mine;
  if (!me->has_value()) return mine;
  for (const auto& c : *all) {
    auto enrolled = storage_.training().ListEnrollments(c.id);
    if (!enrolled.ok()) return enrolled.status();
    if (IsActivelyEnrolled(*enrolled, (*me)->id)) mine.push_back(c);
  }
  return mine;
}

Result<std::vector<SessionAhead>> TrainingService::MySessionsAhead(const auth::Principal& who,
                                                                  UnixSeconds now) {
  std::vector<SessionAhead> out;
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value()) return out;
  auto all = storage_.training().ListClasses();
  if (!all.ok()) return all.status();
  for (const auto& c : *all) {
    if (IsOver(c)) continue;
    auto enrolled = storage_.training().ListEnrollments(c.id);
    if (!enrolled.ok()) return enrolled.status();
    if (!IsActivelyEnrolled(*enrolled, (*me)->id)) continue;
    auto sessions = storage_.training().ListSessions(c.id);
    if (!sessions.ok()) return sessions.status();
    for (const auto& s : *sessions)
      if (auto start = ParseSessionStart(s.starts_at, offset_); start && *start > now)
        out.push_back({c, s, *start, s.venue.empty() ? c.venue : s.venue});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SessionAhead& a, const SessionAhead& b) { return a.start < b.start; });
  return out;
}

Result<ClassDetail> TrainingService::Detail(const auth::Principal& who, std::int64_t id) {
  auto visible = Classes(who);
  if (!visible.ok()) return visible.status();
  ClassDetail d;
  bool found = false;
  for (const auto& c : *visible)
    if (c.id == id) d.cls = c, found = true;
  if (!found) {
    auto exists = Find(id);
    return exists.ok() ? Status::Denied(N_("You are not enrolled in this class.")) : exists.status();
  }
  std::map<std::int64_t, std::string> units, members;
  for (const auto& u : storage_.org().ListUnits().value()) units[u.id] = u.name;
  for (const auto& m : storage_.org().ListMembers(std::nullopt).value()) members[m.id] = m.name;
  auto sessions = storage_.training().ListSessions(id);
  if (!sessions.ok()) return sessions.status();
  for (const auto& s : *sessions) {
    d.total_hours += s.hours;
    d.sessions.push_back({s, s.presenting_branch_id ? units[*s.presenting_branch_id] : "",
                          s.speaker_member_id ? members[*s.speaker_member_id] : ""});
  }
  auto enrolled = storage_.training().ListEnrollments(id);
  if (!enrolled.ok()) return enrolled.status();
  for (const auto& e : *enrolled) (e.withdrawn_at ? d.withdrawn : d.enrolled)++;
  return d;
}

Result<int> TrainingService::EnrollAllSecretaries(const auth::Principal& who,
                                                  const auth::Actor& actor, std::int64_t class_id) {
  if (!who.Has(Role::kRecordsOfficer)) return Status::Denied(N_("Only the records officer enrolls members."));
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  std::set<std::int64_t> to_enroll;  // secretaries not enrolled now
  // Read, checked against the capacity and written in one transaction.
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto posts = tx.org().ListPosts();
    auto before = tx.training().ListEnrollments(class_id);
    if (!posts.ok() || !before.ok()) return posts.ok() ? before.status() : posts.status();
    for (const auto& p : *posts)
      if (p.post == "secretary" && !IsActivelyEnrolled(*before, p.member_id))
        to_enroll.insert(p.member_id);
    PROCURA_RETURN_IF_ERROR(CheckOpenForEnrollment(tx, *cls, to_enroll.size()));
    for (std::int64_t member : to_enroll)
      PROCURA_RETURN_IF_ERROR(tx.training().Enroll(class_id, member, NowUnix()));
    return audit_.Write(tx, actor, "training.enroll", "class", class_id,
                        fmt::format("all branch secretaries: {} newly enrolled", to_enroll.size()));
  }));
  return static_cast<int>(to_enroll.size());
}

Status TrainingService::AllSessionsHeld(std::int64_t class_id) {
  auto sessions = storage_.training().ListSessions(class_id);
  if (!sessions.ok()) return sessions.status();
  const UnixSeconds now = NowUnix();
  for (const SessionRow& s : *sessions) {
    const auto starts = ParseSessionStart(s.starts_at, offset_);
    if (starts && *starts > now)
      return Status::Invalid(
          N_("The session {topic} on {starts} has not been held yet. Complete the "
             "class after its last session, or move or delete that session first."),
          {{"topic", s.topic}, {"starts", s.starts_at}});
  }
  return Status::Ok();
}

Status TrainingService::Advance(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t class_id) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer runs classes."));
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  const std::string next = NextStatus(cls->status);
  if (next.empty()) return Status::Invalid(N_("An archived class stays archived."));
  if (next == "completed") PROCURA_RETURN_IF_ERROR(AllSessionsHeld(class_id));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.training().UpdateClassStatus(class_id, next));
    return audit_.Write(tx, actor, "training.status", "class", class_id, cls->status + " -> " + next);
  });
}

}  // namespace procura::training
