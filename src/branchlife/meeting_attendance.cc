// BranchLifeService: one meeting's full view, its attendance, and QR
// check-in with the training scheme's rotating codes (under a key of the
// meetings' own).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "branchlife/branch_life.h"
#include "core/clock.h"
#include "core/text.h"
#include "storage/photo_list.h"

namespace procura::branchlife {

Result<MeetingView> BranchLifeService::View(const auth::Principal& who, const auth::Actor& actor,
                                            std::int64_t id) {
  auto m = Find(who, id);
  if (!m.ok()) return m.status();
  auto v = Build(*m);
  if (!v.ok()) return v.status();
  // Minutes and reviews are personal data: who read them is recorded.
  PROCURA_RETURN_IF_ERROR(audit_.RecordChecked(actor, "meeting.view", "meeting", id, m->kind));
  return v;
}

Result<YearRecord> BranchLifeService::Record(const auth::Principal& who, const auth::Actor& actor,
                                             std::int64_t branch, int year,
                                             const std::string& today,
                                             const std::string& purpose) {
  auto y = Year(who, branch, year, today);
  if (!y.ok()) return y.status();
  YearRecord out;
  for (const auto& m : y->meetings) {
    if (m.held_on > today) continue;
    auto v = Build(m);
    if (!v.ok()) return v.status();
    out.meetings.push_back(std::move(*v));
  }
  auto members = storage_.org().ListMembers(branch);
  auto rated = storage_.branch_life().ListAppraisals(year, branch);
  if (!members.ok() || !rated.ok()) return members.ok() ? rated.status() : members.status();
  std::map<std::int64_t, std::string> by_member;
  for (const auto& a : *rated) by_member[a.member_id] = a.rating;
  for (const auto& m : *members)
    if (by_member.count(m.id)) out.appraisal.push_back({m, by_member[m.id]});
  out.year = std::move(*y);
  PROCURA_RETURN_IF_ERROR(audit_.RecordChecked(actor, "branch.record", "branch", branch,
                                               fmt::format("{} {}", year, purpose)));
  return out;
}

Result<MeetingView> BranchLifeService::Build(const MeetingRecord& meeting) {
  const MeetingRecord* m = &meeting;
  const std::int64_t id = meeting.id;
  MeetingView v;
  v.meeting = meeting;
  auto units = storage_.org().ListUnits();
  auto groups = storage_.branch_life().ListGroups(m->branch_id);
  auto expected = Expected(storage_, *m);
  auto marks = storage_.branch_life().ListMeetingMarks(MeetingFilter{{}, "", "", id});
  auto reviews = storage_.branch_life().ListMemberReviews(id);
  auto all = storage_.org().ListMembers(m->branch_id);
  if (!units.ok() || !groups.ok() || !expected.ok() || !marks.ok() || !reviews.ok() || !all.ok())
    return Status::Internal("meeting: the records could not be read");
  for (const auto& u : *units)
    if (u.id == m->branch_id) v.branch_name = u.name;
  for (const auto& g : *groups)
    if (m->group_id == g.id) v.group_name = g.name;
  std::map<std::int64_t, MeetingMarkRecord> by_member;
  for (const auto& k : *marks) by_member[k.member_id] = k;
  for (const auto& mem : *expected) {
    AttendeeLine line{mem, std::nullopt, true};
    if (auto it = by_member.find(mem.id); it != by_member.end()) {
      line.mark = it->second;
      by_member.erase(it);
    }
    v.tally.Add(line.mark ? line.mark->mark : "");
    v.lines.push_back(std::move(line));
  }
  for (const auto& mem : *all)  // marked once, no longer expected (moved group, left)
    if (auto it = by_member.find(mem.id); it != by_member.end())
      v.lines.push_back({mem, it->second, false});
  v.expected = expected->size();
  v.quorum_required = NeedsQuorum(m->kind);
  v.quorum = HasQuorum(v.tally.attended(), v.expected);
  auto cal = calendar_();
  if (!cal.ok()) return cal.status();
  v.records_due = RecordsDeadline(*cal, m->held_on);
  v.records = RecordsStateOf(*m, v.records_due, interact::LocalDay(NowUnix(), offset_), offset_);
  if (m->guide_id) {
    auto g = storage_.branch_life().GetGuide(*m->guide_id);
    if (g.ok()) v.guide = *g;
  }
  v.reviews = std::move(*reviews);
  v.photos = PhotoIds(m->photos);
  return v;
}

Result<std::size_t> BranchLifeService::SaveMarks(const auth::Principal& who,
                                                 const auth::Actor& actor, std::int64_t id,
                                                 const std::vector<training::MarkChange>& rows) {
  auto m = Find(who, id);
  if (!m.ok()) return m.status();
  auto expected = Expected(storage_, *m);
  auto marks = storage_.branch_life().ListMeetingMarks(MeetingFilter{{}, "", "", id});
  if (!expected.ok() || !marks.ok()) return expected.ok() ? marks.status() : expected.status();
  std::map<std::int64_t, std::string> before;
  for (const auto& k : *marks) before[k.member_id] = k.mark;
  std::vector<Status> problems;
  std::vector<training::MarkChange> changes;
  for (const auto& row : rows) {
    if (row.mark.empty()) continue;
    const bool ours = std::any_of(expected->begin(), expected->end(),
                                  [&](const MemberRecord& e) { return e.id == row.member; });
    if (!ours && !before.count(row.member)) {
      problems.push_back(Status::Invalid(N_("This member is not expected at this meeting."))
                             .WithField(fmt::format("mark-{}", row.member)));
      continue;
    }
    if (!training::IsValidMark(row.mark)) {
      problems.push_back(Status::Invalid(N_("Choose present, late, excused leave or absent."))
                             .WithField(fmt::format("mark-{}", row.member)));
    } else if (row.mark == "excused" && row.reason.empty()) {
      problems.push_back(Status::Invalid(N_("Excused leave needs a reason. Write it in the reason box."))
                             .WithField(fmt::format("reason-{}", row.member)));
    } else if (row.reason.size() > 500) {
      problems.push_back(Status::Invalid(N_("The reason is too long: at most 500 bytes."))
                             .WithField(fmt::format("reason-{}", row.member)));
    } else if (before[row.member] != row.mark || row.mark == "excused") {
      changes.push_back(row);
    }
  }
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  const UnixSeconds now = NowUnix();
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    for (const auto& row : changes) {
      const std::string reason = row.mark == "excused" ? row.reason : "";
      PROCURA_RETURN_IF_ERROR(tx.branch_life().SetMeetingMark(
          {id, row.member, row.mark, reason, "manual", now, who.user_id}));
      const std::string was = before[row.member].empty() ? "unmarked" : before[row.member];
      PROCURA_RETURN_IF_ERROR(audit_.Write(tx, actor, "meeting.mark", "meeting", id,
                                           fmt::format("member {}: {} -> {}", row.member, was,
                                                       row.mark)));
    }
    return Status::Ok();
  }));
  return changes.size();
}

