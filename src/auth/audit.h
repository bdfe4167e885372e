// Audit: the one way procura writes the audit log. Every entry carries a
// UTC time, the actor, the IP and the object.
//
// Write() is for changes: call it inside the change's transaction, with
// that transaction's context `tx`, and return its error, so that a change
// that happened always has its row and a failed audit write undoes the
// change. Record() is for events with
// nothing to undo (sign-ins, refusals): a failure is logged to stderr.
// RecordChecked() is for events that must not happen unrecorded.
#pragma once

#include <optional>
#include <string>

#include "storage/storage.h"

namespace procura::auth {

// Who acted, from where. `name` is "" for anonymous and "cli" for the CLI.
struct Actor {
  std::optional<std::int64_t> id;
  std::string name;
  std::string ip;
};

class Audit {
 public:
  explicit Audit(AuditRepository& repo) : repo_(repo) {}
  void Record(const Actor& who, std::string action, std::string object_type = "",
              std::optional<std::int64_t> object_id = {}, std::string detail = "");
  // For an event outside any transaction that must not happen unrecorded
  // (an export of personal data): its error is the caller's to act on.
  Status RecordChecked(const Actor& who, std::string action, std::string object_type = "",
                       std::optional<std::int64_t> object_id = {}, std::string detail = "");
  Status Write(Storage& tx, const Actor& who, std::string action, std::string object_type = "",
               std::optional<std::int64_t> object_id = {}, std::string detail = "");

 private:
  AuditRepository& repo_;
};

}  // namespace procura::auth
