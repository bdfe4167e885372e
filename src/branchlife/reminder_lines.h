// The lines of a branch secretary's reminder, one function per topic, so
// that BuildReminders only finds the secretaries and puts their lines
// together. Each returns the lines ("- …") for `branch` on `today`, in the
// site's language through `say`; none when nothing needs action.
#pragma once

#include <string>
#include <vector>

#include "branchlife/reminders.h"
#include "interact/work_calendar.h"

namespace procura::branchlife {

// The branch's own records, read once per secretary.
struct BranchRecords {
  std::int64_t branch_id = 0;
  const std::vector<MemberRecord>* members = nullptr;  // every member of every branch
};

// 三会一课 and the other rules' due items that need action now, and, when the
// organisational life meeting is within kDueSoonDays, the members the
// secretary has still to talk with. An error if the branch's meetings
// cannot be read.
Result<std::vector<std::string>> MeetingLines(Storage& storage, const BranchRecords& b,
                                              const interact::WorkCalendar& cal,
                                              const std::string& today, int offset,
                                              const Say& say);

// Probation ending within 30 days or over (the branch meeting on full
// membership), and full memberships whose approval by the higher committee
// is late (org::FullApprovalDue before today).
std::vector<std::string> MemberLines(const BranchRecords& b, const std::string& today,
                                     const Say& say);

// Members three months or more behind with their dues.
std::vector<std::string> DuesLines(Storage& storage, const BranchRecords& b,
                                   const std::string& today, const Say& say);

// Activists ready to be named candidates, and steps of the way in past
// their deadline.
std::vector<std::string> ApplicantLines(Storage& storage, const BranchRecords& b,
                                        const std::string& today, const Say& say);

}  // namespace procura::branchlife
