// BranchLifeRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/branch_life_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlBranchLifeRepository final : public BranchLifeRepository {
 public:
  explicit SqlBranchLifeRepository(Database& db) : db_(db) {}
  Result<std::int64_t> InsertGroup(const PartyGroupRecord& g) override;
  Result<std::vector<PartyGroupRecord>> ListGroups(std::optional<std::int64_t> branch) override;
  Status PutGroupMember(const GroupMemberRecord& m) override;
  Result<std::vector<GroupMemberRecord>> ListGroupMembers(std::optional<std::int64_t> group) override;
  Result<std::int64_t> InsertMeeting(const MeetingRecord& m) override;
  Status UpdateMeeting(const MeetingRecord& m) override;
  Status DeleteMeeting(std::int64_t id) override;
  Result<std::vector<MeetingRecord>> ListMeetings(const MeetingFilter& f) override;
  Status SetMeetingMark(const MeetingMarkRecord& a) override;
  Status DeleteMeetingMark(std::int64_t meeting, std::int64_t member) override;
  Result<std::vector<MeetingMarkRecord>> ListMeetingMarks(const MeetingFilter& f) override;
  Status SpendMeetingToken(std::int64_t meeting, std::int64_t slot, std::int64_t member,
                           UnixSeconds at) override;
  Status PutMemberReview(const MemberReviewRecord& r) override;
  Result<std::vector<MemberReviewRecord>> ListMemberReviews(std::int64_t meeting) override;
  Status PutAppraisal(const AppraisalRecord& a) override;
  Result<std::vector<AppraisalRecord>> ListAppraisals(int year,
                                                      std::optional<std::int64_t> branch) override;
  Result<std::int64_t> InsertGuide(const GuideRecord& g) override;
  Result<std::vector<GuideRecord>> ListGuides(const std::string& year_prefix) override;
  Result<std::optional<GuideRecord>> GetGuide(std::int64_t id) override;
  Status SetReminderEmail(std::int64_t user, const std::string& email) override;
  Result<std::vector<std::pair<std::int64_t, std::string>>> ListReminderEmails() override;
  Result<std::int64_t> InsertTalk(const TalkRecord& t) override;
  Status UpdateTalk(const TalkRecord& t) override;
  Status DeleteTalk(std::int64_t id) override;
  Result<std::optional<TalkRecord>> GetTalk(std::int64_t id) override;
  Result<std::vector<TalkRecord>> ListTalks(std::optional<std::int64_t> branch, const std::string& from_day,
                                            const std::string& to_day) override;
  Status PutPlan(const PlanRecord& p) override;
  Result<std::optional<PlanRecord>> GetPlan(std::int64_t branch, int year) override;
  Result<std::vector<PlanRecord>> ListPlans(int year) override;

 private:
  Result<std::vector<GuideRecord>> Guides(const char* where, const std::string& text,
                                          std::int64_t id);
  Result<std::vector<PlanRecord>> Plans(const char* where, std::int64_t a, std::int64_t b);
  Database& db_;
};

}  // namespace procura::sql
