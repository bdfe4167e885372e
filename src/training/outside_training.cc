// Training received elsewhere, and the member's training archive.
#include "training/outside_training.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/fields.h"
#include "core/text.h"

namespace procura::training {
namespace {

Status OfficerOnly(const auth::Principal& who) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer keeps the training records."));
  return Status::Ok();
}

// "field: old -> new" for each field `b` changes from `a`, joined by "; "
// (an empty value shows as "(none)").
std::string Changes(const OutsideTrainingRecord& a, const OutsideTrainingRecord& b) {
  std::vector<std::string> out;
  const auto field = [&](const char* name, const std::string& x, const std::string& y) {
    const auto shown = [](const std::string& v) { return v.empty() ? std::string("(none)") : v; };
    if (x != y) out.push_back(fmt::format("{}: {} -> {}", name, shown(x), shown(y)));
  };
  field("title", a.title, b.title);
  field("organizer", a.organizer, b.organizer);
  field("kind", a.kind, b.kind);
  field("start", a.start_date, b.start_date);
  field("end", a.end_date, b.end_date);
  field("hours", fmt::format("{:g}", a.hours), fmt::format("{:g}", b.hours));
  field("note", a.note, b.note);
  return fmt::format("{}", fmt::join(out, "; "));
}

}  // namespace

Status ValidateOutsideTraining(const OutsideTrainingInput& in, const std::string& today,
                OutsideTrainingRecord& out) {
  std::vector<Status> problems;
  const auto check = [&](Status s) {
    if (!s.ok()) problems.push_back(std::move(s));
  };
  out.title = Trim(in.title), out.organizer = Trim(in.organizer), out.note = Trim(in.note);
  check(CheckTextField("title", N_("Course"), out.title, kMaxOutsideTitle, true));
  check(CheckTextField("organizer", N_("Held by"), out.organizer, kMaxOutsideOrganizer, true));
  if (std::find_if(std::begin(kOutsideKinds), std::end(kOutsideKinds),
                   [&](const char* k) { return in.kind == k; }) == std::end(kOutsideKinds))
    check(Status::Invalid(N_("Choose centralized or online.")).WithField("kind"));
  out.kind = in.kind;
  out.start_date = Trim(in.start_date), out.end_date = Trim(in.end_date);
  const bool start_ok = IsIsoDate(out.start_date), end_ok = IsIsoDate(out.end_date);
  if (!start_ok)
    check(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15.")).WithField("start_date"));
  if (!end_ok)
    check(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15.")).WithField("end_date"));
  if (start_ok && end_ok && out.end_date < out.start_date)
    check(Status::Invalid(N_("The end date is before the start date.")).WithField("end_date"));
  if (end_ok && out.end_date > today)
    check(Status::Invalid(N_("Record a course once it has ended: the last day is after today."))
              .WithField("end_date"));
  const auto hours = ParseDecimal(Trim(in.hours));
  if (!hours || !(*hours > 0 && *hours <= kMaxOutsideHours))
    check(Status::Invalid(N_("Hours must be more than 0 and at most 1000.")).WithField("hours"));
  else
    out.hours = *hours;
  check(CheckTextField("note", N_("Note"), out.note, kMaxOutsideNote, false));
  return Status::AllOf(std::move(problems));
}

Result<std::int64_t> RecordOutsideTraining(Storage& storage, auth::Audit& audit,
                                           const auth::Principal& who, const auth::Actor& actor,
                                           std::int64_t member, const OutsideTrainingInput& in,
                                           const std::string& today, UnixSeconds now) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  OutsideTrainingRecord t;
  PROCURA_RETURN_IF_ERROR(ValidateOutsideTraining(in, today, t));
  t.member_id = member, t.recorded_at = now, t.recorded_by = actor.id;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage.InTransaction([&](Storage& tx) -> Status {
    auto m = tx.org().GetMember(member);
    if (!m.ok()) return m.status();
    if (!m->has_value()) return Status::NotFound(N_("There is no such member."));
    auto inserted = tx.attendance().InsertOutsideTraining(t);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit.Write(tx, actor, "training.outside.add", "member", member,
                       fmt::format("{} ({}, {} to {}, {:g} h, {})", t.title, t.organizer,
                                   t.start_date, t.end_date, t.hours, t.kind));
  }));
  return id;
}

