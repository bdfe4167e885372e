// The demo's party dues (see demo_dues.cc).
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::app {

// Sets last year's and this year's dues for every member in `tx` and
// records their payments up to the local day of `now`: most members paid
// up each month, some a few months behind, two six months or more (run
// inside the demo's transaction, after the organisation is loaded).
Status LoadDues(Storage& tx, UnixSeconds now, int utc_offset_minutes);

}  // namespace procura::app
