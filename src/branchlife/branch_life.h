// BranchLifeService: branches' organisational life — meetings, their
// attendance and QR check-in, minutes, the organisational life meeting's
// records, the democratic appraisal, the committee's guides and the
// branches' plans — under the records rules:
//   - a branch secretary manages their own branch only;
//   - the records officer manages every branch and publishes guides;
//   - a member sees their own meetings and checks in by QR code;
//   - minutes, life-meeting records and appraisals are personal data:
//     every read of them is audited, as every export is (by the caller).
// Another branch's meeting is NotFound-or-Denied alike: a secretary learns
// nothing about it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "branchlife/rules.h"
#include "org/org_service.h"
#include "storage/storage.h"
#include "training/attendance.h"
#include "training/checkin_token.h"

namespace procura::branchlife {

// Field limits (bytes of UTF-8).
inline constexpr std::size_t kMaxTopic = 200, kMaxShort = 100, kMaxMinutes = 20000,
                             kMaxReview = 5000, kMaxPlan = 20000, kMaxPhotos = 20;
// Ok while `m` has room for another photo; Invalid (naming kMaxPhotos)
// once it keeps kMaxPhotos. Asked before a photo is stored, so a full
// meeting's upload leaves no file behind.
Status PhotoRoom(const MeetingRecord& m);

// Check-in opens this long before a meeting's start and closes when it
// ends, or this long after the start when no end is given; a check-in
// after start + kLateAfterMin is "late".
inline constexpr int kCheckinBeforeMin = 30, kCheckinAfterMin = 120, kLateAfterMin = 10;

// Ok, or Invalid naming each bad field (Status::AllOf): kind, held_on
// (YYYY-MM-DD), starts_at (HH:MM), ends_at ("" or HH:MM after starts_at),
// topic 1–200, place/host/recorder ≤ 100,
// minutes/resolutions ≤ 20,000, a group meeting names its group and only
// a group meeting does, by_secretary only on a party lesson.
Status ValidateMeeting(const MeetingRecord& m);

// When `m` starts (held_on and starts_at read at `offset_minutes` east of
// UTC); nullopt if either is malformed (never for a stored meeting).
std::optional<UnixSeconds> MeetingStart(const MeetingRecord& m, int offset_minutes);

// When `m` is planned to end, read like MeetingStart; nullopt when no end
// is given.
std::optional<UnixSeconds> MeetingEnd(const MeetingRecord& m, int offset_minutes);

// When check-in at `m` closes (see kCheckinAfterMin); nullopt like MeetingStart.
std::optional<UnixSeconds> CheckinCloses(const MeetingRecord& m, int offset_minutes);

// The meeting's time as shown: "14:30–16:30", or "14:30" without an end.
std::string MeetingHours(const MeetingRecord& m);

// Whether `branch` has a committee as it stands (HasCommittee over its
// current members and the posts on record); an error if they cannot be read.
Result<bool> BranchHasCommittee(Storage& storage, std::int64_t branch);

struct AttendeeLine {
  MemberRecord member;
  std::optional<MeetingMarkRecord> mark;
  bool expected = true;  // false: marked, but no longer among the expected
};

struct MeetingView {
  MeetingRecord meeting;
  std::string branch_name, group_name;
  std::vector<AttendeeLine> lines;  // the expected attendees by name, then others marked
  training::MarkTally tally;        // over the expected attendees
  std::size_t expected = 0;
  bool quorum_required = false, quorum = false;
  std::string records_due;
  RecordsState records = RecordsState::kNotYet;
  std::optional<GuideRecord> guide;
  std::vector<MemberReviewRecord> reviews;  // organisational life meeting only
  std::vector<std::int64_t> photos;
};

struct GroupInfo {
  std::int64_t id = 0;
  std::string name;
};

struct BranchYear {
  OrgUnitRecord branch;
  int year = 0;
  std::vector<GroupInfo> groups;
  std::vector<MeetingRecord> meetings;
  std::vector<DueItem> due;
  std::optional<PlanRecord> plan;
  bool has_committee = true;  // else no committee meetings are due
};

struct MeetingCheckin {
  MeetingRecord meeting;
  std::string member_name;
  std::string mark;  // present / late
  bool already = false;
};

struct MeetingProjector {
  MeetingRecord meeting;
  std::string token;  // "" when closed
  std::string closed;  // msgid, or ""
  MessageArgs closed_args;
  UnixSeconds token_expires = 0;
  std::size_t expected = 0, checked_in = 0;
};

struct AppraisalLine {
  MemberRecord member;
  std::string rating;  // "" when not rated yet
};

struct AppraisalCounts {
  std::size_t excellent = 0, qualified = 0, basically = 0, unqualified = 0, unrated = 0;
};

// The ratings of the democratic appraisal, best first.
const std::vector<std::string_view>& Ratings();
std::string_view RatingName(std::string_view rating);  // msgid

// One member's year (the member's side).
struct MemberYear {
  MemberRecord member;
  std::string branch_name;
  struct Row {
    MeetingRecord meeting;
    std::string mark;  // "" unmarked
  };
  std::vector<Row> meetings;  // meetings they were expected at, by date
  std::size_t attended = 0;
  double training_hours = 0;  // credited for the year's classes, and courses elsewhere
};

// A branch's year in full, for the printable 组织生活记录 and its XLSX.
struct YearRecord {
  BranchYear year;
  std::vector<MeetingView> meetings;  // held ones, by date
  std::vector<AppraisalLine> appraisal;
};

class BranchLifeService {
 public:
  using CalendarSource = std::function<Result<interact::WorkCalendar>()>;
  BranchLifeService(Storage& storage, auth::Audit& audit, org::OrgService& org,
                    CalendarSource calendar, const training::CheckinKey& meeting_key,
                    int utc_offset_minutes = 480)
      : storage_(storage), audit_(audit), org_(org), calendar_(std::move(calendar)),
        key_(meeting_key), offset_(utc_offset_minutes) {}

