#include "auth/permissions.h"

namespace procura::auth {

namespace {
constexpr std::pair<Role, std::string_view> kNames[] = {
    {Role::kAdmin, "admin"},
    {Role::kEditor, "editor"},
    {Role::kReviewer, "reviewer"},
    {Role::kRecordsOfficer, "records-officer"},
    {Role::kBranchSecretary, "branch-secretary"},
    {Role::kMember, "member"},
};
}  // namespace

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

std::string_view RoleName(Role r) {
  for (const auto& [role, n] : kNames) {
    if (role == r) return n;
  }
  return "";
}

std::vector<std::string_view> AllRoleNames() {
  std::vector<std::string_view> out;
  for (const auto& [r, n] : kNames) out.push_back(n);
  return out;
}

bool Can(const Principal& who, Action action, std::optional<std::int64_t> column_id) {
  const bool admin = who.Has(Role::kAdmin);
  const bool editor = who.Has(Role::kEditor);
  const bool reviewer = who.Has(Role::kReviewer);
  switch (action) {
    case Action::kUseAdmin:
      return admin || editor || reviewer;
    case Action::kWriteArticles:
      return editor || reviewer;
    case Action::kReviewColumn:
      return reviewer && column_id && who.reviewer_columns.count(*column_id) > 0;
    case Action::kManageUsers:
    case Action::kManageColumns:
    case Action::kViewAudit:
    case Action::kCorrectDate:
    case Action::kManageSite:
      return admin;
    case Action::kViewRecords:
      return who.Has(Role::kRecordsOfficer) || who.Has(Role::kBranchSecretary) ||
             who.Has(Role::kMember);
    case Action::kManageRecords:
      return who.Has(Role::kRecordsOfficer);
    case Action::kHandleMessages:
      return admin || editor || reviewer;
    case Action::kAnswerMessages:
      return admin || reviewer;
  }
  return false;
}

std::string_view ActionName(Action a) {
  static constexpr std::string_view kNames[] = {"use-admin",    "write-articles", "review-column",
                                                "manage-users", "manage-columns", "view-audit",
                                                "correct-date", "view-records",   "manage-records",
                                                "manage-site",  "handle-messages", "answer-messages"};
  return kNames[static_cast<int>(a)];
}

bool CanEditArticle(const Principal& who, std::int64_t column_id,
                    std::optional<std::int64_t> owner) {
  if (!Can(who, Action::kWriteArticles)) return false;
  if (owner && *owner == who.user_id) return true;
  return Can(who, Action::kReviewColumn, column_id) || who.editor_columns.count(column_id) > 0;
}

int ReviewStepRight(int step, int steps_needed) {
  if (step >= steps_needed) return 4;
  return step <= 1 ? 1 : 2;
}

bool CanTakeReviewStep(const Principal& who, std::int64_t column_id, int step, int steps_needed) {
  if (!Can(who, Action::kReviewColumn, column_id)) return false;
  auto it = who.review_rights.find(column_id);
  const int rights = it == who.review_rights.end() ? 7 : it->second;
  return (rights & ReviewStepRight(step, steps_needed)) != 0;
}

bool MayAttempt(const Principal& who, Action action) {
  if (action == Action::kReviewColumn) return who.Has(Role::kReviewer);
  return Can(who, action);
}

}  // namespace procura::auth
