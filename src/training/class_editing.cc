// TrainingService: creating and editing classes and sessions, enrolling
// or withdrawing one member, and the class's news link and photos.
#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "core/retry.h"
#include "core/text.h"
#include "storage/photo_list.h"
#include "training/attendance.h"
#include "training/training_service.h"

namespace procura::training {
namespace {

using auth::Role;

// `label` is the field's msgid (marked N_), translated with the message.
Status CheckText(const char* key, const char* label, const std::string& v, std::size_t max) {
  if (!IsValidUtf8(v))
    return Status::Invalid(N_("{field_label}: this is not valid text (UTF-8)."),
                           {{"field_label", label}})
        .WithField(key);
  if (v.size() > max)
    return Status::Invalid(N_("{field_label}: too long, at most {max} bytes (this has {size})."),
                           {{"field_label", label},
                            {"max", std::to_string(max)},
                            {"size", std::to_string(v.size())}})
        .WithField(key);
  return Status::Ok();
}

Status OfficerOnly(const auth::Principal& who) {
  return who.Has(Role::kRecordsOfficer) ? Status::Ok()
                                        : Status::Denied(N_("Only the records officer runs classes."));
}

}  // namespace

Status ValidateClass(const ClassRecord& c) {
  std::vector<Status> problems;  // every one, so the form can show them all
  const auto check = [&](Status s) {
    if (!s.ok()) problems.push_back(std::move(s));
  };
  const auto invalid = [](const char* msgid, const char* field) {
    return Status::Invalid(msgid).WithField(field);
  };
  if (c.title.empty()) check(invalid(N_("Give the class a title."), "title"));
  check(CheckText("title", N_("Title"), c.title, kMaxClassTitle));
  check(CheckText("purpose", N_("Purpose"), c.purpose, kMaxLongText));
  check(CheckText("organizer", N_("Organizer"), c.organizer, kMaxShortText));
  check(CheckText("venue", N_("Venue"), c.venue, kMaxShortText));
  check(CheckText("target_group", N_("Target group"), c.target_group, kMaxShortText));
  const bool start_ok = IsIsoDate(c.start_date), end_ok = IsIsoDate(c.end_date);
  if (!start_ok)
    check(invalid(N_("Enter the start date as YYYY-MM-DD, for example 2022-07-14."), "start_date"));
  if (!end_ok)
    check(invalid(N_("Enter the end date as YYYY-MM-DD, for example 2022-07-15."), "end_date"));
  if (start_ok && end_ok && c.end_date < c.start_date)
    check(invalid(N_("The end date is before the start date."), "end_date"));
  if (!(c.required_hours >= 0 && c.required_hours <= 1000))
    check(invalid(N_("Required hours must be between 0 and 1000."), "required_hours"));
  if (c.capacity && (*c.capacity < 1 || *c.capacity > 100000))
    check(invalid(N_("Capacity must be at least 1; leave it empty for no limit."), "capacity"));
  for (const auto& [m, field] : {std::pair{c.checkin_before_min, "checkin_before_min"},
                                 {c.checkin_after_min, "checkin_after_min"},
                                 {c.late_after_min, "late_after_min"}})
    if (m < 0 || m > 1440)
      check(invalid(N_("Check-in times must be between 0 and 1440 minutes."), field));
  if (!(c.late_credit >= 0 && c.late_credit <= 1))
    check(invalid(N_("Late credit must be a share between 0 and 1, such as 0.5."), "late_credit"));
  return Status::AllOf(std::move(problems));
}

Status ValidateSession(const SessionRow& s) {
  std::vector<Status> problems;  // every one, so the form can show them all
  const auto check = [&](Status st) {
    if (!st.ok()) problems.push_back(std::move(st));
  };
  const auto invalid = [](const char* msgid, const char* field) {
    return Status::Invalid(msgid).WithField(field);
  };
  if (!ParseSessionStart(s.starts_at, 0))
    check(invalid(N_("Enter the start as YYYY-MM-DD HH:MM, for example 2022-07-14 09:00."), "starts_at"));
  if (!(s.hours > 0 && s.hours <= 24))
    check(invalid(N_("Hours must be more than 0 and at most 24."), "hours"));
  static const char* kTypes[] = {"lecture", "exchange", "discussion", "exam", "other"};
  if (std::none_of(std::begin(kTypes), std::end(kTypes),
                   [&](const char* k) { return s.type == k; }))
    check(invalid(N_("Choose the session type: lecture, experience exchange, discussion, exam or other."), "type"));
  if (s.topic.empty()) check(invalid(N_("Give the session a topic."), "topic"));
  check(CheckText("topic", N_("Topic"), s.topic, kMaxShortText));
  check(CheckText("lecturer", N_("Lecturer"), s.lecturer, kMaxShortText));
  check(CheckText("venue", N_("Venue"), s.venue, kMaxShortText));
  if (s.type == "exchange" && !s.presenting_branch_id)
    check(invalid(N_("An experience exchange needs its presenting branch."), "presenting_branch_id"));
  return Status::AllOf(std::move(problems));
}

Status TrainingService::CheckOpenForEnrollment(Storage& tx, const ClassRecord& c,
                                               std::size_t adding) {
  if (c.status == "completed" || c.status == "archived")
    return Status::Invalid(N_("Enrollment is closed: the class is over."));
  if (!c.capacity || adding == 0) return Status::Ok();
  auto list = tx.training().ListEnrollments(c.id);
  if (!list.ok()) return list.status();
  const std::size_t active = CountActive(*list);
  if (active + adding > static_cast<std::size_t>(*c.capacity))
    return Status::Invalid(
        N_("The class holds {capacity} and has {enrolled} enrolled; {adding} more do not fit."),
        {{"capacity", std::to_string(*c.capacity)},
         {"enrolled", std::to_string(active)},
         {"adding", std::to_string(adding)}});
  return Status::Ok();
}

Result<std::int64_t> TrainingService::CreateClass(const auth::Principal& who,
                                                  const auth::Actor& actor, ClassRecord c) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  PROCURA_RETURN_IF_ERROR(ValidateClass(c));
  c.status = "planned";
  c.is_sample = false;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.training().InsertClass(c);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "training.class.create", "class", id, c.title);
  }));
  return id;
}

