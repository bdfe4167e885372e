// BranchLifeRepository: branches' organisational life (三会一课): meetings
// with their attendance and spent check-in codes, the organisational life
// meeting's per-member records, heart-to-heart talks, the yearly democratic appraisal, the Party
// Committee's guides and the branches' plans. Same contract as storage.h:
// thread-safe, errors as values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

// A branch's party group (党小组).
struct PartyGroupRecord {
  std::int64_t id = 0;
  std::int64_t branch_id = 0;
  std::string name;
};

struct GroupMemberRecord {
  std::int64_t group_id = 0;
  std::int64_t member_id = 0;
  bool leader = false;
};

struct MeetingRecord {
  std::int64_t id = 0;
  std::int64_t branch_id = 0;
  std::optional<std::int64_t> group_id;  // a party group's meeting (kind "group")
  std::string kind;                      // see branchlife::MeetingKind
  std::string held_on;                   // YYYY-MM-DD
  std::string starts_at;                 // HH:MM
  std::string ends_at;                   // HH:MM, later the same day; "" when not given
  std::string place, topic, host, recorder;
  bool by_secretary = false;  // a party lesson given by the branch secretary
  std::optional<std::int64_t> guide_id;
  std::string minutes, resolutions;
  std::string photos;  // media ids, comma-separated, in order
  std::optional<UnixSeconds> records_filed_at;  // when minutes were first filed
  std::optional<std::int64_t> news_article_id;
  std::optional<std::int64_t> created_by;
  UnixSeconds created_at = 0;
  bool is_sample = false;
  std::int64_t version = 1;
};

struct MeetingFilter {
  std::optional<std::int64_t> branch_id;
  std::string from_day, to_day;  // inclusive; "" for open
  std::optional<std::int64_t> meeting_id;
};

struct MeetingMarkRecord {
  std::int64_t meeting_id = 0;
  std::int64_t member_id = 0;
  std::string mark;    // present, late, excused, absent
  std::string reason;  // for excused leave
  std::string method;  // qr, manual
  UnixSeconds marked_at = 0;
  std::optional<std::int64_t> marked_by;
};

// One member's record at an organisational life meeting: their
// self-criticism and the criticism they received.
struct MemberReviewRecord {
  std::int64_t meeting_id = 0;
  std::int64_t member_id = 0;
  std::string self_criticism, criticism;
};

struct AppraisalRecord {
  int year = 0;
  std::int64_t member_id = 0;
  std::int64_t branch_id = 0;
  std::string rating;  // excellent, qualified, basically-qualified, unqualified
  UnixSeconds rated_at = 0;
  std::optional<std::int64_t> rated_by;
};

// The Party Committee's guide for a month ("2026-03") or a quarter
// ("2026-Q1"): topics, materials and when branches report back.
struct GuideRecord {
  std::int64_t id = 0;
  std::string period;
  std::string title, topics, materials;
  std::string report_by;  // YYYY-MM-DD
  UnixSeconds published_at = 0;
  std::optional<std::int64_t> published_by;
};

struct PlanRecord {
  std::int64_t branch_id = 0;
  int year = 0;
  std::string body;
  UnixSeconds filed_at = 0;
  std::optional<std::int64_t> filed_by;
};

// A heart-to-heart talk (谈心谈话) between two members of a branch: the
// secretary with each member before the organisational life meeting,
// committee members with one another and with members.
struct TalkRecord {
  std::int64_t id = 0;
  std::int64_t branch_id = 0;
  std::string held_on;  // YYYY-MM-DD
  std::int64_t talker_id = 0;  // a member: who led the talk
  std::int64_t member_id = 0;  // a member: whom they talked with
  std::string summary;         // what was talked about (谈话要点)
  std::optional<std::int64_t> recorded_by;
  UnixSeconds recorded_at = 0;
};

