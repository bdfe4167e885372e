// The optional daily e-mail to branch secretaries, and one to the records
// officer: training reports awaiting their decision, and every branch's
// lines (a digest, by branch): what in a branch's
// organisational life is overdue or due soon (and probation that ends
// within 30 days or has ended, for the meeting on full membership; full
// memberships whose approval by the higher committee is late; members
// three months or more behind with their party dues; activists whose year
// of training is over, ready to be named candidates; steps of the way in
// past their deadline: reminder_lines.h), sent through a configured SMTP
// server with libcurl. Built from the same due items as the
// dashboard; a secretary or officer without an address, with a disabled
// account, or with nothing to act on, gets nothing.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "branchlife/rules.h"
#include "storage/storage.h"

namespace procura::branchlife {

struct Reminder {
  std::int64_t user_id = 0;
  std::int64_t branch_id = 0;  // 0: the records officer's digest of every branch
  std::string to, subject, body;
};

// The text of a reminder in the site's language: say(msgid, values)
// translates a msgid and fills its placeholders; say.Plural(one, many, n,
// values) takes the form for the count n and fills "{n}" too (xgettext
// keyword Plural:1,2).
struct Say {
  std::function<std::string(std::string_view msgid, const MessageArgs& args)> text;
  std::function<std::string(std::string_view one, std::string_view many, long n,
                            const MessageArgs& args)>
      plural;
  std::string operator()(std::string_view msgid, const MessageArgs& args) const {
    return text(msgid, args);
  }
  std::string Plural(std::string_view one, std::string_view many, long n,
                     const MessageArgs& args = {}) const {
    return plural(one, many, n, args);
  }
};

// Ok, or Invalid naming "email": one '@' with text on both sides, no
// spaces or line breaks, at most 254 bytes.
Status CheckEmailAddress(const std::string& email);

// One reminder per secretary who asked for them and whose branch has
// items needing action on `today`, and one digest per records officer who
// asked, when any branch has or a training report awaits a decision. An
// officer who is also a secretary gets the digest (it lists their branch
// too).
Result<std::vector<Reminder>> BuildReminders(Storage& storage, const interact::WorkCalendar& cal,
                                             const std::string& today, int utc_offset_minutes,
                                             const Say& say, const std::string& link_base);

struct SmtpConfig {
  std::string url;   // smtp://host:port or smtps://host:port
  std::string from;  // the envelope and header sender
  std::string user, password;  // optional AUTH
  int timeout_seconds = 20;
};

// The message as RFC 5322 text: UTF-8 subject (RFC 2047) and a base64
// text/plain body. `now` is the Date header.
std::string FormatMail(const SmtpConfig& smtp, const Reminder& r, UnixSeconds now);
// Sends one reminder; Unavailable naming the server's error on failure.
Status SendMail(const SmtpConfig& smtp, const Reminder& r);

struct RunOutcome {
  int sent = 0, failed = 0;
  std::vector<Reminder> reminders;  // what was (or, dry, would be) sent
};

// Builds today's reminders in the site's language and sends them (not when
// `dry_run`), auditing each "reminder.sent" (or "reminder.failed") and the
// run itself as "reminders.run" with `today` as its detail. A failure to
// send one does not stop the others.
Result<RunOutcome> RunReminders(Storage& storage, const interact::WorkCalendar& cal,
                                const std::string& today, int utc_offset_minutes, const Say& say,
                                const SmtpConfig& smtp, bool dry_run);

// True if a run was recorded for `today` (the daily job runs once a day
// whichever node leads).
Result<bool> RemindersRanOn(Storage& storage, const std::string& today, int utc_offset_minutes);

}  // namespace procura::branchlife
