#include "auth/audit.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace procura::auth {

Status Audit::Write(const Actor& who, std::string action, std::string object_type,
                    std::optional<std::int64_t> object_id, std::string detail) {
  AuditEntry e;
  e.at = NowUnix();
  e.actor_id = who.id;
  e.actor_name = who.name;
  e.ip = who.ip;
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = object_id;
  e.detail = std::move(detail);
  return repo_.Append(e);
}

void Audit::Record(const Actor& who, std::string action, std::string object_type,
                   std::optional<std::int64_t> object_id, std::string detail) {
  const std::string name = action;
  if (Status s = Write(who, std::move(action), std::move(object_type), object_id, std::move(detail));
      !s.ok())
    spdlog::error("audit log write failed ({}): {}", name, s.message());
}

}  // namespace procura::auth
