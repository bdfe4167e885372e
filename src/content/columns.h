// ColumnService: create and change portal columns (admin only): name,
// slug, order, nesting, visibility and reviewers. Audited; each change is
// announced as a ContentChanged("column") event so every page's
// navigation is rebuilt.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/events.h"
#include "storage/storage.h"

namespace procura {

inline constexpr std::int64_t kMaxColumnPosition = 1'000'000;

// The name of step `step` of `steps_needed` (a msgid): "review" for a
// single step; else first (初审), second (复审) and final review (终审).
std::string_view ReviewStepLabel(int step, int steps_needed);

struct ColumnInput {
  std::string slug, name, description;
  // The name and description in the site's second language; nullopt keeps
  // what is stored (a client that does not send them clears nothing).
  std::optional<std::string> second_name, second_description;
  std::optional<std::int64_t> parent_id;
  int position = 0;  // 0 to kMaxColumnPosition
  bool hidden = false;
  bool four_eyes = true;  // the approver is not who wrote or last edited
  std::vector<std::int64_t> reviewer_ids;
  // The steps each reviewer may take (mask, see ReviewerGrant); a reviewer
  // missing here may take every step.
  std::map<std::int64_t, int> reviewer_steps;
  int review_steps = 1;  // 1 to 3 (三审: 初审, 复审, 终审)
  std::string column_type = "news";  // news, notice, policy, other (for the inspection)
  std::vector<std::int64_t> editor_ids;  // may edit anyone's articles here
};

class ColumnService {
 public:
  ColumnService(Storage& storage, auth::Audit& audit, EventBus& events)
      : storage_(storage), audit_(audit), events_(events) {}
  // Invalid naming the field (slug, name, parent, reviewer, review_steps:
  // once a column has reviewers, every step it needs has a holder and
  // there are as many reviewers as steps); Denied unless
  // `who` manages columns; AlreadyExists for a taken slug.
  Result<std::int64_t> Create(const ColumnInput& in, const auth::Principal& who,
                              const auth::Actor& actor);
  Status Update(std::int64_t id, const ColumnInput& in, const auth::Principal& who,
                const auth::Actor& actor);
  // Column `id` as an input for Update, with its reviewers (and their
  // steps) and editors: a caller that changes only some fields starts
  // from it. A reviewer or editor who no longer holds that role is left
  // out, as the newsroom's form leaves them out. NotFound when there is
  // no such column.
  Result<ColumnInput> Stored(std::int64_t id) const;

 private:
  // Reads the column tree through `tx`, the saving transaction.
  Status Validate(Storage& tx, const ColumnInput& in, std::optional<std::int64_t> self) const;
  Storage& storage_;
  auth::Audit& audit_;
  EventBus& events_;
};

}  // namespace procura
