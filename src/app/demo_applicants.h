// The demo's applicants for membership (see demo_applicants.cc).
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::app {

// Enters a few applicants at every stage in the first branches, dated from
// the local day of `now`: an applicant, an activist whose year is over
// (ready to be named a candidate), one whose year is not, a candidate, and
// one admitted this year with their probationary member record (run inside
// the demo's transaction, after the organisation is loaded).
Status LoadApplicants(Storage& tx, UnixSeconds now, int utc_offset_minutes);

}  // namespace procura::app
