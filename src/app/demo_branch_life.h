// The demo's branch organisational life (see demo_branch_life.cc).
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::app {

// Adds twelve months of meetings, ending on the local day of `now`, for
// every branch already in `tx` (run inside the demo's transaction, after
// the organisation is loaded).
Status LoadBranchLife(Storage& tx, UnixSeconds now, int utc_offset_minutes);

}  // namespace procura::app
