#include "training/training_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/clock.h"

namespace procura::training {

using auth::Role;

std::string NextStatus(const std::string& status) {
  static const char* kLine[] = {"planned", "enrolling", "in-progress", "completed", "archived"};
  for (int i = 0; i < 4; ++i)
    if (status == kLine[i]) return kLine[i + 1];
  return "";
}

Result<ClassRecord> TrainingService::Find(std::int64_t id) {
  auto all = storage_.training().ListClasses();
  if (!all.ok()) return all.status();
  for (auto& c : *all)
    if (c.id == id) return c;
  return Status::NotFound("no such class");
}

Result<std::vector<ClassRecord>> TrainingService::Classes(const auth::Principal& who) {
  auto all = storage_.training().ListClasses();
  if (!all.ok() || who.Has(Role::kRecordsOfficer)) return all;
  if (!who.Has(Role::kBranchSecretary))
    return Status::Denied("training records are not for your role");
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  std::vector<ClassRecord> mine;
  if (!me->has_value()) return mine;
  for (const auto& c : *all) {
    auto enrolled = storage_.training().ListEnrollments(c.id);
    if (!enrolled.ok()) return enrolled.status();
    for (const auto& e : *enrolled)
      if (e.member_id == (*me)->id && !e.withdrawn_at) mine.push_back(c);
  }
  return mine;
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
    return exists.ok() ? Status::Denied("you are not enrolled in this class") : exists.status();
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
  if (!who.Has(Role::kRecordsOfficer)) return Status::Denied("only the records officer enrolls");
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  auto posts = storage_.org().ListPosts();
  auto before = storage_.training().ListEnrollments(class_id);
  if (!posts.ok() || !before.ok()) return posts.ok() ? before.status() : posts.status();
  std::size_t active_before = 0, secretaries_not_enrolled = 0;
  for (const auto& e : *before) active_before += !e.withdrawn_at;
  for (const auto& p : *posts) {
    if (p.post != "secretary") continue;
    secretaries_not_enrolled += std::none_of(before->begin(), before->end(), [&](const auto& e) {
      return e.member_id == p.member_id && !e.withdrawn_at;
    });
  }
  PROCURA_RETURN_IF_ERROR(CheckOpenForEnrollment(*cls, secretaries_not_enrolled));
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&]() -> Status {
    for (const auto& p : *posts) {
      if (p.post != "secretary") continue;
      PROCURA_RETURN_IF_ERROR(storage_.training().Enroll(class_id, p.member_id, NowUnix()));
    }
    return Status::Ok();
  }));
  auto after = storage_.training().ListEnrollments(class_id);
  if (!after.ok()) return after.status();
  std::size_t active_after = 0;
  for (const auto& e : *after) active_after += !e.withdrawn_at;
  const int added = static_cast<int>(active_after - active_before);
  audit_.Record(actor, "training.enroll", "class", class_id,
                fmt::format("all branch secretaries: {} newly enrolled", added));
  return added;
}

Status TrainingService::Advance(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t class_id) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied("only the records officer runs classes");
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  const std::string next = NextStatus(cls->status);
  if (next.empty()) return Status::Invalid("status: an archived class stays archived");
  PROCURA_RETURN_IF_ERROR(storage_.training().UpdateClassStatus(class_id, next));
  audit_.Record(actor, "training.status", "class", class_id, cls->status + " -> " + next);
  return Status::Ok();
}

}  // namespace procura::training