Status UpdateOutsideTraining(Storage& storage, auth::Audit& audit, const auth::Principal& who,
                             const auth::Actor& actor, std::int64_t id,
                             const OutsideTrainingInput& in, const std::string& today) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  OutsideTrainingRecord typed;
  PROCURA_RETURN_IF_ERROR(ValidateOutsideTraining(in, today, typed));
  return storage.InTransaction([&](Storage& tx) -> Status {
    auto old = tx.attendance().GetOutsideTraining(id);
    if (!old.ok()) return old.status();
    if (!old->has_value()) return Status::NotFound(N_("There is no such training record."));
    OutsideTrainingRecord next = **old;
    next.title = typed.title, next.organizer = typed.organizer, next.kind = typed.kind;
    next.start_date = typed.start_date, next.end_date = typed.end_date;
    next.hours = typed.hours, next.note = typed.note;
    const std::string changes = Changes(**old, next);
    if (changes.empty()) return Status::Ok();
    PROCURA_RETURN_IF_ERROR(tx.attendance().UpdateOutsideTraining(next));
    return audit.Write(tx, actor, "training.outside.edit", "member", next.member_id,
                       fmt::format("{}: {}", (*old)->title, changes));
  });
}

Status DeleteOutsideTraining(Storage& storage, auth::Audit& audit, const auth::Principal& who,
                             const auth::Actor& actor, std::int64_t id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  return storage.InTransaction([&](Storage& tx) -> Status {
    auto t = tx.attendance().GetOutsideTraining(id);
    if (!t.ok()) return t.status();
    if (!t->has_value()) return Status::NotFound(N_("There is no such training record."));
    PROCURA_RETURN_IF_ERROR(tx.attendance().DeleteOutsideTraining(id));
    const auto& r = **t;
    return audit.Write(tx, actor, "training.outside.delete", "member", r.member_id,
                       fmt::format("{} ({}, {} to {}, {:g} h)", r.title, r.organizer,
                                   r.start_date, r.end_date, r.hours));
  });
}

Result<std::vector<TrainingYear>> TrainingArchive(Storage& storage, std::int64_t member,
                                                  int current_year) {
  auto rows = storage.attendance().MemberCreditRows(member);
  auto outside = storage.attendance().ListOutsideTraining(member, std::nullopt);
  if (!rows.ok()) return rows.status();
  if (!outside.ok()) return outside.status();
  std::map<int, std::vector<CreditRow>, std::greater<>> rows_by_year;
  rows_by_year[current_year];
  for (const auto& r : *rows) rows_by_year[std::stoi(r.starts_at.substr(0, 4))].push_back(r);
  for (const auto& t : *outside) rows_by_year[std::stoi(t.end_date.substr(0, 4))];
  std::vector<TrainingYear> out;
  for (const auto& [year, year_rows] : rows_by_year) {
    TrainingYear y;
    y.year = year;
    std::map<std::int64_t, double> class_hours;
    for (const auto& r : year_rows) {
      if (class_hours.count(r.class_id)) continue;
      auto sessions = storage.training().ListSessions(r.class_id);
      if (!sessions.ok()) return sessions.status();
      for (const auto& s : *sessions) class_hours[r.class_id] += s.hours;
    }
    if (auto folded = FoldCredits(year_rows, class_hours); folded.count(member))
      y.classes = std::move(folded[member]);
    for (const auto& c : y.classes) {
      y.total += c.credited;
      if (c.centralized) y.centralized += c.credited;
      y.has_centralized = y.has_centralized || c.counts_as_centralized();
    }
    for (const auto& t : *outside)
      if (t.counts() && std::stoi(t.end_date.substr(0, 4)) == year) {
        y.outside.push_back(t);
        y.total += t.hours;
        if (IsCentralized(t)) y.centralized += t.hours, y.has_centralized = true;
      }
    out.push_back(std::move(y));
  }
  return out;
}

}  // namespace procura::training
