// OrgRepository: party organization units, members, posts and transfers.
// Same contract as storage.h: thread-safe, errors as values.
#pragma once

#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

struct OrgUnitRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string kind;  // "institution", "committee", "branch"
  std::string name;
  std::string department;  // a branch's department
  int position = 0;
  std::string dissolved_on;    // YYYY-MM-DD a branch was dissolved; "" while it stands
  std::string dissolved_note;  // the decision's reference or reason

  bool dissolved() const { return !dissolved_on.empty(); }
  // A branch that stands: what pickers, plans and overviews list.
  bool standing_branch() const { return kind == "branch" && dissolved_on.empty(); }
};

// The status of a member who has left for another organisation: kept on
// record for history, but no longer in a branch's roll, plans or dues.
inline constexpr std::string_view kTransferredOut = "transferred-out";

struct MemberRecord {
  std::int64_t id = 0;
  std::string name;
  std::string gender;       // "male" / "female"
  std::string birth_date;   // YYYY-MM-DD
  std::string joined_date;  // YYYY-MM-DD, date joined the Party (预备期 starts)
  std::int64_t branch_id = 0;
  std::string phone;
  std::string status;                   // "full", "probationary", "transferred-out"
  std::optional<std::int64_t> user_id;  // the member's newsroom account, if any
  bool is_sample = false;
  std::string full_date;  // YYYY-MM-DD, 转正: became a full member; "" if not recorded
  std::string full_approved_on;  // YYYY-MM-DD, the higher committee approved it; "" if not

  // Still on the branch's roll (not transferred out).
  bool current() const { return status != kTransferredOut; }
};

struct PostRecord {
  std::int64_t member_id = 0;
  std::int64_t unit_id = 0;
  std::string post;  // "secretary", "deputy-secretary", "organization-member", ...
  std::string since;  // YYYY-MM-DD the post was taken; "" when not known
};

// A branch committee post that has ended (member_post_history).
struct FormerPostRecord {
  std::int64_t member_id = 0;
  std::int64_t unit_id = 0;
  std::string post;
  std::string since;     // YYYY-MM-DD taken; "" when not known
  std::string ended_on;  // YYYY-MM-DD
  std::int64_t id = 0;   // its row, as listed (0 for one not yet kept)
};

struct TransferRecord {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::optional<std::int64_t> from_branch, to_branch;
  UnixSeconds at = 0;
  std::optional<std::int64_t> by_user;
  std::string note;
};

// 发展党员: someone on the way to membership. Dates are YYYY-MM-DD, ""
// where the stage is not reached.
struct ApplicantRecord {
  std::int64_t id = 0;
  std::string name;
  std::string gender;      // "male" / "female"
  std::string birth_date;  // YYYY-MM-DD
  std::int64_t branch_id = 0;
  std::string phone;
  std::string applied_on;    // 入党申请
  std::string activist_on;   // 入党积极分子
  std::string candidate_on;  // 发展对象
  std::string admitted_on;   // 接收为预备党员
  std::optional<std::int64_t> member_id;  // the member record made on admission
  UnixSeconds created_at = 0;
  std::optional<std::int64_t> sponsor1_id, sponsor2_id;  // 入党介绍人, from admission
  std::string stopped_on;   // no longer pursued; "" while it goes on
  std::string stop_reason;  // why, when stopped
};