Status TrainingService::UpdateClass(const auth::Principal& who, const auth::Actor& actor,
                                    const ClassRecord& c) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  PROCURA_RETURN_IF_ERROR(ValidateClass(c));
  auto old = Find(c.id);
  if (!old.ok()) return old.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.training().UpdateClass(c));
    return audit_.Write(tx, actor, "training.class.edit", "class", c.id,
                        old->title == c.title ? c.title : old->title + " -> " + c.title);
  });
}

Result<std::int64_t> TrainingService::AddSession(const auth::Principal& who,
                                                 const auth::Actor& actor, SessionRow s) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  PROCURA_RETURN_IF_ERROR(ValidateSession(s));
  auto cls = Find(s.class_id);
  if (!cls.ok()) return cls.status();
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.training().InsertSession(s);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "training.session.create", "class", s.class_id,
                        fmt::format("session {}: {} {}", id, s.starts_at, s.topic));
  }));
  return id;
}

Status TrainingService::UpdateSession(const auth::Principal& who, const auth::Actor& actor,
                                      const SessionRow& s) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  PROCURA_RETURN_IF_ERROR(ValidateSession(s));
  auto old = storage_.training().GetSession(s.id);
  if (!old.ok()) return old.status();
  if (!old->has_value() || (*old)->class_id != s.class_id)
    return Status::NotFound(N_("There is no such session."));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.training().UpdateSession(s));
    return audit_.Write(tx, actor, "training.session.edit", "class", s.class_id,
                        fmt::format("session {}: {} {} -> {} {}", s.id, (*old)->starts_at, (*old)->topic,
                                    s.starts_at, s.topic));
  });
}

Status TrainingService::DeleteSession(const auth::Principal& who, const auth::Actor& actor,
                                      std::int64_t id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  auto old = storage_.training().GetSession(id);
  if (!old.ok()) return old.status();
  if (!old->has_value()) return Status::NotFound("There is no such session.");
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.training().DeleteSession(id));
    return audit_.Write(tx, actor, "training.session.delete", "class", (*old)->class_id,
                        fmt::format("session {}: {} {}", id, (*old)->starts_at, (*old)->topic));
  });
}

