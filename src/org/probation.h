// Probation (预备期): a probationary member's year from the day the branch
// admitted them (the member record's joined date). When it ends the
// branch must discuss full membership (转正) in time, so the records
// officer and the branch's secretary are shown whose year ends soon or has
// ended without the record saying "full member".
#pragma once

#include <string>
#include <vector>

#include "org/org_service.h"

namespace procura::org {

// `years` years after `day` ("YYYY-MM-DD"); 29 February gives 28
// February in a year without one. "" for anything that is not a valid date.
std::string YearsAfter(const std::string& day, int years);
inline std::string OneYearAfter(const std::string& day) { return YearsAfter(day, 1); }
// The day someone born on `birth` turns eighteen, the age from which one
// may apply to and join the Party.
inline std::string EighteenthBirthday(const std::string& birth) { return YearsAfter(birth, 18); }
// The day a probation that began on `joined` ends: OneYearAfter(joined).
inline std::string ProbationEnds(const std::string& joined) { return OneYearAfter(joined); }

// Days from `from` to `to` (both "YYYY-MM-DD"; negative when `to` is
// earlier); 0 for an invalid date.
int DaysBetween(const std::string& from, const std::string& to);

// Party standing (党龄): whole years from `full_date` (转正) to `today`
// (both "YYYY-MM-DD"); 0 before the first anniversary or for an invalid
// date.
int PartyStandingYears(const std::string& full_date, const std::string& today);

// 转正审批: the day by which the higher committee should approve the
// full membership of `m` (three months after its day), or "" when there
// is nothing to wait for: no day of full membership, approved, or a day
// more than a year before `today` (a record kept from before approvals
// were, not an approval still awaited).
std::string FullApprovalDue(const MemberRecord& m, const std::string& today);

struct ProbationDue {
  MemberRecord member;
  std::string branch_name;
  std::string ends_on;  // YYYY-MM-DD
  int days_left = 0;    // negative once the year is over
};

// Probationary members in `who`'s branches (all for the records officer,
// their own for a secretary; Denied for anyone else) whose year ends
// within `days` of `today` or has ended, soonest first. Members without a
// valid joined date are left out.
Result<std::vector<ProbationDue>> ProbationsEnding(Storage& storage, OrgService& org,
                                                   const auth::Principal& who,
                                                   const std::string& today, int days);

// Full members in `who`'s branches (as ProbationsEnding) whose full
// membership awaits the higher committee's approval (FullApprovalDue),
// soonest due first; `ends_on` is the day it is due.
Result<std::vector<ProbationDue>> FullApprovalsAwaited(Storage& storage, OrgService& org,
                                                       const auth::Principal& who,
                                                       const std::string& today);

}  // namespace procura::org
