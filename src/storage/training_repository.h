// TrainingRepository: classes, sessions and enrollment. Same contract as
// storage.h: thread-safe, errors as values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

struct ClassRecord {
  std::int64_t id = 0;
  std::string title, purpose, organizer, start_date, end_date, venue, target_group;
  double required_hours = 0;
  bool full_time = false;
  bool online = false;  // held online: its hours count, but it is no centralized training
  std::optional<std::int64_t> capacity;
  std::string status = "planned";
  bool is_sample = false;
  // Check-in window around each session's start, and lateness.
  int checkin_before_min = 30;                  // opens this long before the start
  int checkin_after_min = 15;                   // closes this long after the start
  int late_after_min = 0;                       // a check-in later than start + this is "late"
  double late_credit = 1.0;                     // share of a session's hours credited when late
  std::optional<std::int64_t> news_article_id;  // the class's news report
  std::string photos;  // media ids, comma-separated, in order (storage/photo_list.h)
};

struct SessionRow {
  std::int64_t id = 0;
  std::int64_t class_id = 0;
  std::string starts_at;  // "YYYY-MM-DD HH:MM" local time
  std::string venue;
  double hours = 0;
  std::string type;  // lecture, exchange, discussion, exam, other
  std::string topic, lecturer;
  std::optional<std::int64_t> presenting_branch_id, speaker_member_id;
};

struct EnrollmentRecord {
  std::int64_t class_id = 0;
  std::int64_t member_id = 0;
  UnixSeconds enrolled_at = 0;
  std::optional<UnixSeconds> withdrawn_at;
};

// True if `member` is enrolled and has not withdrawn.
inline bool IsActivelyEnrolled(const std::vector<EnrollmentRecord>& list, std::int64_t member) {
  for (const auto& e : list)
    if (e.member_id == member && !e.withdrawn_at) return true;
  return false;
}

// How many of `list` are enrolled and have not withdrawn.
inline std::size_t CountActive(const std::vector<EnrollmentRecord>& list) {
  std::size_t n = 0;
  for (const auto& e : list) n += !e.withdrawn_at;
  return n;
}

class TrainingRepository {
 public:
  virtual ~TrainingRepository() = default;
  virtual Result<std::int64_t> InsertClass(const ClassRecord& c) = 0;
  virtual Status UpdateClassStatus(std::int64_t id, const std::string& status) = 0;
  // Rewrites every field but status, is_sample, news_article_id and photos.
  virtual Status UpdateClass(const ClassRecord& c) = 0;
  virtual Status SetClassArticle(std::int64_t id, std::optional<std::int64_t> article_id) = 0;
  // Replaces the class's photo list ("3,4") if it is still `expected`;
  // Conflict when another writer changed it meanwhile (nothing written).
  virtual Status SetClassPhotos(std::int64_t id, const std::string& expected,
                                const std::string& photos) = 0;
  virtual Result<std::vector<ClassRecord>> ListClasses() = 0;
  virtual Result<std::optional<ClassRecord>> GetClass(std::int64_t id) = 0;
  // The class whose news report is `article_id`, if any.
  virtual Result<std::optional<ClassRecord>> ClassForArticle(std::int64_t article_id) = 0;
  virtual Result<std::int64_t> InsertSession(const SessionRow& s) = 0;
  virtual Result<std::optional<SessionRow>> GetSession(std::int64_t id) = 0;
  virtual Status UpdateSession(const SessionRow& s) = 0;
  // Deletes a session with its attendance.
  virtual Status DeleteSession(std::int64_t id) = 0;
  virtual Result<std::vector<SessionRow>> ListSessions(std::int64_t class_id) = 0;
  // Enrolls (or re-enrolls a withdrawn) member; a no-op if already enrolled.
  virtual Status Enroll(std::int64_t class_id, std::int64_t member_id, UnixSeconds at) = 0;
  virtual Status Withdraw(std::int64_t class_id, std::int64_t member_id, UnixSeconds at) = 0;
  virtual Result<std::vector<EnrollmentRecord>> ListEnrollments(std::int64_t class_id) = 0;
};

}  // namespace procura
