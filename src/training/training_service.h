// TrainingService: training classes, their sessions and enrollment.
// The records officer runs classes; a branch secretary sees the classes
// they are enrolled in. Status moves one step at a time:
// planned → enrolling → in-progress → completed → archived.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::training {

struct SessionView {
  SessionRow row;
  std::string presenting_branch;  // for experience exchanges
  std::string speaker;
};

struct ClassDetail {
  ClassRecord cls;
  std::vector<SessionView> sessions;
  std::size_t enrolled = 0;   // currently enrolled
  std::size_t withdrawn = 0;  // enrolled once, then withdrawn
  double total_hours = 0;     // sum of session hours
};

// A session still to start, of a class its member is enrolled in.
struct SessionAhead {
  ClassRecord cls;
  SessionRow session;
  UnixSeconds start = 0;
  std::string venue;  // the session's, or the class's when it names none
};

// The status after `status`, or "" at the end of the line.
std::string NextStatus(const std::string& status);

// Field limits (bytes of UTF-8 unless noted).
inline constexpr std::size_t kMaxClassTitle = 200, kMaxLongText = 2000, kMaxShortText = 200;
inline constexpr std::size_t kMaxClassPhotos = 20;
// Ok while `c` has room for another photo; Invalid (naming
// kMaxClassPhotos) once it keeps that many. Asked before a photo is
// stored, so a full class's upload leaves no file behind.
Status ClassPhotoRoom(const ClassRecord& c);

// Ok, or every problem (Status::AllOf), each naming its field: title 1–200, dates YYYY-MM-DD with
// end ≥ start, required hours 0–1000, capacity ≥ 1 when set, check-in
// minutes 0–1440, late credit 0–1.
Status ValidateClass(const ClassRecord& c);
// Ok, or every problem (Status::AllOf), each naming its field: starts_at
// "YYYY-MM-DD HH:MM", hours in
// (0, 24], a known type, topic and lecturer ≤ 200, an exchange names its
// presenting branch.
Status ValidateSession(const SessionRow& s);

class TrainingService {
 public:
  // `utc_offset_minutes` is the site's zone, in which sessions' start times
  // are written.
  TrainingService(Storage& storage, auth::Audit& audit, int utc_offset_minutes = 480)
      : storage_(storage), audit_(audit), offset_(utc_offset_minutes) {}

  // Classes `who` may see (all for the records officer).
  Result<std::vector<ClassRecord>> Classes(const auth::Principal& who);
  // Sessions starting after `now` of the classes the member linked to
  // `who`'s account is enrolled in (and has not withdrawn from), soonest
  // first; empty for an account without a member record. Classes not yet
  // completed only.
  Result<std::vector<SessionAhead>> MySessionsAhead(const auth::Principal& who, UnixSeconds now);
  // One class in detail; Denied outside `who`'s reach.
  Result<ClassDetail> Detail(const auth::Principal& who, std::int64_t id);
  // Enrolls every member who holds a branch's secretary post. Returns how
  // many were newly enrolled. Records officer only.
  Result<int> EnrollAllSecretaries(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t class_id);
  // Moves the class one step along its status line. Records officer only.
  // A class is completed only once every session has started.
  Status Advance(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id);

  // Editing (class_editing.cc). Records officer only; validated; audited.
  Result<std::int64_t> CreateClass(const auth::Principal& who, const auth::Actor& actor,
                                   ClassRecord c);
  // Rewrites the class's fields; its status and news link stay.
  Status UpdateClass(const auth::Principal& who, const auth::Actor& actor, const ClassRecord& c);
  Result<std::int64_t> AddSession(const auth::Principal& who, const auth::Actor& actor,
                                  SessionRow s);
  Status UpdateSession(const auth::Principal& who, const auth::Actor& actor, const SessionRow& s);
  // Deletes a session and its attendance.
  Status DeleteSession(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);
  // Enrolls one member; Invalid when the class is full or no longer open.
  Status Enroll(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id,
                std::int64_t member_id);
  // Withdraws one member; the enrollment stays in the history.
  Status Withdraw(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id,
                  std::int64_t member_id);
  // Links the class to its news report (an article id).
  Status LinkNews(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id,
                  std::int64_t article_id);
  // Adds a stored photo (a media id) to the class / takes one off (NotFound
  // if the class does not keep it). Records officer only; audited.
  Status AddPhoto(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id,
                  std::int64_t media_id);
  Status RemovePhoto(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id,
                     std::int64_t media_id);
  // Moves a photo of the class to the front: it leads the class's page and
  // the news draft made from it. NotFound if the class does not keep it.
  Status LeadWithPhoto(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id,
                       std::int64_t media_id);
  // The class with `id` (no access check; for composing services).
  Result<ClassRecord> Find(std::int64_t id);

 private:
  // Inside the enrolling transaction `tx`, so the capacity check and the
  // enrollment cannot race.
  Status CheckOpenForEnrollment(Storage& tx, const ClassRecord& c, std::size_t adding);
  // The class's next photo list from its stored one, or why there is none.
  using PhotoChange = std::function<Result<std::string>(const ClassRecord&)>;
  Status ChangePhotos(const auth::Actor& actor, std::int64_t class_id, const PhotoChange& change,
                      std::string_view action, std::int64_t media_id);
  Storage& storage_;
  auth::Audit& audit_;
  int offset_;
  // Invalid, naming the session, if a session of the class is still ahead.
  Status AllSessionsHeld(std::int64_t class_id);
};

}  // namespace procura::training
