#include "auth/audit.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace procura::auth {

namespace {

AuditEntry EntryOf(const Actor& who, std::string action, std::string object_type,
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
  return e;
}

}  // namespace

Status Audit::Write(Storage& tx, const Actor& who, std::string action, std::string object_type,
                    std::optional<std::int64_t> object_id, std::string detail) {
  return tx.audit().Append(
      EntryOf(who, std::move(action), std::move(object_type), object_id, std::move(detail)));
}

Status Audit::RecordChecked(const Actor& who, std::string action, std::string object_type,
                            std::optional<std::int64_t> object_id, std::string detail) {
  return repo_.Append(
      EntryOf(who, std::move(action), std::move(object_type), object_id, std::move(detail)));
}

void Audit::Record(const Actor& who, std::string action, std::string object_type,
                   std::optional<std::int64_t> object_id, std::string detail) {
  const std::string name = action;
  if (Status s = RecordChecked(who, std::move(action), std::move(object_type), object_id,
                               std::move(detail));
      !s.ok())
    spdlog::error("audit log write failed ({}): {}", name, s.message());
}

}  // namespace procura::auth