class BranchLifeRepository {
 public:
  virtual ~BranchLifeRepository() = default;
  virtual Result<std::int64_t> InsertGroup(const PartyGroupRecord& g) = 0;
  // Groups of one branch (or of all), by (branch, name).
  virtual Result<std::vector<PartyGroupRecord>> ListGroups(std::optional<std::int64_t> branch) = 0;
  // Adds (or updates) a member's place in a group.
  virtual Status PutGroupMember(const GroupMemberRecord& m) = 0;
  // The members of one group, by member; of every group (nullopt), by
  // (group, member): one read where a page needs them all.
  virtual Result<std::vector<GroupMemberRecord>> ListGroupMembers(std::optional<std::int64_t> group) = 0;

  virtual Result<std::int64_t> InsertMeeting(const MeetingRecord& m) = 0;
  // Rewrites every field but id, created_*, is_sample; Conflict unless the
  // stored version is m.version (it then becomes m.version + 1).
  virtual Status UpdateMeeting(const MeetingRecord& m) = 0;
  virtual Status DeleteMeeting(std::int64_t id) = 0;
  // Meetings matching `f`, by (held_on, starts_at, id).
  virtual Result<std::vector<MeetingRecord>> ListMeetings(const MeetingFilter& f) = 0;

  // Inserts or replaces the member's mark.
  virtual Status SetMeetingMark(const MeetingMarkRecord& a) = 0;
  virtual Status DeleteMeetingMark(std::int64_t meeting, std::int64_t member) = 0;
  // Marks of one meeting, or of every meeting of `f` (meeting_id unset).
  virtual Result<std::vector<MeetingMarkRecord>> ListMeetingMarks(const MeetingFilter& f) = 0;
  // Records a spent check-in code; Conflict if this member spent it already.
  virtual Status SpendMeetingToken(std::int64_t meeting, std::int64_t slot, std::int64_t member,
                                   UnixSeconds at) = 0;

  virtual Status PutMemberReview(const MemberReviewRecord& r) = 0;
  virtual Result<std::vector<MemberReviewRecord>> ListMemberReviews(std::int64_t meeting) = 0;

  virtual Status PutAppraisal(const AppraisalRecord& a) = 0;
  // The year's ratings, of one branch or (nullopt) of all.
  virtual Result<std::vector<AppraisalRecord>> ListAppraisals(
      int year, std::optional<std::int64_t> branch) = 0;

  virtual Result<std::int64_t> InsertGuide(const GuideRecord& g) = 0;
  // Guides whose period starts with `year_prefix` ("2026"), newest first.
  virtual Result<std::vector<GuideRecord>> ListGuides(const std::string& year_prefix) = 0;
  virtual Result<std::optional<GuideRecord>> GetGuide(std::int64_t id) = 0;

  // A user's address for the daily reminder; "" removes it.
  virtual Status SetReminderEmail(std::int64_t user, const std::string& email) = 0;
  // (user id, address) of everyone who asked for reminders, by user.
  virtual Result<std::vector<std::pair<std::int64_t, std::string>>> ListReminderEmails() = 0;

  virtual Result<std::int64_t> InsertTalk(const TalkRecord& t) = 0;
  // Rewrites a talk's held_on, talker_id, member_id and summary (the
  // branch and who recorded it stay); NotFound when there is no talk t.id.
  virtual Status UpdateTalk(const TalkRecord& t) = 0;
  virtual Status DeleteTalk(std::int64_t id) = 0;
  virtual Result<std::optional<TalkRecord>> GetTalk(std::int64_t id) = 0;
  // A branch's talks (every branch's without one) held from `from_day` to
  // `to_day` (inclusive), newest first (held_on, then id).
  virtual Result<std::vector<TalkRecord>> ListTalks(std::optional<std::int64_t> branch,
                                                    const std::string& from_day,
                                                    const std::string& to_day) = 0;

  virtual Status PutPlan(const PlanRecord& p) = 0;
  virtual Result<std::optional<PlanRecord>> GetPlan(std::int64_t branch, int year) = 0;
  virtual Result<std::vector<PlanRecord>> ListPlans(int year) = 0;
};

}  // namespace procura