  // Ok if `who` manages `branch`: the records officer, or its secretary.
  Status CheckBranch(const auth::Principal& who, std::int64_t branch);
  // The branch `who` is secretary of, if any.
  Result<std::optional<std::int64_t>> OwnBranch(const auth::Principal& who) {
    return org_.OwnBranch(who);
  }
  Result<interact::WorkCalendar> Calendar() { return calendar_(); }
  int utc_offset() const { return offset_; }
  auth::Audit& audit() { return audit_; }  // for the area's other services (TalkService)

  // A branch's year: meetings, every rule's due items as of `today`, plan.
  Result<BranchYear> Year(const auth::Principal& who, std::int64_t branch, int year,
                          const std::string& today);
  // One meeting in full (minutes, attendance, reviews); audited.
  Result<MeetingView> View(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);
  // The branch's year with every held meeting in full and the appraisal;
  // audited once as "branch.record" with `purpose` ("print", "xlsx").
  Result<YearRecord> Record(const auth::Principal& who, const auth::Actor& actor,
                            std::int64_t branch, int year, const std::string& today,
                            const std::string& purpose);
  // The meeting with `id` after the branch check, without the audit (for
  // forms and actions that do not show minutes).
  Result<MeetingRecord> Find(const auth::Principal& who, std::int64_t id);

  // Editing (meetings.cc): validated; audited; the records are "filed" the
  // first time a meeting that has been held is saved with minutes.
  Result<std::int64_t> Create(const auth::Principal& who, const auth::Actor& actor,
                              MeetingRecord m);
  // Rewrites the meeting's fields; Conflict if it changed since m.version.
  Status Update(const auth::Principal& who, const auth::Actor& actor, MeetingRecord m);
  Status Delete(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);
  Status LinkNews(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                  std::int64_t article);
  // Adds a stored photo (a media id) to the meeting; Invalid past
  // kMaxPhotos.
  Status AddPhoto(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                  std::int64_t media_id);
  // Takes a photo off the meeting; NotFound if the meeting does not keep it.
  Status RemovePhoto(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                     std::int64_t media_id);
  // Moves a photo of the meeting to the front, where it leads the record
  // and the news draft made from it; NotFound if the meeting lacks it.
  Status LeadWithPhoto(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                       std::int64_t media_id);

