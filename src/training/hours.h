// Training hours: what each attendance mark earns, each member's annual
// ledger against the requirement for their posts, and the 1/7 leave rule.
//
// A session credits its hours to members marked present, and
// hours × the class's late_credit to members marked late. Members holding
// any post (branch secretaries, committee members) need kDefaultLeaderHours
// a year, others kDefaultMemberHours, unless the year has its own figures.
// Courses elsewhere (outside_training.h) count in the year of their last day.
// Secretaries and committee members also need at least one centralized
// training a year: a class of the organ's they completed, or a centralized
// course elsewhere (an online course is not one).
// In a full-time class, excused leave above 1/7 of the class's hours flags
// the trainee as not completing it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "org/org_service.h"
#include "storage/storage.h"

namespace procura::training {

inline constexpr double kDefaultLeaderHours = 56, kDefaultMemberHours = 32;

// Hours one mark earns.
double CreditFor(const CreditRow& row);

// True if `excused` hours exceed 1/7 of `class_hours` in a full-time class.
bool ExceedsLeaveLimit(double excused, double class_hours, bool full_time);

// A course elsewhere counts as centralized training by its kind: a party
// school's class does, an online course does not.
inline bool IsCentralized(const OutsideTrainingRecord& t) { return t.kind == "centralized"; }

struct ClassCredit {
  std::int64_t class_id = 0;
  std::string title;
  double credited = 0, excused = 0, class_hours = 0;
  bool full_time = false;
  bool not_completing = false;  // the 1/7 rule
  bool outside = false;  // a course elsewhere (class_id 0; title names who held it)
  bool centralized = true;  // the organ's classes unless held online; a course elsewhere by its kind
  // Counts as the year's centralized training: some hours credited, and
  // not flagged by the 1/7 rule.
  bool counts_as_centralized() const { return centralized && credited > 0 && !not_completing; }
};

struct MemberLedger {
  MemberRecord member;
  std::string branch;
  std::string category;  // "leader" or "member"
  double required = 0, total = 0;
  std::vector<ClassCredit> classes;
  bool below() const { return total + 1e-9 < required; }
  // A secretary or committee member with no centralized training this year.
  bool lacks_centralized() const {
    if (category != "leader") return false;
    for (const auto& c : classes)
      if (c.counts_as_centralized()) return false;
    return true;
  }
  // Short of the year's requirement in hours or in centralized training.
  bool falls_short() const { return below() || lacks_centralized(); }
};

// Whether a post held now, taken on `since` (YYYY-MM-DD; "" when the day
// is not known), makes its holder a secretary or committee member in
// `year`: held at the year's end, so taken by then.
inline bool PostCountsIn(int year, std::string_view since) {
  return since.empty() || since <= std::to_string(year) + "-12-31";
}

// The same for a post held before, from `since` to `ended_on`: still held
// at the year's end. (Posts that ended before procura kept former posts
// are not on record.)
inline bool FormerPostCountsIn(int year, std::string_view since, std::string_view ended_on) {
  return PostCountsIn(year, since) && ended_on > std::to_string(year) + "-12-31";
}

// From 1 October (`today` as YYYY-MM-DD) to the year's end the newsroom
// reminds the staff of the members who still fall short: early enough to
// send them to a class, late enough that falling short means something.
inline bool InYearEndReminder(std::string_view today) {
  return today.size() == 10 && today.substr(5) >= "10-01";
}

struct Requirements {
  double leader = kDefaultLeaderHours, member = kDefaultMemberHours;
};

// Ok, or every problem (Status::AllOf), each naming its field ("year",
// "leader", "member"): the year 2000–2100, each figure 0–1000 hours.
Status ValidateRequirements(int year, const Requirements& r);

// Folds credit rows, in one pass, into each member's per-class credits
// (member id → classes in the order first seen); `class_hours` maps class
// id → the sum of its sessions' hours.
std::map<std::int64_t, std::vector<ClassCredit>> FoldCredits(
    const std::vector<CreditRow>& rows, const std::map<std::int64_t, double>& class_hours);

class HoursService {
 public:
  HoursService(Storage& storage, auth::Audit& audit, org::OrgService& org)
      : storage_(storage), audit_(audit), org_(org) {}

  Result<Requirements> RequirementsFor(int year);
  // Sets the year's figures (as ValidateRequirements allows). Records
  // officer only; audited.
  Status SetRequirements(const auth::Principal& who, const auth::Actor& actor, int year,
                         const Requirements& r);
  // One ledger per current member `who` may see (all for the records
  // officer, their own branch for a branch secretary), optionally one
  // branch only (NotFound for the officer naming no standing branch,
  // Denied for a secretary naming another), by branch then name.
  // Transferred-out members are left out.
  Result<std::vector<MemberLedger>> AnnualReport(const auth::Principal& who, int year,
                                                 std::optional<std::int64_t> branch);

 private:
  Storage& storage_;
  auth::Audit& audit_;
  org::OrgService& org_;
};

}  // namespace procura::training
