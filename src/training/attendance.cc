#include "training/attendance.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace procura::training {
namespace {

using auth::Role;

}  // namespace

bool IsOver(const ClassRecord& c) { return c.status == "completed" || c.status == "archived"; }

bool IsValidMark(const std::string& m) {
  return m == "present" || m == "late" || m == "excused" || m == "absent";
}

std::optional<UnixSeconds> ParseSessionStart(const std::string& starts_at, int offset) {
  if (starts_at.size() != 16 || starts_at[10] != ' ') return std::nullopt;
  std::string text = starts_at;
  text[10] = 'T';
  return ParseLocalTime(text, offset);
}

bool Attended(const std::string& mark) { return mark == "present" || mark == "late"; }

void MarkTally::Add(const std::string& mark) {
  (mark == "present"   ? present
   : mark == "late"    ? late
   : mark == "excused" ? excused
   : mark == "absent"  ? absent
                       : unmarked)++;
}

Result<CheckinWindow> WindowOf(const ClassRecord& c, const SessionRow& s, int offset) {
  auto start = ParseSessionStart(s.starts_at, offset);
  if (!start) return Status::Invalid(N_("The session's start ({start}) is not a date and time."), {{"start", s.starts_at}});
  return CheckinWindow{*start - c.checkin_before_min * 60, *start,
                       *start + c.checkin_after_min * 60, *start + c.late_after_min * 60};
}

Result<AttendanceService::Loaded> AttendanceService::Load(std::int64_t session) {
  auto s = storage_.training().GetSession(session);
  if (!s.ok()) return s.status();
  if (!s->has_value()) return Status::NotFound(N_("There is no such session."));
  auto c = storage_.training().GetClass((*s)->class_id);
  if (!c.ok()) return c.status();
  if (!c->has_value()) return Status::NotFound(N_("The session's class no longer exists."));
  return Loaded{**c, **s};
}

Result<bool> AttendanceService::IsEnrolled(std::int64_t class_id, std::int64_t member) {
  auto list = storage_.training().ListEnrollments(class_id);
  if (!list.ok()) return list.status();
  return IsActivelyEnrolled(*list, member);
}

Result<ProjectorView> AttendanceService::Projector(const auth::Principal& who, std::int64_t session,
                                                   UnixSeconds now) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer runs check-in."));
  auto l = Load(session);
  if (!l.ok()) return l.status();
  auto window = WindowOf(l->cls, l->session, offset_);
  if (!window.ok()) return window.status();
  ProjectorView v{l->cls, l->session, *window};
  if (IsOver(l->cls)) {
    v.closed = N_("This class is over: check-in is closed.");
  } else if (now > window->closes) {
    v.closed = N_("Check-in closed at {time}.");
    v.closed_args = {{"time", FormatClockTime(window->closes, offset_)}};
  } else {  // codes are shown from before the window opens, for setting up the room
    v.token = MakeCheckinToken(key_, session, SlotAt(now));
    v.token_expires = (SlotAt(now) + 1) * kTokenPeriodSeconds;
  }
  auto enrolled = storage_.training().ListEnrollments(l->cls.id);
  auto marks = storage_.attendance().ListMarks(session);
  if (!enrolled.ok() || !marks.ok()) return enrolled.ok() ? marks.status() : enrolled.status();
  v.enrolled = CountActive(*enrolled);
  for (const auto& m : *marks) v.checked_in += Attended(m.mark);
  return v;
}

Result<CheckinInvitation> AttendanceService::Invitation(std::string_view token,
                                                       const auth::Principal* who) {
  auto claims = VerifyCheckinToken(key_, token);
  if (!claims.ok()) return claims.status();
  auto l = Load(claims->session);
  if (!l.ok()) return l.status();
  CheckinInvitation out{l->cls, l->session, ""};
  if (who != nullptr && who->user_id > 0) {
    auto me = storage_.org().MemberForUser(who->user_id);
    if (me.ok() && me->has_value()) out.member_name = (*me)->name;
  }
  return out;
}

