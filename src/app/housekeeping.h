// Housekeeping: the sweepers that keep every growing table bounded. Run
// once a minute by the server's scheduler thread.
#pragma once

#include <filesystem>
#include <functional>

#include "auth/accounts.h"
#include "core/clock.h"
#include "storage/storage.h"

namespace procura::app {

// How long applied change-log rows stay, for running readers that keep no
// position of their own (another node's snapshot) to catch up from.
inline constexpr UnixSeconds kChangeLogRetentionSeconds = 3600;

struct SweepCounts {
  int sessions = 0, throttle_rows = 0, mfa_tickets = 0, changes = 0, import_previews = 0;
};

// Deletes expired sessions (idle or past their absolute limit), sign-in
// throttle rows older than their memory, second-step tickets past their
// life, change-log rows the search index has applied (up to `applied_seq`)
// and older than kChangeLogRetentionSeconds,
// and import previews older than an hour under `imports_dir`.
Result<SweepCounts> SweepExpired(Storage& storage, const auth::SessionPolicy& sessions,
                                 std::int64_t applied_seq, const std::filesystem::path& imports_dir,
                                 UnixSeconds now);

}  // namespace procura::app
