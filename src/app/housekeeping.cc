#include "app/housekeeping.h"

#include "org/member_records.h"

namespace procura::app {

Result<SweepCounts> SweepExpired(Storage& storage, const auth::SessionPolicy& sp,
                                 std::int64_t applied_seq, const std::filesystem::path& imports_dir,
                                 UnixSeconds now) {
  SweepCounts n;
  auto sessions = storage.users().SweepSessions(now - sp.idle_seconds, now - sp.absolute_seconds);
  if (!sessions.ok()) return sessions.status();
  n.sessions = *sessions;
  auto throttle = storage.users().SweepLoginThrottle(now - sp.failure_memory_seconds);
  if (!throttle.ok()) return throttle.status();
  n.throttle_rows = *throttle;
  auto tickets = storage.users().SweepMfaTickets(now - auth::kMfaTicketSeconds);
  if (!tickets.ok()) return tickets.status();
  n.mfa_tickets = *tickets;
  // Rows the search index has applied, once every running reader has had
  // an hour to apply them too (other nodes, exports that persist less often).
  auto changes = storage.changes().Sweep(applied_seq, now - kChangeLogRetentionSeconds);
  if (!changes.ok()) return changes.status();
  n.changes = *changes;
  n.import_previews = org::SweepImportPreviews(imports_dir, now);
  // Their shared copies, where the database keeps files for every node.
  auto shared = storage.SweepSharedFiles("imports/", now - org::kImportPreviewSeconds);
  if (!shared.ok()) return shared.status();
  n.import_previews += *shared;
  return n;
}

}  // namespace procura::app