// One step of the way in besides the stages themselves (谈话, 培养联系人,
// 政治审查, 预审, 审批…), recorded once per applicant and step: when it
// was done, by or with whom (up to two members: the contacts, who held a
// talk), and a note.
struct ApplicantStepRecord {
  std::int64_t applicant_id = 0;
  std::string step;     // a code from org/applicant_steps.h
  std::string done_on;  // YYYY-MM-DD
  std::string note;
  std::optional<std::int64_t> person1_id, person2_id;
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  virtual Result<std::int64_t> InsertUnit(const OrgUnitRecord& u) = 0;
  // Every unit, by (parent, position, id).
  virtual Result<std::vector<OrgUnitRecord>> ListUnits() = 0;
  // Renames a unit, or changes its department or position (its kind and
  // parent stay). NotFound for no such unit.
  virtual Status UpdateUnit(const OrgUnitRecord& u) = 0;
  // Marks a unit dissolved on `day` with `note`; NotFound for no such unit.
  virtual Status DissolveUnit(std::int64_t id, const std::string& day, const std::string& note) = 0;
  // Makes dissolved unit `id` stand again (no day, no note).
  Status RestoreUnit(std::int64_t id) { return DissolveUnit(id, "", ""); }
  virtual Result<std::int64_t> InsertMember(const MemberRecord& m) = 0;
  virtual Result<std::optional<MemberRecord>> GetMember(std::int64_t id) = 0;
  // Members of one branch (or of all branches when nullopt, by branch), by
  // name in pinyin order (i18n::PinyinLess), then by id.
  virtual Result<std::vector<MemberRecord>> ListMembers(std::optional<std::int64_t> branch) = 0;
  virtual Status UpdateMember(const MemberRecord& m) = 0;
  virtual Status AddPost(const PostRecord& p) = 0;
  virtual Result<std::vector<PostRecord>> ListPosts() = 0;
  // Removes every post the member holds in `unit`, keeping no history
  // (for posts given again at once); EndPost for a post that ends.
  virtual Status RemovePosts(std::int64_t member_id, std::int64_t unit_id) = 0;
  // Ends the post `held` (its member, unit and post) as of `ended_on`: it
  // leaves the posts held and is kept among the former posts with the day
  // it was taken. Ok, and nothing kept, when it is not held.
  virtual Status EndPost(const PostRecord& held, const std::string& ended_on) = 0;
  // Gives former post `p` (by its id, as listed) back as if it had never
  // ended: it is held again from its `since` and leaves the former posts
  // (a branch restored after a dissolution by mistake). Ok when there is
  // no such former post.
  virtual Status ReinstatePost(const FormerPostRecord& p) = 0;
  // The former posts of one member (or of everyone when nullopt), by the
  // day they ended, then the day taken.
  virtual Result<std::vector<FormerPostRecord>> ListFormerPosts(std::optional<std::int64_t> member) = 0;
  // Keeps a former post recorded afterwards, as given; returns its id.
  virtual Result<std::int64_t> InsertFormerPost(const FormerPostRecord& p) = 0;
  // Deletes former post `id`; NotFound when there is none.
  virtual Status DeleteFormerPost(std::int64_t id) = 0;
  virtual Status InsertTransfer(const TransferRecord& t) = 0;
  virtual Result<std::vector<TransferRecord>> ListTransfers(std::int64_t member_id) = 0;
  // Every member's transfers out of `branch`, by time, then id.
  virtual Result<std::vector<TransferRecord>> ListTransfersOutOf(std::int64_t branch) = 0;
  // The member record linked to a user account, if any.
  virtual Result<std::optional<MemberRecord>> MemberForUser(std::int64_t user_id) = 0;

  // Applicants (sql_applicants.cc).
  virtual Result<std::int64_t> InsertApplicant(const ApplicantRecord& a) = 0;
  virtual Result<std::optional<ApplicantRecord>> GetApplicant(std::int64_t id) = 0;
  // Of one branch (or all when nullopt), by application date, then id.
  virtual Result<std::vector<ApplicantRecord>> ListApplicants(std::optional<std::int64_t> branch) = 0;
  // Rewrites every field but id and created_at.
  virtual Status UpdateApplicant(const ApplicantRecord& a) = 0;
  // Records a step, replacing the applicant's earlier record of it.
  virtual Status PutApplicantStep(const ApplicantStepRecord& s) = 0;
  // Removes the applicant's record of `step`; Ok when there was none.
  virtual Status DeleteApplicantStep(std::int64_t applicant_id, const std::string& step) = 0;
  // The steps of the applicants of one branch (or of all when nullopt),
  // by applicant, then date.
  virtual Result<std::vector<ApplicantStepRecord>> ListApplicantSteps(
      std::optional<std::int64_t> branch) = 0;
  // One applicant's steps, by date.
  virtual Result<std::vector<ApplicantStepRecord>> StepsOfApplicant(std::int64_t applicant_id) = 0;
};

}  // namespace procura
