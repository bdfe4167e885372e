// MailboxService: what the public does — write to a box, look a message
// up by its query code — and the text helpers (masking, code hashes).
#include "interact/mailbox.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cctype>

#include "core/fields.h"
#include "core/text.h"
#include "safety/case_privacy.h"

namespace procura::interact {
namespace {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

// 16 characters without look-alikes (no 0/O, 1/I/L), in groups of four.
std::string NewQueryCode() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string code;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  }
  return code;
}

bool LooksLikePhone(const std::string& v) {
  int digits = 0;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')') return false;
  }
  return digits >= 5;
}

bool LooksLikeEmail(const std::string& v) {
  const auto at = v.find('@');
  return at != std::string::npos && at > 0 && v.find('.', at) != std::string::npos &&
         v.find(' ') == std::string::npos && v.back() != '.';
}

}  // namespace

std::string QueryCodeHash(std::string_view typed) {
  const std::string code = NarrowForms(typed);  // "ＡＢＣＤ－…" as typed in 全角
  std::string normal;
  for (char c : code)
    if (std::isalnum(static_cast<unsigned char>(c)))
      normal += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Sha256Hex("procura-query-code:" + normal);
}

Status MailboxService::CheckLimits(const MessageInput& in, UnixSeconds now) {
  auto secret = storage_.SharedSecret("mailbox-limits", [] {  // hex: stored as text
    unsigned char key[32];
    randombytes_buf(key, sizeof key);
    return Sha256Hex(std::string_view(reinterpret_cast<char*>(key), sizeof key));
  });
  if (!secret.ok()) return secret.status();
  auto hit = storage_.mailbox().CountHit(Sha256Hex(*secret + "client:" + in.client), now - now % 3600);
  if (!hit.ok()) return hit.status();
  if (*hit > kMessagesPerClientHour)
    return Status::Unavailable(
        N_("Too many messages were sent from this connection in the last hour. Please try again "
           "in an hour, or call us."));
  for (const std::string& contact : {in.phone, in.email}) {
    if (contact.empty()) continue;
    auto per = storage_.mailbox().CountHit(Sha256Hex(*secret + "contact:" + contact),
                                           now - now % 86400);
    if (!per.ok()) return per.status();
    if (*per > kMessagesPerContactDay)
      return Status::Unavailable(
          N_("We have received several messages from you today. Please wait for our answers, or "
             "write again tomorrow."));
  }
  return Status::Ok();
}

Result<Submitted> MailboxService::Submit(const std::string& slug, const MessageInput& in,
                                         UnixSeconds now) {
  auto boxes = storage_.mailbox().ListBoxes();
  if (!boxes.ok()) return boxes.status();
  const MessageBoxRecord* box = nullptr;
  for (const auto& b : *boxes)
    if (b.slug == slug && b.enabled) box = &b;
  if (!box) return Status::NotFound(N_("There is no such message box."));
  if (!in.honeypot.empty())
    return Status::Invalid(N_("The form could not be sent. Please leave the last field empty."))
        .WithField("website");
  std::vector<Status> problems;
  for (Status s : {CheckTextField("title", N_("Subject"), in.title, kMaxMessageTitle, true),
                   CheckTextField("body", N_("Your message"), in.body, kMaxMessageBody, true),
                   CheckTextField("name", N_("Your name"), in.name, kMaxContactName,
                              box->ask_name == kFieldRequired),
                   CheckTextField("phone", N_("Telephone"), in.phone, kMaxPhone,
                              box->ask_phone == kFieldRequired),
                   CheckTextField("email", N_("E-mail"), in.email, kMaxEmail,
                              box->ask_email == kFieldRequired)})
    if (!s.ok()) problems.push_back(std::move(s));
  if (!in.phone.empty() && !LooksLikePhone(in.phone))
    problems.push_back(Status::Invalid(N_("Write the telephone number with digits only, like 0571-12345678.")).WithField("phone"));
  if (!in.email.empty() && !LooksLikeEmail(in.email))
    problems.push_back(Status::Invalid(N_("Write the e-mail address like name@example.cn.")).WithField("email"));
  PROCURA_RETURN_IF_ERROR(Status::AllOf(std::move(problems)));
  auto scanner = words_.Current();
  if (!scanner.ok()) return scanner.status();
  const auto found = safety::CheckLetterText(**scanner, {{"title", in.title}, {"body", in.body}});
  if (const std::string words = safety::QuoteBlocking(found, false); !words.empty())
    return Status::Invalid(N_("Your message contains words we cannot accept: {words}. Please "
                              "rephrase them and send it again."),
                           {{"words", words}})
        .WithField("body");
  PROCURA_RETURN_IF_ERROR(CheckLimits(in, now));
  auto calendar = Calendar();
  if (!calendar.ok()) return calendar.status();
  MessageRecord m;
  m.box_id = box->id;
  const std::string code = NewQueryCode();
  m.code_hash = QueryCodeHash(code);
  m.title = in.title;
  m.body = in.body;
  m.name = in.name;
  m.phone = in.phone;
  m.email = in.email;
  m.wants_public = in.wants_public;
  m.flags = safety::AuditSummary(found);
  m.received_at = now;
  m.due_day = calendar->AddWorkingDays(LocalDay(now, offset_), box->deadline_days);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.mailbox().InsertMessage(m);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, {std::nullopt, "public", ""}, "message.receive", "message", id,
                        fmt::format("box {}; due {}", box->slug, m.due_day));
  }));
  return Submitted{id, code, m.due_day};
}

Result<std::optional<MessageRecord>> MailboxService::Lookup(const std::string& code) {
  if (code.size() > 64) return std::optional<MessageRecord>();
  return storage_.mailbox().FindMessageByCode(QueryCodeHash(code));
}

Result<std::vector<CalendarDay>> MailboxService::CalendarDays() {
  auto days = storage_.mailbox().ListCalendar();
  if (!days.ok()) return days.status();
  if (!days->empty()) return days;
  return ParseCalendar(DefaultCalendarText());
}

Result<WorkCalendar> MailboxService::Calendar() {
  auto days = CalendarDays();
  if (!days.ok()) return days.status();
  return WorkCalendar(*days);
}

}  // namespace procura::interact