Result<CheckinResult> AttendanceService::CheckIn(const auth::Principal& who,
                                                 const auth::Actor& actor, std::int64_t session,
                                                 std::string_view token, UnixSeconds now) {
  auto claims = VerifyCheckinToken(key_, token);
  if (!claims.ok()) return claims.status();
  if (claims->session != session)
    return Status::Invalid(
        N_("This code belongs to another session. Scan the code on this room's screen."));
  if (claims->slot > SlotAt(now) + 1)
    return Status::Invalid(N_("This check-in code is not valid. Scan the code on the screen."));
  if (SlotAt(now) - claims->slot > kTokenGracePeriods)
    return Status::Invalid(N_("This code has expired. Scan the code on the screen again."));
  auto l = Load(session);
  if (!l.ok()) return l.status();
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value())
    return Status::Denied(
        N_("Your account is not linked to a party member record. Ask the records officer to "
           "mark your attendance."));
  const MemberRecord member = **me;
  auto enrolled = IsEnrolled(l->cls.id, member.id);
  if (!enrolled.ok()) return enrolled.status();
  if (!*enrolled) return Status::Denied(N_("You are not enrolled in {class}."), {{"class", l->cls.title}});
  if (IsOver(l->cls)) return Status::Denied(N_("This class is over."));
  auto window = WindowOf(l->cls, l->session, offset_);
  if (!window.ok()) return window.status();
  if (now < window->opens)
    return Status::Denied(N_("Check-in opens at {time}."), {{"time", FormatClockTime(window->opens, offset_)}});
  if (now > window->closes)
    return Status::Denied(
          N_("Check-in closed at {time}. Ask the records officer to mark your attendance."),
          {{"time", FormatClockTime(window->closes, offset_)}});
  CheckinResult r{l->cls, l->session, now > window->late_after ? "late" : "present", false, now,
                  (*me)->name};
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto old = tx.attendance().GetMark(session, member.id);
    if (!old.ok()) return old.status();
    if (old->has_value() && Attended((*old)->mark)) {
      r.mark = (*old)->mark, r.already = true, r.at = (*old)->marked_at;
      return Status::Ok();
    }
    Status spent = tx.attendance().SpendToken(session, claims->slot, member.id, now);
    if (spent.code() == Status::Code::kAlreadyExists)
      return Status::Conflict(N_("This code has already been used. Scan the current code."));
    PROCURA_RETURN_IF_ERROR(spent);
    PROCURA_RETURN_IF_ERROR(tx.attendance().SetMark(
        {session, member.id, r.mark, "", "qr", now, std::optional<std::int64_t>(who.user_id)}));
    return audit_.Write(tx, actor, "attendance.checkin", "session", session,
                        fmt::format("member {}: {} by QR code", member.id, r.mark));
  }));
  return r;
}

Status AttendanceService::MayOpenCheckin(const auth::Principal& who, std::int64_t session) {
  auto l = Load(session);
  if (who.Has(Role::kRecordsOfficer)) return l.ok() ? Status::Ok() : l.status();
  // Others learn nothing about sessions they are not in, not even whether
  // one exists.
  if (!l.ok()) return Status::Denied(N_("You are not enrolled in this class."));
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value())
    return Status::Denied(
        N_("Your account is not linked to a party member record. Ask the records officer to "
           "mark your attendance."));
  auto enrolled = IsEnrolled(l->cls.id, (*me)->id);
  if (!enrolled.ok()) return enrolled.status();
  if (!*enrolled) return Status::Denied(N_("You are not enrolled in {class}."), {{"class", l->cls.title}});
  return Status::Ok();
}

Result<SessionSheet> AttendanceService::Sheet(const auth::Principal& who, std::int64_t session) {
  std::optional<std::int64_t> only_branch;
  if (!who.Has(Role::kRecordsOfficer)) {
    auto own = org_.OwnBranch(who);
    if (!own.ok()) return own.status();
    if (!own->has_value()) return Status::Denied(N_("Attendance records are not for your role."));
    only_branch = **own;
  }
  auto l = Load(session);
  if (!l.ok()) return l.status();
  SessionSheet sheet{l->cls, l->session};
  auto enrolled = storage_.training().ListEnrollments(l->cls.id);
  auto marks = storage_.attendance().ListMarks(session);
  auto members = storage_.org().ListMembers(std::nullopt);
  auto units = storage_.org().ListUnits();
  if (!enrolled.ok() || !marks.ok() || !members.ok() || !units.ok())
    return Status::Internal("attendance sheet: the records could not be read");
  std::map<std::int64_t, std::string> unit_names;
  for (const auto& u : *units) unit_names[u.id] = u.name;
  std::map<std::int64_t, AttendanceRecord> by_member;
  for (const auto& m : *marks) by_member[m.member_id] = m;
  std::map<std::int64_t, MemberRecord> member_by_id;
  for (const auto& m : *members) member_by_id[m.id] = m;
  for (const auto& e : *enrolled) {
    if (e.withdrawn_at || !member_by_id.count(e.member_id)) continue;
    const MemberRecord& m = member_by_id[e.member_id];
    if (only_branch && m.branch_id != *only_branch) continue;
    SheetLine line{m, unit_names[m.branch_id]};
    if (by_member.count(m.id)) line.mark = by_member[m.id];
    sheet.tally.Add(line.mark ? line.mark->mark : "");
    sheet.lines.push_back(std::move(line));
  }
  if (only_branch && sheet.lines.empty())
    return Status::Denied(N_("Nobody from your branch is enrolled in this class."));
  std::sort(sheet.lines.begin(), sheet.lines.end(), [](const SheetLine& a, const SheetLine& b) {
    return std::tie(a.branch, a.member.name) < std::tie(b.branch, b.member.name);
  });
  return sheet;
}

}  // namespace procura::training
