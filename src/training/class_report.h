// The class summary (enrolled, attended, attendance rate, per-session and
// per-branch figures, who presented, who did not complete) and the facts a
// news report about the class carries.
#pragma once

#include <functional>
#include <string_view>

#include <optional>
#include <string>
#include <vector>

#include "auth/permissions.h"
#include "storage/storage.h"
#include "training/attendance.h"
#include "training/training_service.h"

namespace procura::training {

struct SessionCounts {
  SessionView session;
  MarkTally tally;  // over the members enrolled now
};

struct BranchParticipation {
  std::string branch;
  std::size_t enrolled = 0, attended = 0;
};

struct ClassSummary {
  ClassDetail detail;
  std::size_t enrolled = 0;  // currently enrolled
  std::size_t attended = 0;  // present or late at one session at least
  // Present-or-late marks over enrolled × sessions, 0–100 (0 with no sessions).
  double attendance_rate = 0;
  std::vector<SessionCounts> sessions;
  std::vector<BranchParticipation> branches;  // branches with enrolled members, by name
  std::vector<std::string> not_completing;    // names, under the 1/7 leave rule
};

// Builds the summary. Records officer only.
Result<ClassSummary> SummarizeClass(Storage& storage, TrainingService& training,
                                    const auth::Principal& who, std::int64_t class_id);

// A news draft's title and Markdown body carrying the class's facts: date,
// organizer and purpose; lecturers and topics; participant count; the
// presenting branches. The editor writes it up from there.
struct NewsFacts {
  std::string title;
  std::string body_md;
};
// The language the draft is written in: `text` translates a msgid and
// fills its placeholders; `date` writes an ISO date ("2022-07-14") the
// way that language does. English() leaves both as they are.
struct NewsWording {
  std::function<std::string(std::string_view msgid, const MessageArgs& args)> text;
  std::function<std::string(const std::string& iso_date)> date;
  static NewsWording English();
};
NewsFacts DraftNewsFacts(const ClassSummary& s, const NewsWording& w = NewsWording::English());

}  // namespace procura::training
