// MailboxService: the newsroom's side — triage, assignment, the reply and
// its review, deadlines and the public statistics, the calendar and the
// boxes' settings. Every change is audited in its own transaction.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/fields.h"
#include "core/text.h"
#include "interact/mailbox.h"
#include "safety/case_privacy.h"

namespace procura::interact {

using auth::Action;

namespace {
// Status::AllOf of the checks that failed.
Status Problems(std::initializer_list<Status> checks) {
  std::vector<Status> failed;
  for (const Status& s : checks)
    if (!s.ok()) failed.push_back(s);
  return Status::AllOf(std::move(failed));
}
}  // namespace

// A reply goes out under the organ's name: what the checks before
// publishing refuse in an article (a blocked word, a leader's wrong title)
// it may not say either; a personal number only when the reply will be
// published (a reply to the writer alone may give them a number).
Status MailboxService::CheckReply(const MessageRecord& m, const std::string& reply) {
  auto scanner = words_.Current();
  if (!scanner.ok()) return scanner.status();
  const std::vector<safety::PublicText> text{{"reply", reply}};
  const auto found = m.wants_public ? safety::CheckPublicText(**scanner, text)
                                    : safety::CheckLetterText(**scanner, text);
  const std::string words = safety::QuoteBlocking(found, true);
  if (words.empty()) return Status::Ok();
  return Status::Invalid(N_("The reply contains what the checks before publishing refuse: {words}. "
                            "Change it and submit it again."),
                         {{"words", words}})
      .WithField("reply");
}

Result<MessageRecord> MailboxService::Load(std::int64_t id, std::int64_t version) {
  auto m = storage_.mailbox().GetMessage(id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound(N_("There is no such message."));
  if ((*m)->version != version)
    return Status::Conflict(N_("Someone else handled this message meanwhile. Open it again."));
  return **m;
}

Status MailboxService::Commit(const MessageRecord& m, const auth::Actor& actor,
                              const std::string& action, const std::string& detail) {
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.mailbox().UpdateMessage(m));
    return audit_.Write(tx, actor, action, "message", m.id, detail);
  });
}

Status MailboxService::Accept(std::int64_t id, std::int64_t version, const std::string& department,
                              const auth::Principal& who, const auth::Actor& actor) {
  if (!auth::Can(who, Action::kHandleMessages)) return Status::Denied(N_("You may not handle messages."));
  PROCURA_RETURN_IF_ERROR(CheckTextField("department", N_("Answering department"), department, kMaxDepartment, false));
  auto m = Load(id, version);
  if (!m.ok()) return m.status();
  if (m->state != kMsgReceived) return Status::Invalid(N_("This message has been triaged already."));
  m->state = kMsgAccepted;
  m->department = department;
  m->triaged_at = NowUnix();
  m->triaged_by = who.user_id;
  return Commit(*m, actor, "message.accept", "department: " + department);
}

Status MailboxService::Reject(std::int64_t id, std::int64_t version, const std::string& reason,
                              const auth::Principal& who, const auth::Actor& actor) {
  if (!auth::Can(who, Action::kHandleMessages)) return Status::Denied(N_("You may not handle messages."));
  PROCURA_RETURN_IF_ERROR(CheckTextField("reason", N_("Reason"), reason, kMaxRejectReason, true));
  auto m = Load(id, version);
  if (!m.ok()) return m.status();
  if (m->state != kMsgReceived) return Status::Invalid(N_("This message has been triaged already."));
  m->state = kMsgRejected;
  m->reject_reason = reason;
  m->triaged_at = NowUnix();
  m->triaged_by = who.user_id;
  return Commit(*m, actor, "message.reject", reason);
}

Status MailboxService::SaveReply(std::int64_t id, std::int64_t version,
                                 const std::string& department, const std::string& reply,
                                 bool submit, const auth::Principal& who,
                                 const auth::Actor& actor) {
  if (!auth::Can(who, Action::kHandleMessages)) return Status::Denied(N_("You may not handle messages."));
  PROCURA_RETURN_IF_ERROR(Problems(
      {CheckTextField("department", N_("Answering department"), department, kMaxDepartment, submit),
       CheckTextField("reply", N_("Reply"), reply, kMaxReply, submit)}));
  auto m = Load(id, version);
  if (!m.ok()) return m.status();
  if (m->state != kMsgAccepted && m->state != kMsgReplySubmitted)
    return Status::Invalid(N_("Accept the message before replying to it."));
  if (submit) PROCURA_RETURN_IF_ERROR(CheckReply(*m, reply));
  m->department = department;
  m->reply = reply;
  m->reply_by = who.user_id;
  m->state = submit ? kMsgReplySubmitted : kMsgAccepted;
  return Commit(*m, actor, submit ? "message.reply-submit" : "message.reply-save",
                "department: " + department);
}

Status MailboxService::ApproveReply(std::int64_t id, std::int64_t version,
                                    const auth::Principal& who, const auth::Actor& actor) {
  if (!auth::Can(who, Action::kAnswerMessages)) return Status::Denied(N_("Only a reviewer approves replies."));
  auto m = Load(id, version);
  if (!m.ok()) return m.status();
  if (m->state != kMsgReplySubmitted) return Status::Invalid(N_("There is no reply waiting for approval."));
  if (m->reply_by && *m->reply_by == who.user_id)
    return Status::Denied(N_("A reply is approved by someone other than who wrote it."));
  m->state = kMsgAnswered;
  m->replied_at = NowUnix();
  m->published = m->wants_public;
  return Commit(*m, actor, "message.answer", m->published ? "published" : "not published (the submitter's choice)");
}

