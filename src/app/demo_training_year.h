// The demo's training this year (see demo_training_year.cc).
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::app {

// Adds this year's two classes to `tx`, dated from the local day of `now`:
// the organ's monthly rotation training of every member (ten sessions of
// four hours, February to December) and the secretaries' and committee
// members' three-day centralized class in September. Sessions gone by are
// marked, a few members away on leave or absent; those ahead are planned.
// Together they pass the year's default requirements with a session or two
// to spare, so the hours page shows most members on course and some short. The newest secretary has
// none, so the dashboard still shows a secretary to be trained.
// Deterministic: the same day gives the same records. Run inside the
// demo's transaction, after the organisation is loaded.
Status LoadTrainingYear(Storage& tx, UnixSeconds now, int utc_offset_minutes);

}  // namespace procura::app
