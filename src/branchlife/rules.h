// The rules of branch organisational life (中国共产党支部工作条例（试行）,
// 2018, and the usual local rules): which meetings a branch holds how
// often, when their records are due, and what a quorum is. Pure functions
// over dates; the caller passes "today" and the working-day calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interact/work_calendar.h"
#include "storage/branch_life_repository.h"

namespace procura::branchlife {

// Meeting kinds as stored: "members" 支部党员大会, "committee" 支部委员会,
// "group" 党小组会, "lesson" 党课, "themed-day" 主题党日, "life-meeting"
// 组织生活会, "appraisal" 民主评议党员.
bool IsMeetingKind(std::string_view kind);
const std::vector<std::string_view>& MeetingKinds();
// The kind's name as a msgid (marked N_), e.g. "Branch members' meeting".
std::string_view KindName(std::string_view kind);
// True for the kinds whose quorum the rules set: more than half of the
// members (members' meeting) or of the committee (committee meeting).
bool NeedsQuorum(std::string_view kind);

enum class Frequency { kMonthly, kQuarterly, kYearly };

// One rule: meetings of `kind` at least once every `every`. The
// "secretary-lesson" rule is met only by a party lesson the branch
// secretary gives (MeetingRecord::by_secretary). Group rules are per party
// group of the branch.
struct Rule {
  std::string_view id;    // "members", ..., "secretary-lesson"
  std::string_view kind;  // the meeting kind that meets it
  Frequency every;
  bool by_secretary = false;
  std::string_view name;  // msgid
};
const std::vector<Rule>& Rules();
const Rule* FindRule(std::string_view id);

// A calendar period: a month ("2026-03"), a quarter ("2026-Q1") or a year
// ("2026"), with its first and last day (YYYY-MM-DD).
struct Period {
  std::string label, first_day, last_day;
};
std::vector<Period> PeriodsOf(Frequency every, int year);
// The period of `every` that `day` falls in.
Period PeriodOf(Frequency every, const std::string& day);

// Records (minutes) are due this many working days after the meeting.
inline constexpr int kRecordsWorkingDays = 3;
// The day the records of a meeting held on `held_on` are due.
std::string RecordsDeadline(const interact::WorkCalendar& cal, const std::string& held_on);

// More than half: exactly half is not a quorum. No quorum with nobody
// expected.
inline bool HasQuorum(std::size_t attended, std::size_t expected) {
  return expected > 0 && attended * 2 > expected;
}

// Where a meeting's records stand on `today`.
enum class RecordsState {
  kFiled,    // filed by the deadline
  kLate,     // filed after the deadline
  kPending,  // not filed; the deadline has not passed
  kOverdue,  // not filed; the deadline has passed
  kNotYet,   // the meeting is still ahead
};
RecordsState RecordsStateOf(const MeetingRecord& m, const std::string& records_due,
                            const std::string& today, int utc_offset_minutes);
std::string_view RecordsStateName(RecordsState s);  // "filed", "late", ...

// Where one rule stands for one period.
enum class DueState {
  kMet,        // held, records filed on time
  kMetLate,    // held, records late or overdue
  kRecordsDue, // held, records pending
  kScheduled,  // not held yet, but a meeting is planned in the period
  kOpen,       // the period is running, nothing held yet
  kDueSoon,    // as kOpen, and the period ends within kDueSoonDays
  kMissing,    // the period is over and nothing was held
  kUpcoming,   // the period has not started
};
inline constexpr int kDueSoonDays = 7;
std::string_view DueStateName(DueState s);  // "met", "met-late", ...
// True for the states a secretary must act on now.
bool NeedsAction(DueState s);

struct DueItem {
  std::string rule;  // Rule::id
  std::optional<std::int64_t> group_id;
  Period period;
  DueState state = DueState::kUpcoming;
  std::vector<std::int64_t> meetings;  // those in the period that meet the rule
  std::string records_due;             // the earliest unfiled records' deadline, if any
};

// True for what can still be put right on `today`: due soon, records owed
// (pending or overdue), or missed in a period that ended within a month.
// The dashboard of the committee and the daily reminders list these.
bool ActionableNow(const DueItem& d, const std::string& today);

// A branch of this many members or more has a branch committee (支部工作条例
// 第九条); a smaller one has a secretary, and a deputy if needed, and holds
// no committee meetings.
inline constexpr std::size_t kCommitteeFromMembers = 7;
// Whether a branch has a committee: kCommitteeFromMembers members or more,
// or committee members (组织、宣传、纪检委员) on record all the same, since
// the records follow the organisation as it is.
bool HasCommittee(std::size_t members, bool committee_members_on_record);
// True for the posts of a committee member (not the secretary or deputy).
bool IsCommitteeMemberPost(std::string_view post);

// One branch's meetings in a year and its party groups. Without a
// committee, the committee-meeting rule does not apply.
struct BranchMeetings {
  std::vector<std::int64_t> group_ids;
  std::vector<MeetingRecord> meetings;
  bool has_committee = true;
};

// Every rule's due items for the branch in `year`, by rule then period,
// as they stand on `today`.
std::vector<DueItem> DueItems(const BranchMeetings& b, int year, const std::string& today,
                              const interact::WorkCalendar& cal, int utc_offset_minutes);

}  // namespace procura::branchlife
