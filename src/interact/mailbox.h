// MailboxService: the public message boxes (检察长信箱, 咨询, 建议, 纠错) and
// their handling. A citizen writes through a box's form and gets a query
// code; the newsroom triages (accept, or reject as invalid with a reason:
// invalid messages do not count against deadlines), assigns a department,
// drafts a reply, and a second person approves it; the reply is then
// answered and, if the submitter chose so, published with personal data
// masked. Each box's deadline counts working days from receipt on the
// working-day calendar. Everything in the newsroom is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "interact/work_calendar.h"
#include "safety/word_check.h"
#include "storage/storage.h"

namespace procura::interact {

// Limits (characters), checked by Submit.
inline constexpr std::size_t kMaxMessageTitle = 100, kMaxMessageBody = 5000, kMaxContactName = 50,
                             kMaxPhone = 30, kMaxEmail = 100, kMaxReply = 5000,
                             kMaxDepartment = 50, kMaxRejectReason = 500;
// Abuse limits: messages per connection per hour, per contact per day.
inline constexpr int kMessagesPerClientHour = 5, kMessagesPerContactDay = 3;
// A message whose deadline is this many working days away or less is "due soon".
inline constexpr int kDueSoonWorkingDays = 2;

struct MessageInput {
  std::string title, body, name, phone, email;
  bool wants_public = false;
  std::string honeypot;  // a field people never see or fill
  std::string client;    // the sender's address: hashed for rate limits, never stored
};

struct Submitted {
  std::int64_t id = 0;
  std::string query_code;  // shown once; only its hash is kept
  std::string due_day;
};

// A message waiting for the newsroom, with its deadline's state.
struct DueItem {
  MessageRecord message;
  std::string box_name;
  int working_days_left = 0;  // negative: overdue by that many
  bool overdue = false;
};

// One month of the public statistics.
struct MonthStats {
  std::string month;  // "2026-11"
  int received = 0;   // valid messages received (rejected ones not counted)
  int answered = 0;
  double average_days = 0;  // working days from receipt to answer
  int longest_days = 0;
};

class MailboxService {
 public:
  MailboxService(Storage& storage, auth::Audit& audit, int utc_offset_minutes = 480)
      : storage_(storage), audit_(audit), offset_(utc_offset_minutes), words_(storage.safety()) {}

  // A citizen's message to the box `slug`. NotFound for no such (enabled)
  // box; Invalid naming each bad field (the box says which contact fields
  // it requires); Invalid if the word lists block the text; Unavailable
  // past a rate limit (the message names when to try again).
  Result<Submitted> Submit(const std::string& slug, const MessageInput& in, UnixSeconds now);
  // The message with this query code (spaces, dashes and case ignored).
  Result<std::optional<MessageRecord>> Lookup(const std::string& code);

  // Newsroom steps; `version` is the one the handler read (Conflict if it
  // changed since). Denied unless `who` may handle (answer) messages.
  Status Accept(std::int64_t id, std::int64_t version, const std::string& department,
                const auth::Principal& who, const auth::Actor& actor);
  Status Reject(std::int64_t id, std::int64_t version, const std::string& reason,
                const auth::Principal& who, const auth::Actor& actor);
  // Saves the draft reply and department; with `submit`, hands it to review,
  // refused (field "reply") while it says what the checks before publishing
  // refuse (personal numbers too when the reply will be published).
  Status SaveReply(std::int64_t id, std::int64_t version, const std::string& department,
                   const std::string& reply, bool submit, const auth::Principal& who,
                   const auth::Actor& actor);
  // A second person approves the reply: answered now, published if the
  // submitter chose so.
  Status ApproveReply(std::int64_t id, std::int64_t version, const auth::Principal& who,
                      const auth::Actor& actor);
  Status ReturnReply(std::int64_t id, std::int64_t version, const std::string& reason,
                     const auth::Principal& who, const auth::Actor& actor);

  // Open messages (received, accepted, reply submitted) with their
  // deadlines, most urgent first.
  Result<std::vector<DueItem>> OpenItems(UnixSeconds now);
  // Monthly statistics of `year` for the public list.
  Result<std::vector<MonthStats>> Statistics(int year);
  // The working-day calendar in force (the admin's, or the shipped one).
  Result<WorkCalendar> Calendar();
  // Its listed days: the exceptions to Monday–Friday.
  Result<std::vector<CalendarDay>> CalendarDays();
  // Replaces the calendar with `text` (admin; audited).
  Status ReplaceCalendar(const std::string& text, const auth::Principal& who,
                         const auth::Actor& actor);
  // The box with `id`, or NotFound.
  Result<MessageBoxRecord> Box(std::int64_t id);
  Status UpdateBox(const MessageBoxRecord& b, const auth::Principal& who, const auth::Actor& actor);

 private:
  Result<MessageRecord> Load(std::int64_t id, std::int64_t version);
  Status CheckLimits(const MessageInput& in, UnixSeconds now);
  // Invalid (field "reply") naming what the checks before publishing refuse
  // in a reply about to be submitted.
  Status CheckReply(const MessageRecord& m, const std::string& reply);
  Status Commit(const MessageRecord& m, const auth::Actor& actor, const std::string& action,
                const std::string& detail);

  Storage& storage_;
  auth::Audit& audit_;
  int offset_;
  safety::WordCheck words_;
};

// The text with phone, ID and card numbers and e-mail addresses masked
// (138******78, a***@example.cn): what the public list shows. Numbers of
// 7 or more digits keep their first three and last two; numbers typed in
// groups ("138-1234-5678", "0571 8888 6666", an ID number in groups) are
// masked as one, dates ("2026-03-01") are not; full-width digits and
// letters (全角, "１３８…", "ｌｉ＠ｑｑ．ｃｏｍ") are masked like ASCII.
std::string MaskPersonalData(std::string_view text);

// The SHA-256 (hex) of a query code as typed (normalized first: case,
// dashes and spaces, and full-width forms typed in 全角 mode).
std::string QueryCodeHash(std::string_view code);

}  // namespace procura::interact