Status MailboxService::ReturnReply(std::int64_t id, std::int64_t version, const std::string& reason,
                                   const auth::Principal& who, const auth::Actor& actor) {
  if (!auth::Can(who, Action::kAnswerMessages)) return Status::Denied(N_("Only a reviewer approves replies."));
  PROCURA_RETURN_IF_ERROR(CheckTextField("reason", N_("Reason"), reason, kMaxRejectReason, true));
  auto m = Load(id, version);
  if (!m.ok()) return m.status();
  if (m->state != kMsgReplySubmitted) return Status::Invalid(N_("There is no reply waiting for approval."));
  m->state = kMsgAccepted;
  return Commit(*m, actor, "message.reply-return", reason);
}

Result<std::vector<DueItem>> MailboxService::OpenItems(UnixSeconds now) {
  auto calendar = Calendar();
  if (!calendar.ok()) return calendar.status();
  auto boxes = storage_.mailbox().ListBoxes();
  if (!boxes.ok()) return boxes.status();
  const std::string today = LocalDay(now, offset_);
  std::vector<DueItem> out;
  for (const char* state : {kMsgReceived, kMsgAccepted, kMsgReplySubmitted}) {
    auto list = storage_.mailbox().ListMessages({.state = state, .limit = 10000});
    if (!list.ok()) return list.status();
    for (auto& m : *list) {
      DueItem item;
      for (const auto& b : *boxes)
        if (b.id == m.box_id) item.box_name = b.name;
      item.overdue = m.due_day < today;
      item.working_days_left = item.overdue ? -calendar->WorkingDaysBetween(m.due_day, today)
                                            : calendar->WorkingDaysBetween(today, m.due_day);
      item.message = std::move(m);
      out.push_back(std::move(item));
    }
  }
  std::sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return std::tie(a.message.due_day, a.message.id) < std::tie(b.message.due_day, b.message.id);
  });
  return out;
}

Result<std::vector<MonthStats>> MailboxService::Statistics(int year) {
  auto calendar = Calendar();
  if (!calendar.ok()) return calendar.status();
  auto all = storage_.mailbox().ListMessages({.limit = 1000000});
  if (!all.ok()) return all.status();
  std::map<std::string, MonthStats> months;
  std::map<std::string, long> total_days;
  const std::string prefix = std::to_string(year) + "-";
  for (const auto& m : *all) {
    if (m.state == kMsgRejected) continue;  // invalid messages do not count
    const std::string received = LocalDay(m.received_at, offset_);
    if (received.rfind(prefix, 0) == 0) ++months[received.substr(0, 7)].received;
    if (m.state != kMsgAnswered || !m.replied_at) continue;
    const std::string answered = LocalDay(*m.replied_at, offset_);
    if (answered.rfind(prefix, 0) != 0) continue;
    MonthStats& s = months[answered.substr(0, 7)];
    const int days = calendar->WorkingDaysBetween(received, answered);
    ++s.answered;
    total_days[answered.substr(0, 7)] += days;
    s.longest_days = std::max(s.longest_days, days);
  }
  std::vector<MonthStats> out;
  for (auto& [month, s] : months) {
    s.month = month;
    if (s.answered > 0) s.average_days = double(total_days[month]) / s.answered;
    out.push_back(s);
  }
  return out;
}

Status MailboxService::ReplaceCalendar(const std::string& text, const auth::Principal& who,
                                       const auth::Actor& actor) {
  if (!auth::Can(who, Action::kManageSite)) return Status::Denied(N_("Only an administrator changes the calendar."));
  auto days = ParseCalendar(text);
  if (!days.ok()) return days.status();
  PROCURA_RETURN_IF_ERROR(storage_.mailbox().ReplaceCalendar(*days));
  audit_.Record(actor, "calendar.replace", "calendar", std::nullopt,
                days->size() == 1 ? std::string("1 exception")
                                  : fmt::format("{} exceptions", days->size()));
  return Status::Ok();
}

Result<MessageBoxRecord> MailboxService::Box(std::int64_t id) {
  auto boxes = storage_.mailbox().ListBoxes();
  if (!boxes.ok()) return boxes.status();
  for (const auto& b : *boxes)
    if (b.id == id) return b;
  return Status::NotFound(N_("There is no such message box."));
}

Status MailboxService::UpdateBox(const MessageBoxRecord& b, const auth::Principal& who,
                                 const auth::Actor& actor) {
  if (!auth::Can(who, Action::kManageSite)) return Status::Denied(N_("Only an administrator changes message boxes."));
  PROCURA_RETURN_IF_ERROR(Problems(
      {CheckTextField("name", N_("Name"), b.name, 50, true),
       CheckTextField("second_name", N_("Name in the second language"), b.second_name, 50, false),
       CheckTextField("intro", N_("Introduction"), b.intro, 1000, false)}));
  if (b.deadline_days < 1 || b.deadline_days > 90)
    return Status::Invalid(N_("The deadline is 1 to 90 working days.")).WithField("deadline_days");
  PROCURA_RETURN_IF_ERROR(storage_.mailbox().UpdateBox(b));
  audit_.Record(actor, "mailbox.update", "mailbox", b.id,
                fmt::format("{}: {} working days", b.slug, b.deadline_days));
  return Status::Ok();
}

}  // namespace procura::interact
