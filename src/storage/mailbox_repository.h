// MailboxRepository: the public message boxes (检察长信箱, 咨询, 建议, 纠错),
// the messages and their handling, the rate-limit counters and the
// working-day calendar. Same contract as storage.h: thread-safe, errors
// as values, a failed call changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

// How a box asks for one contact field.
inline constexpr int kFieldHidden = 0, kFieldOptional = 1, kFieldRequired = 2;

struct MessageBoxRecord {
  std::int64_t id = 0;
  std::string slug;  // [a-z0-9-], the form's address: /mailbox/<slug>/
  std::string name, second_name;
  std::string intro;      // shown above the form
  int deadline_days = 15;  // working days from receipt to the answer
  int ask_name = kFieldOptional, ask_phone = kFieldOptional, ask_email = kFieldOptional;
  bool enabled = true;
  int position = 0;
};

// Message states: received → accepted → reply-submitted → answered;
// received → rejected (invalid: does not count against deadlines).
inline constexpr const char* kMsgReceived = "received";
inline constexpr const char* kMsgAccepted = "accepted";
inline constexpr const char* kMsgReplySubmitted = "reply-submitted";
inline constexpr const char* kMsgAnswered = "answered";
inline constexpr const char* kMsgRejected = "rejected";

struct MessageRecord {
  std::int64_t id = 0;
  std::int64_t box_id = 0;
  std::string code_hash;  // SHA-256 of the submitter's query code
  std::string title, body;
  std::string name, phone, email;  // never shown publicly
  bool wants_public = false;       // the submitter's choice
  std::string state = kMsgReceived;
  std::string flags;  // word-list findings on the submitted text, summarized
  UnixSeconds received_at = 0;
  std::string due_day;  // the last working day for the answer, "2026-12-18"
  std::optional<UnixSeconds> triaged_at;
  std::optional<std::int64_t> triaged_by;
  std::string reject_reason;
  std::string department;  // who answers (答复部门)
  std::string reply;
  std::optional<std::int64_t> reply_by;  // who drafted the reply
  std::optional<UnixSeconds> replied_at;  // when the answer was approved
  bool published = false;                 // on the public list
  std::int64_t version = 1;
};

struct MessageFilter {
  std::string state;  // "" = any
  std::optional<std::int64_t> box_id;
  bool published_only = false;
  int limit = 200;
  int offset = 0;
};

struct CalendarDay {
  std::string day;   // "2026-10-01"
  std::string kind;  // "holiday" (a weekday off) or "workday" (a weekend day worked)
  std::string note;  // 国庆节, 调休上班
  bool operator==(const CalendarDay&) const = default;
};

class MailboxRepository {
 public:
  virtual ~MailboxRepository() = default;
  // By position.
  virtual Result<std::vector<MessageBoxRecord>> ListBoxes() = 0;
  virtual Status UpdateBox(const MessageBoxRecord& b) = 0;

  virtual Result<std::int64_t> InsertMessage(const MessageRecord& m) = 0;
  virtual Result<std::optional<MessageRecord>> GetMessage(std::int64_t id) = 0;
  virtual Result<std::optional<MessageRecord>> FindMessageByCode(const std::string& code_hash) = 0;
  // Newest first.
  virtual Result<std::vector<MessageRecord>> ListMessages(const MessageFilter& f) = 0;
  // Writes every field if the version matches and bumps it; Conflict if not.
  virtual Status UpdateMessage(const MessageRecord& m) = 0;

  // Adds one hit for `key_hash` in the window starting at `window_start`
  // (a new window resets the count); returns the count including this hit.
  virtual Result<int> CountHit(const std::string& key_hash, UnixSeconds window_start) = 0;

  // The working-day calendar's exceptions, by day.
  virtual Result<std::vector<CalendarDay>> ListCalendar() = 0;
  virtual Status ReplaceCalendar(const std::vector<CalendarDay>& days) = 0;
};

}  // namespace procura
