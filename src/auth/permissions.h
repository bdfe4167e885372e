// Roles and the one place that decides who may do what. Access is denied
// unless a rule below allows it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace procura::auth {

// kMember: a party member's own account (their classes, hours, year of
// branch life, QR check-in), managing nothing even if they hold a post.
// kBranchSecretary manages the branch whose secretary post the linked
// member holds (org/org_service.h OwnBranch), and is a member otherwise.
enum class Role { kAdmin, kEditor, kReviewer, kRecordsOfficer, kBranchSecretary, kMember };

// "admin", "editor", "reviewer", "records-officer", "branch-secretary",
// "member".
std::optional<Role> ParseRole(std::string_view name);
std::string_view RoleName(Role r);
std::vector<std::string_view> AllRoleNames();

// Who is acting: a signed-in user with roles and the columns they review.
struct Principal {
  std::int64_t user_id = 0;
  std::string name;
  std::set<Role> roles;
  std::set<std::int64_t> reviewer_columns;
  // The review steps they may take per column they review (a mask:
  // 1 first 初审, 2 second 复审, 4 final 终审); missing = all steps.
  std::map<std::int64_t, int> review_rights;
  std::set<std::int64_t> editor_columns;  // columns where an admin lets them edit others' work
  std::string lang;                       // the newsroom's language ("" = the site's)
  bool Has(Role r) const { return roles.count(r) > 0; }
};

enum class Action {
  kUseAdmin,       // see the newsroom at all
  kWriteArticles,  // create drafts, edit drafts, submit
  kReviewColumn,   // approve, return, publish, withdraw, republish (column)
  kManageUsers,    // users and roles
  kManageColumns,  // create, rename, reorder, hide; assign reviewers
  kViewAudit,      // browse and export the audit log
  kCorrectDate,    // correct a published date (recorded in the audit log)
  kViewRecords,    // party records; branch secretaries only their own branch
  kManageRecords,  // change party records (the records officer)
  kManageSite,     // site settings: name, public address, robots.txt (admin)
  kHandleMessages,  // public messages: triage, assign, draft replies (newsroom roles)
  kAnswerMessages,  // approve a reply for sending and publication (reviewers, admin)
};

// "use-admin", "write-articles", ... (for route listings).
std::string_view ActionName(Action a);

// True if `who` may do `action`; `column_id` is the article's column for
// column-scoped actions (kReviewColumn).
bool Can(const Principal& who, Action action, std::optional<std::int64_t> column_id = {});

// True if `who` may change an article in `column_id` written by `owner`.
// Writers change their own articles; others' only as a reviewer of that
// column or as an editor of that column named by an admin.
bool CanEditArticle(const Principal& who, std::int64_t column_id,
                    std::optional<std::int64_t> owner);

// The right (mask bit) that step `step` of `steps_needed` takes: the last
// step is always the final review (终审, 4); step 1 of more is the first
// (初审, 1); step 2 of 3 is the second (复审, 2).
int ReviewStepRight(int step, int steps_needed);

// True if `who` reviews `column_id` and holds the right for step `step` of
// `steps_needed` there.
bool CanTakeReviewStep(const Principal& who, std::int64_t column_id, int step, int steps_needed);

// The route-level check: true if `who` could be allowed `action` for some
// object. Column-scoped actions need the role here; the service then checks
// the object's own column with Can().
bool MayAttempt(const Principal& who, Action action);

}  // namespace procura::auth
