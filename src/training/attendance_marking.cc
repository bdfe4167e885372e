// AttendanceService: marking attendance by hand, one member or a whole
// sheet at once.
#include <fmt/format.h>

#include <map>

#include "training/attendance.h"

namespace procura::training {

using auth::Role;

Status AttendanceService::CheckMark(const MarkChange& row) {
  const std::string mark_field = fmt::format("mark-{}", row.member);
  const std::string reason_field = fmt::format("reason-{}", row.member);
  if (!IsValidMark(row.mark))
    return Status::Invalid(N_("Choose present, late, excused leave or absent.")).WithField(mark_field);
  if (row.mark == "excused" && row.reason.empty())
    return Status::Invalid(N_("Excused leave needs a reason. Write it in the reason box."))
        .WithField(reason_field);
  if (row.reason.size() > 500)
    return Status::Invalid(N_("The reason is too long: at most 500 bytes.")).WithField(reason_field);
  return Status::Ok();
}

Status AttendanceService::WriteMark(Storage& tx, const auth::Principal& who,
                                    const auth::Actor& actor, std::int64_t session,
                                    const MarkChange& row, const std::string& before) {
  const std::string reason = row.mark == "excused" ? row.reason : "";
  PROCURA_RETURN_IF_ERROR(tx.attendance().SetMark(
      {session, row.member, row.mark, reason, "manual", NowUnix(),
       std::optional<std::int64_t>(who.user_id)}));
  return audit_.Write(tx, actor, "attendance.mark", "session", session,
                      fmt::format("member {}: {} -> {}{}", row.member, before, row.mark,
                                  reason.empty() ? "" : " (" + reason + ")"));
}

Status AttendanceService::Mark(const auth::Principal& who, const auth::Actor& actor,
                               std::int64_t session, std::int64_t member, const std::string& mark,
                               const std::string& reason) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer marks attendance."));
  const MarkChange row{member, mark, reason};
  PROCURA_RETURN_IF_ERROR(CheckMark(row));
  auto l = Load(session);
  if (!l.ok()) return l.status();
  auto enrolled = IsEnrolled(l->cls.id, member);
  if (!enrolled.ok()) return enrolled.status();
  if (!*enrolled) return Status::Invalid(N_("This member is not enrolled in this class."));
  auto old = storage_.attendance().GetMark(session, member);
  if (!old.ok()) return old.status();
  const std::string before = old->has_value() ? (*old)->mark : "unmarked";
  return storage_.InTransaction(
      [&](Storage& tx) -> Status { return WriteMark(tx, who, actor, session, row, before); });
}

Result<std::size_t> AttendanceService::MarkMany(const auth::Principal& who,
                                                const auth::Actor& actor, std::int64_t session,
                                                const std::vector<MarkChange>& rows,
                                                const std::string& fill_blank) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer marks attendance."));
  if (!fill_blank.empty() && fill_blank != "present" && fill_blank != "absent")
    return Status::Invalid(N_("Fill the rest with present or absent."));
  auto l = Load(session);
  if (!l.ok()) return l.status();
  auto enrollments = storage_.training().ListEnrollments(l->cls.id);
  auto marks = storage_.attendance().ListMarks(session);
  if (!enrollments.ok()) return enrollments.status();
  if (!marks.ok()) return marks.status();
  std::map<std::int64_t, AttendanceRecord> old;
  for (const auto& m : *marks) old[m.member_id] = m;
  std::vector<MarkChange> writes;
  std::vector<Status> problems;
  for (MarkChange row : rows) {
    if (!IsActivelyEnrolled(*enrollments, row.member)) {
      problems.push_back(Status::Invalid(N_("This member is not enrolled in this class."))
                             .WithField(fmt::format("mark-{}", row.member)));
      continue;
    }
    const auto was = old.find(row.member);
    if (row.mark.empty()) {
      if (fill_blank.empty() || was != old.end()) continue;
      row.mark = fill_blank;
    }
    if (Status s = CheckMark(row); !s.ok()) {
      problems.push_back(std::move(s));
      continue;
    }
    const std::string reason = row.mark == "excused" ? row.reason : "";
    if (was != old.end() && was->second.mark == row.mark && was->second.reason == reason) continue;
    writes.push_back(std::move(row));
  }
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    for (const MarkChange& row : writes) {
      const auto was = old.find(row.member);
      PROCURA_RETURN_IF_ERROR(
          WriteMark(tx, who, actor, session, row, was == old.end() ? "unmarked" : was->second.mark));
    }
    return Status::Ok();
  }));
  return writes.size();
}

}  // namespace procura::training
