// OrgStructure: setting up and keeping the party organisation's units, the
// institution (机关), its Party Committee (机关党委) and the branches
// (党支部) under the committee. A new site has none of them: the records
// officer names the first two once, then adds the branches, and may rename
// any unit or change a branch's department and place in the order later.
// Members, posts and history refer to units by id, so a rename changes
// nothing else. Records officer only; each change is audited in its own
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::org {

inline constexpr int kMaxUnitName = 50;       // characters
inline constexpr int kMaxUnitPosition = 9999;
// The posts of a branch committee (支部委员会), the secretary first.
inline constexpr const char* kBranchPosts[] = {"secretary", "deputy-secretary",
                                               "organization-member", "publicity-member",
                                               "discipline-member"};

inline constexpr int kMaxDissolveNote = 200;  // characters

// Dissolving a branch (撤销, or merging it into another).
struct DissolveInput {
  std::string day;                      // YYYY-MM-DD, today or before
  std::optional<std::int64_t> move_to;  // the standing branch its people move to
  std::string note;                     // the decision's reference or reason
};

struct DissolveOutcome {
  std::size_t members_moved = 0;
  std::size_t applicants_moved = 0;
  std::size_t meetings_cancelled = 0;  // planned after the day, never held
};

// Restoring a dissolved branch.
struct RestoreInput {
  std::vector<std::int64_t> move_back;  // members to move back; each from MovedOutWith
  std::string note;                     // the decision's reference or reason
  bool give_back_posts = false;         // the posts the dissolution ended, to those moved back
};

// A member the dissolution moved out who is still where it moved them.
struct MovedOut {
  MemberRecord member;
  std::int64_t now_in = 0;                // the branch they are in
  std::vector<FormerPostRecord> posts;    // their posts there the dissolution ended
};

struct UnitInput {
  std::string name;
  std::string department;  // a branch's; ignored for the other kinds
  int position = 0;        // a branch's place in the order, 0–9999
};

// A branch committee post and the day it was taken ("" when not given).
struct PostTaken {
  std::string post;
  std::string since;
};

// True for one of kBranchPosts.
bool IsBranchPost(std::string_view post);

// Ok for the records officer; Denied ("only the records officer changes
// the party organisation") for anyone else.
Status RequireRecordsOfficer(const auth::Principal& who);

// A post held before, recorded afterwards (补录): one that ended before
// procura kept the history, or was never entered.
struct FormerPostInput {
  std::string post;                  // one of kBranchPosts
  std::optional<std::int64_t> unit;  // a branch, standing or dissolved
  std::string since;                 // YYYY-MM-DD taken; "" when not known
  std::string until;                 // YYYY-MM-DD it ended
};

class OrgStructure {
 public:
  OrgStructure(Storage& storage, auth::Audit& audit) : storage_(storage), audit_(audit) {}

  // The institution and its committee, once: Conflict when the site has
  // them already; Invalid naming the field ("institution", "committee")
  // for an empty or too long name. Denied unless records officer.
  Status SetUp(const auth::Principal& who, const auth::Actor& actor,
               const std::string& institution, const std::string& committee);
  // A new branch under the committee (Conflict before SetUp),
  // with a name no other branch has; position 0 puts it last.
  Result<std::int64_t> AddBranch(const auth::Principal& who, const auth::Actor& actor,
                                 const UnitInput& in);
  // Renames unit `id` (NotFound for none); a branch also takes its
  // department and position, and keeps its name unique.
  Status UpdateUnit(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                    const UnitInput& in);
  // Dissolves branch `id` as of `in.day`: its members (but those who left
  // the Party's rolls here) and its applicants still on the way in move to
  // `in.move_to`, a transfer each with the note, their posts here vacated;
  // its meetings planned after the day and never held (no minutes, no
  // attendance) are cancelled; then the branch is kept, marked dissolved,
  // with its meetings and history, and drops out of every list of
  // standing branches. Invalid naming the field: "day" malformed, after
  // `today`, or before a meeting of the branch on record (minutes or
  // attendance); "move_to" missing while anyone is to move,
  // or not another standing branch; "note" too long. NotFound for no such
  // branch; Conflict when it is dissolved already. One transaction.
  Result<DissolveOutcome> Dissolve(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t id, const DissolveInput& in,
                                   const std::string& today);
  // The members dissolved branch `id` moved out (transferred from it on or
  // after the day it was dissolved) who are still in the branch they went
  // to and on the rolls, by name: those restoring it may move back.
  // Empty for a branch that stands. NotFound for no such branch.
  Result<std::vector<MovedOut>> MovedOutWith(std::int64_t id);
  // Makes dissolved branch `id` stand again (dissolved by mistake, or
  // re-established) and moves the members `in.move_back` back into it, a
  // transfer each with the note; with `in.give_back_posts` each also holds
  // again the posts the dissolution ended, from their first day, as if
  // never ended. The meetings cancelled and the applicants who moved stay
  // as they are. Invalid naming
  // "move_back" for a member not among MovedOutWith(id), "note" for one
  // too long. NotFound for no such branch; Conflict when it stands, or
  // when a standing branch now has its name. Records officer only; one
  // transaction, audited.
  Status Restore(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                 const RestoreInput& in = {});
  // The member's posts on their branch's committee, replacing those held
  // (an empty list: none). Invalid for an unknown post, or for the
  // secretary post while another member of the branch holds it: it is
  // taken from them first, on purpose, since it gives a branch
  // secretary's access to the branch.
  // Each post's day: the one given (YYYY-MM-DD, not after `today` nor
  // before the member joined the Party, else Invalid naming "since-<post>"),
  // or when none is given, the day a kept post already had, or `today`
  // for a post newly given.
  Status SetPosts(const auth::Principal& who, const auth::Actor& actor, std::int64_t member,
                  const std::vector<PostTaken>& posts, const std::string& today);

  // Former posts (former_posts.cc). Records a post `member` held before.
  // Invalid naming each bad field: "post" not a committee post, "unit" not
  // a branch, "since" malformed or before the member joined the Party,
  // "until" malformed, after `today` or before "since"; Conflict when the
  // same post in the same branch ending that day is on record already.
  // NotFound for no such member. Records officer only; audited.
  Result<std::int64_t> AddFormerPost(const auth::Principal& who, const auth::Actor& actor,
                                     std::int64_t member, const FormerPostInput& in,
                                     const std::string& today);
  // Deletes former post `id` of `member`, one recorded by mistake: NotFound
  // when `member` has no such former post. Records officer only; audited.
  Status DeleteFormerPost(const auth::Principal& who, const auth::Actor& actor,
                          std::int64_t member, std::int64_t id);

 private:
  Storage& storage_;
  auth::Audit& audit_;
};

}  // namespace procura::org
