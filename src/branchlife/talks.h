// TalkService: heart-to-heart talks (谈心谈话) in a branch. Before the
// organisational life meeting the secretary talks with every member, and
// committee members with one another; the record says who talked with
// whom, when, and the main points. Same rules as the rest of branch life:
// a secretary keeps their own branch, the records officer every branch
// (BranchLifeService::CheckBranch); each change is audited.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/audit.h"
#include "branchlife/branch_life.h"
#include "storage/storage.h"

namespace procura::branchlife {

inline constexpr std::size_t kMaxTalkSummary = 5000;  // bytes of UTF-8

struct TalkInput {
  std::int64_t branch_id = 0;
  std::string held_on;  // YYYY-MM-DD, not after today
  std::int64_t talker_id = 0, member_id = 0;  // two current members of the branch
  std::string summary;  // 1–5,000 bytes
};

using MemberPairs = std::vector<std::pair<MemberRecord, MemberRecord>>;

struct TalkLine {
  TalkRecord talk;
  std::string talker, member;  // names
};

// A branch's talks in one year, and who has not talked with its secretary.
struct BranchTalks {
  std::vector<TalkLine> talks;        // newest first
  std::vector<MemberRecord> members;  // current members in pinyin order: the form's choices
  std::string secretary;              // the secretary's name; "" when none
  std::int64_t secretary_id = 0;
  std::vector<MemberRecord> not_yet;  // members the secretary has not talked with this year
  // Pairs of committee members besides the secretary (current members
  // holding a post in the branch) who have not talked with each other this
  // year, in the members' order.
  MemberPairs committee_not_yet;
};

// The member holding `branch`'s secretary post, or 0 while it is vacant.
std::int64_t SecretaryOf(std::int64_t branch, const std::vector<PostRecord>& posts);

// Members' names as one list, the way Chinese writes it: "张三、李四".
std::string JoinNames(const std::vector<MemberRecord>& members);

// The current members (`members`, in their order) other than the secretary
// whom the secretary has not talked with in `talks`, either way round.
std::vector<MemberRecord> NotYetTalked(std::int64_t secretary_id, const std::vector<MemberRecord>& members,
                                       const std::vector<TalkRecord>& talks);

// Every pair of `branch`'s committee members other than its secretary
// (current `members`, in their order, holding a post in `posts`) without a
// talk between them in `talks`, either way round. The secretary's own
// pairs are NotYetTalked's.
MemberPairs CommitteePairsNotYetTalked(std::int64_t branch, const std::vector<PostRecord>& posts,
                                       const std::vector<MemberRecord>& members,
                                       const std::vector<TalkRecord>& talks);

// Pairs as one list: each written by `pattern` (a translated "{a} with
// {b}"), joined with "、": "张三与李四、王五与赵六".
std::string JoinPairs(const MemberPairs& pairs, std::string_view pattern);

class TalkService {
 public:
  TalkService(Storage& storage, auth::Audit& audit, BranchLifeService& life)
      : storage_(storage), audit_(audit), life_(life) {}

  Result<BranchTalks> Year(const auth::Principal& who, std::int64_t branch, int year);
  // Invalid naming every bad field (held_on, talker_id, member_id, summary).
  Result<std::int64_t> Record(const auth::Principal& who, const auth::Actor& actor,
                              const TalkInput& in, UnixSeconds now);
  // The talk after the branch check; NotFound for another branch's talk.
  Result<TalkRecord> Find(const auth::Principal& who, std::int64_t id);
  // Rewrites a talk's date, members and summary; it stays in its branch
  // (in.branch_id is not read). The checks are Record's, except that the
  // talk's own two members stay valid after they leave the branch.
  Status Update(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                const TalkInput& in, UnixSeconds now);
  Status Delete(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);

 private:
  Storage& storage_;
  auth::Audit& audit_;
  BranchLifeService& life_;
};

}  // namespace procura::branchlife