Result<MeetingProjector> BranchLifeService::Projector(const auth::Principal& who, std::int64_t id,
                                                      UnixSeconds now) {
  auto m = Find(who, id);
  if (!m.ok()) return m.status();
  auto start = MeetingStart(*m, offset_);
  if (!start) return Status::Invalid(N_("The meeting's date and time are not valid."));
  MeetingProjector p{*m};
  const UnixSeconds closes = CheckinCloses(*m, offset_).value_or(*start);
  if (now > closes) {
    p.closed = N_("Check-in closed at {time}.");
    p.closed_args = {{"time", FormatClockTime(closes, offset_)}};
  } else {
    p.token = training::MakeCheckinToken(key_, id, training::SlotAt(now));
    p.token_expires = (training::SlotAt(now) + 1) * training::kTokenPeriodSeconds;
  }
  auto expected = Expected(storage_, *m);
  auto marks = storage_.branch_life().ListMeetingMarks(MeetingFilter{{}, "", "", id});
  if (!expected.ok() || !marks.ok()) return expected.ok() ? marks.status() : expected.status();
  p.expected = expected->size();
  for (const auto& k : *marks) p.checked_in += training::Attended(k.mark);
  return p;
}

Result<MeetingRecord> BranchLifeService::Invitation(std::string_view token) {
  auto claims = training::VerifyCheckinToken(key_, token);
  if (!claims.ok()) return claims.status();
  return Load(storage_, claims->session);
}

