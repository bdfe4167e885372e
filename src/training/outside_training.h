// Training a member received outside the organ's own classes — a course
// at a higher committee's party school (上级调训), an online course
// (网络培训) — and each member's training archive (个人培训档案), where it
// sits with the classes they attended.
//
// A course elsewhere counts toward the year of its last day, in the
// annual ledger (hours.h) and the member's own page; a centralized one
// also counts as a new secretary's training (secretary_training.h).
#pragma once

#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "storage/storage.h"
#include "training/hours.h"

namespace procura::training {

inline constexpr std::size_t kMaxOutsideTitle = 200, kMaxOutsideOrganizer = 100,
                             kMaxOutsideNote = 500;
inline constexpr double kMaxOutsideHours = 1000;
inline constexpr const char* kOutsideKinds[] = {"centralized", "online"};

// As typed: the hours are text, parsed here.
struct OutsideTrainingInput {
  std::string title, organizer, kind, start_date, end_date, hours, note;
};

// Invalid with every problem of `in`, each naming its field: a title of 1–200
// characters, an organizer of 1–100, a kind from kOutsideKinds, first
// and last days (YYYY-MM-DD, the last not before the first nor after
// `today`), hours more than 0 and at most 1000, a note of at most 500.
// On success `out` holds what to store (title to note, trimmed).
Status ValidateOutsideTraining(const OutsideTrainingInput& in, const std::string& today,
                               OutsideTrainingRecord& out);

// Records officer only (Denied otherwise); NotFound for no such member;
// Invalid as ValidateOutsideTraining. Audited. Returns the record's id.
Result<std::int64_t> RecordOutsideTraining(Storage& storage, auth::Audit& audit,
                                           const auth::Principal& who, const auth::Actor& actor,
                                           std::int64_t member, const OutsideTrainingInput& in,
                                           const std::string& today, UnixSeconds now);

// Corrects record `id` with what was typed, checked as above against
// `today`. Records officer only; NotFound for no such record. Audited
// with each changed field's old and new value (nothing when nothing
// changed).
Status UpdateOutsideTraining(Storage& storage, auth::Audit& audit, const auth::Principal& who,
                             const auth::Actor& actor, std::int64_t id,
                             const OutsideTrainingInput& in, const std::string& today);

// Deletes one record (entered by mistake). Records officer only;
// NotFound for no such record; audited with what it said.
Status DeleteOutsideTraining(Storage& storage, auth::Audit& audit, const auth::Principal& who,
                             const auth::Actor& actor, std::int64_t id);

// One year of a member's training.
struct TrainingYear {
  int year = 0;
  std::vector<ClassCredit> classes;              // the organ's classes, as in the ledger
  std::vector<OutsideTrainingRecord> outside;    // by last day
  double total = 0;                              // credited class hours + outside hours
  double centralized = 0;                        // of which centralized (classes count as such)
  // Some centralized training counts this year (ClassCredit::counts_as_centralized).
  bool has_centralized = false;
};

// Every year with training on record for `member`, the latest first, and
// `current_year` always (possibly empty). No access check: the caller has
// shown the member (OrgService::Member does the check).
Result<std::vector<TrainingYear>> TrainingArchive(Storage& storage, std::int64_t member,
                                                  int current_year);

}  // namespace procura::training