Status TrainingService::Enroll(const auth::Principal& who, const auth::Actor& actor,
                               std::int64_t class_id, std::int64_t member_id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  auto m = storage_.org().GetMember(member_id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::Invalid(N_("There is no such member."));
  if (!(*m)->current())
    return Status::Invalid(N_("{name} has transferred out."), {{"name", (*m)->name}});
  // The capacity is checked in the write transaction: two enrollments for
  // the last seat (on any nodes) cannot both get it.
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto list = tx.training().ListEnrollments(class_id);
    if (!list.ok()) return list.status();
    if (IsActivelyEnrolled(*list, member_id)) return Status::Ok();
    PROCURA_RETURN_IF_ERROR(CheckOpenForEnrollment(tx, *cls, 1));
    PROCURA_RETURN_IF_ERROR(tx.training().Enroll(class_id, member_id, NowUnix()));
    return audit_.Write(tx, actor, "training.enroll", "class", class_id,
                        fmt::format("member {} ({})", member_id, (*m)->name));
  });
}

Status TrainingService::Withdraw(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t class_id, std::int64_t member_id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.training().Withdraw(class_id, member_id, NowUnix()));
    return audit_.Write(tx, actor, "training.withdraw", "class", class_id, fmt::format("member {}", member_id));
  });
}

Status TrainingService::LinkNews(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t class_id, std::int64_t article_id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  auto cls = Find(class_id);
  if (!cls.ok()) return cls.status();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.training().SetClassArticle(class_id, article_id));
    return audit_.Write(tx, actor, "training.news", "class", class_id,
                        fmt::format("news report: article {}", article_id));
  });
}

Status ClassPhotoRoom(const ClassRecord& c) {
  if (PhotoIds(c.photos).size() >= kMaxClassPhotos)
    return Status::Invalid(N_("A class keeps at most {n} photos."),
                           {{"n", std::to_string(kMaxClassPhotos)}});
  return Status::Ok();
}

// Writes `change` of the class's photo list with the audit row. The write
// only lands on the list it was computed from: when another upload or
// removal landed first, the list is read again and `change` applied anew.
Status TrainingService::ChangePhotos(const auth::Actor& actor, std::int64_t class_id,
                                     const PhotoChange& change, std::string_view action,
                                     std::int64_t media_id) {
  return RetryOnConflict([&]() -> Status {
    auto cls = Find(class_id);
    if (!cls.ok()) return cls.status();
    auto next = change(*cls);
    if (!next.ok()) return next.status();
    return storage_.InTransaction([&](Storage& tx) -> Status {
      PROCURA_RETURN_IF_ERROR(tx.training().SetClassPhotos(class_id, cls->photos, *next));
      return audit_.Write(tx, actor, std::string(action), "class", class_id,
                          fmt::format("media {}", media_id));
    });
  });
}

Status TrainingService::AddPhoto(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t class_id, std::int64_t media_id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  return ChangePhotos(actor, class_id, [&](const ClassRecord& c) -> Result<std::string> {
    PROCURA_RETURN_IF_ERROR(ClassPhotoRoom(c));
    return WithPhotoAdded(c.photos, media_id);
  }, "training.photo", media_id);
}

Status TrainingService::RemovePhoto(const auth::Principal& who, const auth::Actor& actor,
                                    std::int64_t class_id, std::int64_t media_id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  return ChangePhotos(actor, class_id, [&](const ClassRecord& c) -> Result<std::string> {
    auto kept = WithoutPhoto(c.photos, media_id);
    if (!kept) return Status::NotFound(N_("The class has no such photo."));
    return *kept;
  }, "training.photo.remove", media_id);
}

Status TrainingService::LeadWithPhoto(const auth::Principal& who, const auth::Actor& actor,
                                      std::int64_t class_id, std::int64_t media_id) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  return ChangePhotos(actor, class_id, [&](const ClassRecord& c) -> Result<std::string> {
    auto led = WithPhotoFirst(c.photos, media_id);
    if (!led) return Status::NotFound(N_("The class has no such photo."));
    return *led;
  }, "training.photo.lead", media_id);
}

}  // namespace procura::training