Result<MeetingCheckin> BranchLifeService::CheckIn(const auth::Principal& who,
                                                  const auth::Actor& actor, std::int64_t id,
                                                  std::string_view token, UnixSeconds now) {
  auto claims = training::VerifyCheckinToken(key_, token);
  if (!claims.ok()) return claims.status();
  if (claims->session != id)
    return Status::Invalid(N_("This code belongs to another meeting. Scan the code on this room's screen."));
  if (claims->slot > training::SlotAt(now) + 1)
    return Status::Invalid(N_("This check-in code is not valid. Scan the code on the screen."));
  if (training::SlotAt(now) - claims->slot > training::kTokenGracePeriods)
    return Status::Invalid(N_("This code has expired. Scan the code on the screen again."));
  auto m = Load(storage_, id);
  if (!m.ok()) return m.status();
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value())
    return Status::Denied(N_("Your account is not linked to a party member record. Ask your "
                             "branch secretary to mark your attendance."));
  auto expected = Expected(storage_, *m);
  if (!expected.ok()) return expected.status();
  const std::int64_t member = (*me)->id;
  if (std::none_of(expected->begin(), expected->end(),
                   [&](const MemberRecord& e) { return e.id == member; }))
    return Status::Denied(N_("You are not expected at this meeting."));
  auto start = MeetingStart(*m, offset_);
  if (!start) return Status::Invalid(N_("The meeting's date and time are not valid."));
  if (now < *start - kCheckinBeforeMin * 60)
    return Status::Denied(N_("Check-in opens at {time}."),
                          {{"time", FormatClockTime(*start - kCheckinBeforeMin * 60, offset_)}});
  if (const UnixSeconds closes = CheckinCloses(*m, offset_).value_or(*start); now > closes)
    return Status::Denied(N_("Check-in closed at {time}. Ask your branch secretary to mark your attendance."),
                          {{"time", FormatClockTime(closes, offset_)}});
  MeetingCheckin r{*m, (*me)->name, now > *start + kLateAfterMin * 60 ? "late" : "present", false};
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto marks = tx.branch_life().ListMeetingMarks(MeetingFilter{{}, "", "", id});
    if (!marks.ok()) return marks.status();
    for (const auto& k : *marks)
      if (k.member_id == member && training::Attended(k.mark)) {
        r.mark = k.mark, r.already = true;
        return Status::Ok();
      }
    Status spent = tx.branch_life().SpendMeetingToken(id, claims->slot, member, now);
    if (spent.code() == Status::Code::kAlreadyExists)
      return Status::Conflict(N_("This code has already been used. Scan the current code."));
    PROCURA_RETURN_IF_ERROR(spent);
    PROCURA_RETURN_IF_ERROR(
        tx.branch_life().SetMeetingMark({id, member, r.mark, "", "qr", now, who.user_id}));
    return audit_.Write(tx, actor, "meeting.checkin", "meeting", id,
                        fmt::format("member {}: {} by QR code", member, r.mark));
  }));
  return r;
}

std::optional<UnixSeconds> MeetingStart(const MeetingRecord& m, int offset_minutes) {
  return ParseLocalTime(m.held_on + "T" + m.starts_at, offset_minutes);
}

std::optional<UnixSeconds> MeetingEnd(const MeetingRecord& m, int offset_minutes) {
  if (m.ends_at.empty()) return std::nullopt;
  return ParseLocalTime(m.held_on + "T" + m.ends_at, offset_minutes);
}

std::optional<UnixSeconds> CheckinCloses(const MeetingRecord& m, int offset_minutes) {
  if (auto end = MeetingEnd(m, offset_minutes)) return end;
  auto start = MeetingStart(m, offset_minutes);
  if (!start) return std::nullopt;
  return *start + kCheckinAfterMin * 60;
}

std::string MeetingHours(const MeetingRecord& m) {
  return m.ends_at.empty() ? m.starts_at : m.starts_at + "–" + m.ends_at;
}

}  // namespace procura::branchlife
