// OrgService: the party organization and its members, with the access
// rules for personal data: the records officer sees and manages everything;
// a branch secretary sees only their own branch (linked through their member
// record); nobody else sees members at all. Lists mask phone numbers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::org {

struct BranchSummary {
  OrgUnitRecord unit;
  std::size_t members = 0;
  std::string secretary;  // name, or "" if the post is vacant
};

struct MemberDetail {
  MemberRecord member;
  std::string branch_name;
  std::vector<std::string> posts;  // "secretary", ...
  std::map<std::string, std::string> post_since;  // post → the day taken ("" unknown)
  std::vector<TransferRecord> transfers;
  std::vector<FormerPostRecord> former_posts;  // posts held before, by the day they ended
  std::map<std::int64_t, std::string> unit_names;  // every unit's, to name a transfer's branches
};

// Ends every post `member` holds in `unit` as of `day` (YYYY-MM-DD),
// keeping each among their former posts: on a transfer out of the unit, or
// its dissolution. Run inside the caller's transaction.
Status EndPostsIn(Storage& tx, std::int64_t member, std::int64_t unit, const std::string& day);

// "13812345678" → "138****5678"; other shapes keep only their last 4.
std::string MaskPhone(const std::string& phone);

class OrgService {
 public:
  OrgService(Storage& storage, auth::Audit& audit) : storage_(storage), audit_(audit) {}

  // The branch `who` may see as a branch secretary, if any.
  Result<std::optional<std::int64_t>> OwnBranch(const auth::Principal& who);
  // Standing branches `who` may see: all for the records officer, their
  // own for a branch secretary. Denied for anyone else.
  Result<std::vector<BranchSummary>> Branches(const auth::Principal& who);
  // The dissolved branches, latest first (records officer only; for a
  // branch secretary, none).
  Result<std::vector<OrgUnitRecord>> DissolvedBranches(const auth::Principal& who);
  // Members of a branch (in pinyin order) with phones masked. Denied
  // outside `who`'s reach.
  Result<std::vector<MemberRecord>> BranchMembers(const auth::Principal& who, std::int64_t branch);
  // One member in full (unmasked). Denied outside `who`'s reach; audited.
  Result<MemberDetail> Member(const auth::Principal& who, const auth::Actor& actor,
                              std::int64_t id);
  // Moves a member to another branch, keeping the history and ending the
  // posts they held in the old branch as of `today` (YYYY-MM-DD). Records
  // officer only.
  Status Transfer(const auth::Principal& who, const auth::Actor& actor, std::int64_t member,
                  std::int64_t to_branch, const std::string& note, const std::string& today);

 private:
  Status CheckBranch(const auth::Principal& who, std::int64_t branch);
  Storage& storage_;
  auth::Audit& audit_;
};

}  // namespace procura::org