  // Attendance (meeting_attendance.cc). Rows as for training sheets;
  // "" leaves a row as it is. Every row checked first; each change audited.
  Result<std::size_t> SaveMarks(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t id, const std::vector<training::MarkChange>& rows);
  Result<MeetingProjector> Projector(const auth::Principal& who, std::int64_t id, UnixSeconds now);
  // The member linked to `who` checks in with a projector code: refused
  // (no record) for a bad, foreign or expired code, a member not expected
  // at the meeting, or a time outside the window.
  // The meeting a check-in code names, for the member's check-in page:
  // the code's tag must verify (it may have expired: CheckIn says so), so
  // nobody learns a meeting's topic without a real code.
  Result<MeetingRecord> Invitation(std::string_view token);
  Result<MeetingCheckin> CheckIn(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t id, std::string_view token, UnixSeconds now);

  // The yearly cycle (yearly.cc).
  // Criticism and self-criticism records of an organisational life meeting.
  Status SaveReviews(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                     const std::vector<MemberReviewRecord>& reviews);
  // The branch's appraisal for `year`; audited (personal data).
  Result<std::vector<AppraisalLine>> Appraisal(const auth::Principal& who,
                                               const auth::Actor& actor, std::int64_t branch,
                                               int year);
  // Saves ratings (member → rating; "" skips a member). Invalid naming
  // "rating-<member>" for a bad rating or a member not in the branch.
  Status SaveAppraisal(const auth::Principal& who, const auth::Actor& actor, std::int64_t branch,
                       int year, const std::map<std::int64_t, std::string>& ratings);
  static AppraisalCounts Count(const std::vector<AppraisalRecord>& ratings);

  // Guides: the records officer publishes; every records role reads.
  Result<std::int64_t> PublishGuide(const auth::Principal& who, const auth::Actor& actor,
                                    GuideRecord g);
  Result<std::vector<GuideRecord>> Guides(const auth::Principal& who, int year);
  // For each guide of `year`: the branches that answered it by its
  // report-back day (a meeting linked to it held by then).
  Result<std::map<std::int64_t, std::set<std::int64_t>>> GuideAnswers(const auth::Principal& who,
                                                                      int year);
  Status FilePlan(const auth::Principal& who, const auth::Actor& actor, std::int64_t branch,
                  int year, const std::string& body);

  // The address where `who`, a branch secretary, gets the daily reminder
  // ("" for none), and setting it ("" removes it; Invalid naming "email").
  Result<std::string> ReminderEmail(const auth::Principal& who);
  Status SetReminderEmail(const auth::Principal& who, const auth::Actor& actor,
                          const std::string& email);

  // The signed-in member's own year (NotFound if the account has no member).
  Result<MemberYear> Mine(const auth::Principal& who, int year);

  // Who is expected at `m`: committee members (posts in the branch) for a
  // committee meeting, the group's members for a group meeting, otherwise
  // every current member of the branch.
  Result<std::vector<MemberRecord>> Expected(Storage& s, const MeetingRecord& m);

 private:
  Result<MeetingRecord> Load(Storage& s, std::int64_t id);
  // The full view of `m` (no access check, no audit).
  Result<MeetingView> Build(const MeetingRecord& m);
  // Invalid unless the group belongs to the branch and the guide exists.
  Status CheckLinks(const MeetingRecord& m);
  // Invalid ("held_on") for a meeting dated after its branch's dissolution.
  Status CheckStood(const MeetingRecord& m);
  // The meeting's next photo list from its stored one, or why there is none.
  using PhotoChange = std::function<Result<std::string>(const MeetingRecord&)>;
  Status ChangePhotos(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                      const PhotoChange& change, std::string_view action, std::int64_t media_id);
  Storage& storage_;
  auth::Audit& audit_;
  org::OrgService& org_;
  CalendarSource calendar_;
  const training::CheckinKey& key_;
  int offset_;
};

// The key for meetings' check-in codes, derived from the training key so
// one secret serves both and a class's code never opens a meeting.
training::CheckinKey MeetingKeyFrom(const training::CheckinKey& training_key);

}  // namespace procura::branchlife
