// Audit: the one way procura writes the audit log. Every entry carries a
// UTC time, the actor, the IP and the object. Failures to write are logged
// to stderr and do not undo the action they describe.
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

 private:
  AuditRepository& repo_;
};

}  // namespace procura::auth
