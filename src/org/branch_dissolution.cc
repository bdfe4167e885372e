// OrgStructure::Dissolve: a branch dissolved (撤销) or merged into another.
// Its people move first, each with a transfer on record, then the branch
// is marked dissolved and kept: its meetings, plans and former members
// still name it.
#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"
#include "org/org_service.h"
#include "org/org_structure.h"

namespace procura::org {

namespace {

// The fields alone, before anything is read.
Status CheckInput(const DissolveInput& in, const std::string& today) {
  std::vector<Status> problems;
  if (!IsIsoDate(in.day))
    problems.push_back(
        Status::Invalid(N_("Give the date as YYYY-MM-DD, for example 2026-03-31.")).WithField("day"));
  else if (in.day > today)
    problems.push_back(Status::Invalid(N_("A branch is dissolved today or on a day gone by, not "
                                          "ahead of time."))
                           .WithField("day"));
  if (!IsValidUtf8(in.note) || Utf8Length(in.note) > kMaxDissolveNote)
    problems.push_back(Status::Invalid(N_("At most {max} characters; this has {n}."),
                                       {{"max", std::to_string(kMaxDissolveNote)},
                                        {"n", std::to_string(Utf8Length(in.note))}})
                           .WithField("note"));
  return problems.empty() ? Status::Ok() : Status::AllOf(std::move(problems));
}

// The branch that takes the people: another branch that stands.
Status CheckTarget(const DissolveInput& in, const std::vector<OrgUnitRecord>& units,
                   std::int64_t self, std::size_t people) {
  if (!in.move_to) {
    if (people == 0) return Status::Ok();
    return Status::Invalid(N_("Members or applicants remain in the branch ({n}): choose the "
                              "branch they move to."),
                           {{"n", std::to_string(people)}})
        .WithField("move_to");
  }
  const bool standing = std::any_of(units.begin(), units.end(), [&](const OrgUnitRecord& u) {
    return u.id == *in.move_to && u.id != self && u.standing_branch();
  });
  if (!standing)
    return Status::Invalid(N_("Choose another branch that stands.")).WithField("move_to");
  return Status::Ok();
}

// The branch's meetings after the day that were only planned (no
// minutes, no attendance): cancelled with the branch. A meeting on record
// after the day means the branch still met, so the day is wrong: Invalid.
Result<std::vector<MeetingRecord>> PlannedAfter(Storage& tx, std::int64_t branch,
                                                const std::string& day) {
  MeetingFilter f;
  f.branch_id = branch;
  f.from_day = day;
  auto meetings = tx.branch_life().ListMeetings(f);
  auto marks = tx.branch_life().ListMeetingMarks(f);
  if (!meetings.ok()) return meetings.status();
  if (!marks.ok()) return marks.status();
  std::vector<MeetingRecord> planned;
  std::size_t held = 0;
  std::string first;
  for (auto& m : *meetings) {
    if (m.held_on <= day) continue;
    const bool marked = std::any_of(marks->begin(), marks->end(),
                                    [&](const MeetingMarkRecord& k) { return k.meeting_id == m.id; });
    if (m.minutes.empty() && !m.records_filed_at && !marked) {
      planned.push_back(std::move(m));
      continue;
    }
    ++held;
    if (first.empty() || m.held_on < first) first = m.held_on;
  }
  if (held == 0) return planned;
  return Status::Invalid(N_("The branch has meetings on record after that day (the first on "
                            "{first}): it stood until then, so dissolve it on a later day."),
                         {{"first", first}})
      .WithField("day");
}

}  // namespace

Result<DissolveOutcome> OrgStructure::Dissolve(const auth::Principal& who,
                                               const auth::Actor& actor, std::int64_t id,
                                               const DissolveInput& raw,
                                               const std::string& today) {
  PROCURA_RETURN_IF_ERROR(RequireRecordsOfficer(who));
  DissolveInput in = raw;
  in.day = Trim(in.day);
  in.note = Trim(in.note);
  PROCURA_RETURN_IF_ERROR(CheckInput(in, today));
  DissolveOutcome out;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    auto it = std::find_if(units->begin(), units->end(), [&](const OrgUnitRecord& u) {
      return u.id == id && u.kind == "branch";
    });
    if (it == units->end()) return Status::NotFound(N_("There is no such branch."));
    if (it->dissolved())
      return Status::Conflict(N_("This branch was dissolved on {day}."), {{"day", it->dissolved_on}});
    auto members = tx.org().ListMembers(id);
    auto applicants = tx.org().ListApplicants(id);
    if (!members.ok()) return members.status();
    if (!applicants.ok()) return applicants.status();
    std::erase_if(*members, [](const MemberRecord& m) { return !m.current(); });
    std::erase_if(*applicants, [](const ApplicantRecord& a) {
      return !a.admitted_on.empty() || !a.stopped_on.empty();
    });
    PROCURA_RETURN_IF_ERROR(CheckTarget(in, *units, id, members->size() + applicants->size()));
    auto planned = PlannedAfter(tx, id, in.day);
    if (!planned.ok()) return planned.status();
    for (const auto& m : *planned) {
      PROCURA_RETURN_IF_ERROR(tx.branch_life().DeleteMeeting(m.id));
      PROCURA_RETURN_IF_ERROR(audit_.Write(tx, actor, "meeting.delete", "meeting", m.id,
                                           fmt::format("{} {}: cancelled, the branch dissolved",
                                                       m.held_on, m.topic)));
    }
    for (auto m : *members) {
      m.branch_id = *in.move_to;
      PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(m));
      PROCURA_RETURN_IF_ERROR(EndPostsIn(tx, m.id, id, in.day));
      PROCURA_RETURN_IF_ERROR(
          tx.org().InsertTransfer({0, m.id, id, *in.move_to, NowUnix(), who.user_id, in.note}));
    }
    for (auto a : *applicants) {
      a.branch_id = *in.move_to;
      PROCURA_RETURN_IF_ERROR(tx.org().UpdateApplicant(a));
    }
    PROCURA_RETURN_IF_ERROR(tx.org().DissolveUnit(id, in.day, in.note));
    out = {members->size(), applicants->size(), planned->size()};
    return audit_.Write(tx, actor, "org.branch.dissolve", "org_unit", id,
                        fmt::format("{} on {}; {} members and {} applicants moved to #{}, {} "
                                    "planned meetings cancelled{}",
                                    it->name, in.day, out.members_moved, out.applicants_moved,
                                    in.move_to.value_or(0), out.meetings_cancelled,
                                    in.note.empty() ? "" : ": " + in.note));
  }));
  return out;
}

}  // namespace procura::org
