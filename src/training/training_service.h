// TrainingService: training classes, their sessions and enrollment.
// The records officer runs classes; a branch secretary sees the classes
// they are enrolled in. Status moves one step at a time:
// planned → enrolling → in-progress → completed → archived.
#pragma once

#include <string>
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

// The status after `status`, or "" at the end of the line.
std::string NextStatus(const std::string& status);

class TrainingService {
 public:
  TrainingService(Storage& storage, auth::Audit& audit) : storage_(storage), audit_(audit) {}

  // Classes `who` may see (all for the records officer).
  Result<std::vector<ClassRecord>> Classes(const auth::Principal& who);
  // One class in detail; Denied outside `who`'s reach.
  Result<ClassDetail> Detail(const auth::Principal& who, std::int64_t id);
  // Enrolls every member who holds a branch's secretary post. Returns how
  // many were newly enrolled. Records officer only.
  Result<int> EnrollAllSecretaries(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t class_id);
  // Moves the class one step along its status line. Records officer only.
  Status Advance(const auth::Principal& who, const auth::Actor& actor, std::int64_t class_id);

 private:
  Result<ClassRecord> Find(std::int64_t id);
  Storage& storage_;
  auth::Audit& audit_;
};

}  // namespace procura::training
