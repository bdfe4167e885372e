#include "branchlife/reminders.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>

#include "branchlife/reminder_lines.h"
#include "core/clock.h"

namespace procura::branchlife {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Base64 in lines of 76 characters, as RFC 2045 asks.
std::string WrappedBase64(std::string_view bytes) {
  const std::string flat = Base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < flat.size(); i += 76) out += flat.substr(i, 76) + "\r\n";
  return out;
}

struct Upload {
  std::string data;
  std::size_t at = 0;
};

std::size_t ReadUpload(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t len = std::min(size * n, up->data.size() - up->at);
  std::memcpy(buf, up->data.data() + up->at, len);
  up->at += len;
  return len;
}

}  // namespace

Status CheckEmailAddress(const std::string& email) {
  const auto at = email.find('@');
  const bool bad = email.size() > 254 || at == std::string::npos || at == 0 ||
                   at + 1 >= email.size() || email.find('@', at + 1) != std::string::npos ||
                   email.find_first_of(" \t\r\n<>,;\"") != std::string::npos;
  if (bad) return Status::Invalid(N_("Write an e-mail address such as name@example.gov.cn.")).WithField("email");
  return Status::Ok();
}

namespace {

// What BuildReminders reads once for every recipient.
struct Records {
  std::vector<MemberRecord> members;
  std::vector<PostRecord> posts;
  std::map<std::int64_t, std::string> branch_names;  // the branches only, in id order
  std::map<std::int64_t, UserRecord> users;
  std::vector<OutsideTrainingRecord> reports;  // training reports awaiting the officer, oldest first
};

Result<Records> ReadRecords(Storage& storage) {
  auto posts = storage.org().ListPosts();
  auto units = storage.org().ListUnits();
  auto members = storage.org().ListMembers(std::nullopt);
  auto users = storage.users().ListUsers();
  auto reports = storage.attendance().ListOutsideTrainingIn("reported");
  if (!posts.ok() || !units.ok() || !members.ok() || !users.ok() || !reports.ok())
    return Status::Internal("reminders: the records could not be read");
  Records r{std::move(*members), std::move(*posts), {}, {}, std::move(*reports)};
  for (const auto& u : *units)
    if (u.standing_branch()) r.branch_names[u.id] = u.name;
  for (auto& u : *users) r.users[u.id] = std::move(u);
  return r;
}

// The branch `user` is secretary of, through their member record.
std::optional<std::int64_t> SecretaryOf(const Records& r, std::int64_t user) {
  for (const auto& m : r.members)
    if (m.user_id == user)
      for (const auto& p : r.posts)
        if (p.member_id == m.id && p.unit_id == m.branch_id && p.post == "secretary") return p.unit_id;
  return std::nullopt;
}

// The officer's lines on training reports awaiting a decision: how many,
// since when, and where to decide them; none when none wait.
std::string ReportLines(const Records& r, int offset, const Say& say, const std::string& link_base) {
  if (r.reports.empty()) return "";
  return say(N_("Training reports awaiting your decision: {n}, the oldest sent on {day}."),
             {{"n", std::to_string(r.reports.size())},
              {"day", FormatDate(r.reports.front().recorded_at, offset)}}) +
         "\n" + fmt::format("{}/admin/training/reports\n\n", link_base);
}

// Every topic's lines for one branch.
Result<std::vector<std::string>> BranchLines(Storage& storage, const Records& r,
                                             std::int64_t branch, const interact::WorkCalendar& cal,
                                             const std::string& today, int offset, const Say& say) {
  const BranchRecords b{branch, &r.members};
  auto lines = MeetingLines(storage, b, cal, today, offset, say);
  if (!lines.ok()) return lines.status();
  for (auto more : {MemberLines(b, today, say), DuesLines(storage, b, today, say),
                    ApplicantLines(storage, b, today, say)})
    lines->insert(lines->end(), more.begin(), more.end());
  return lines;
}

}  // namespace

// A branch's reminder lines, built once however many read them.
using BranchLinesFn = std::function<Result<const std::vector<std::string>*>(std::int64_t)>;

namespace {

// The records officer's digest in `m`: the training reports waiting and
// every branch with something due. False when there is nothing to say.
Result<bool> FillOfficerDigest(Reminder& m, const Records& r, const BranchLinesFn& lines,
                               int offset, const Say& say, const std::string& link_base) {
  m.body += ReportLines(r, offset, say, link_base);
  int branches = 0;
  for (const auto& [branch, name] : r.branch_names) {
    auto some = lines(branch);
    if (!some.ok()) return some.status();
    if ((*some)->empty()) continue;
    ++branches;
    m.body += say(N_("{branch} ({n}):"), {{"branch", name}, {"n", std::to_string((*some)->size())}}) + "\n";
    for (const auto& line : **some) m.body += line + "\n";
    m.body += fmt::format("{}/admin/branch-life/branches/{}\n\n", link_base, branch);
  }
  if (branches == 0 && r.reports.empty()) return false;
  std::vector<std::string> about;
  if (branches > 0)
    about.push_back(say.Plural("Organisational life: {n} branch has items that need attention",
                               "Organisational life: {n} branches have items that need attention",
                               static_cast<long>(branches)));
  if (!r.reports.empty())
    about.push_back(say.Plural("{n} training report awaits your decision",
                               "{n} training reports await your decision",
                               static_cast<long>(r.reports.size())));
  m.subject = about.size() == 1 ? about[0]
                                : say(N_("{first}; {second}"), {{"first", about[0]}, {"second", about[1]}});
  if (branches > 0) m.body += fmt::format("{}/admin/branch-life\n", link_base);
  return true;
}

// A branch secretary's digest in `m`: their branch's items. False when
// nothing is due.
Result<bool> FillSecretaryDigest(Reminder& m, const Records& r, std::int64_t branch,
                                 const BranchLinesFn& lines, const Say& say,
                                 const std::string& link_base) {
  auto some = lines(branch);
  if (!some.ok()) return some.status();
  if ((*some)->empty()) return false;
  m.branch_id = branch;
  m.subject = say.Plural(
      "{branch}: {n} organisational life item needs attention",
      "{branch}: {n} organisational life items need attention",
      static_cast<long>((*some)->size()),
      {{"branch", r.branch_names.count(branch) ? r.branch_names.at(branch) : ""}});
  for (const auto& line : **some) m.body += line + "\n";
  m.body += "\n" + fmt::format("{}/admin/branch-life/branches/{}\n", link_base, branch);
  return true;
}

}  // namespace

Result<std::vector<Reminder>> BuildReminders(Storage& storage, const interact::WorkCalendar& cal,
                                             const std::string& today, int offset, const Say& say,
                                             const std::string& link_base) {
  auto addresses = storage.branch_life().ListReminderEmails();
  if (!addresses.ok()) return Status::Internal("reminders: the addresses could not be read");
  auto records = ReadRecords(storage);
  if (!records.ok()) return records.status();
  const Records& r = *records;
  std::map<std::int64_t, std::vector<std::string>> lines_of;
  const BranchLinesFn lines = [&](std::int64_t branch) -> Result<const std::vector<std::string>*> {
    auto it = lines_of.find(branch);
    if (it == lines_of.end()) {
      auto built = BranchLines(storage, r, branch, cal, today, offset, say);
      if (!built.ok()) return built.status();
      it = lines_of.emplace(branch, std::move(*built)).first;
    }
    return &it->second;
  };
  std::vector<Reminder> out;
  for (const auto& [user, email] : *addresses) {
    const auto account = r.users.find(user);
    if (account == r.users.end() || account->second.disabled) continue;
    const auto& roles = account->second.roles;
    Reminder m{user, 0, email, "", say(N_("As of {day}:"), {{"day", today}}) + "\n\n"};
    Result<bool> filled = false;  // no longer a secretary or the officer: nothing of theirs
    if (std::find(roles.begin(), roles.end(), "records-officer") != roles.end())
      filled = FillOfficerDigest(m, r, lines, offset, say, link_base);
    else if (auto branch = SecretaryOf(r, user))
      filled = FillSecretaryDigest(m, r, *branch, lines, say, link_base);
    if (!filled.ok()) return filled.status();
    if (*filled) out.push_back(std::move(m));
  }
  return out;
}

std::string FormatMail(const SmtpConfig& smtp, const Reminder& r, UnixSeconds now) {
  char date[64];
  const std::time_t t = now;
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  unsigned char id[12];
  randombytes_buf(id, sizeof id);
  const auto at = smtp.from.find('@');
  const std::string domain = at == std::string::npos ? "localhost" : smtp.from.substr(at + 1);
  return fmt::format(
      "Date: {}\r\nFrom: <{}>\r\nTo: <{}>\r\nMessage-ID: <{}@{}>\r\n"
      "Subject: =?UTF-8?B?{}?=\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
      date, smtp.from, r.to, Base64({reinterpret_cast<const char*>(id), sizeof id}).substr(0, 16),
      domain, Base64(r.subject), WrappedBase64(r.body));
}

Status SendMail(const SmtpConfig& smtp, const Reminder& r) {
  PROCURA_RETURN_IF_ERROR(CheckEmailAddress(r.to));
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("libcurl could not start");
  Upload up{FormatMail(smtp, r, NowUnix())};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + r.to + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + smtp.from + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(smtp.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!smtp.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, smtp.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    return Status::Unavailable(N_("The mail server refused the reminder to {to}: {error}"),
                               {{"to", r.to}, {"error", curl_easy_strerror(rc)}});
  return Status::Ok();
}

Result<RunOutcome> RunReminders(Storage& storage, const interact::WorkCalendar& cal,
                                const std::string& today, int offset, const Say& say,
                                const SmtpConfig& smtp, bool dry_run) {
  auto site = storage.content().GetSite();
  const std::string base = site.ok() ? site->public_url : "";
  auto list = BuildReminders(storage, cal, today, offset, say,
                             base.empty() ? "http://localhost" : base);
  if (!list.ok()) return list.status();
  RunOutcome out;
  out.reminders = std::move(*list);
  if (dry_run) return out;
  const auto record = [&](const std::string& action, const std::string& detail,
                          std::optional<std::int64_t> branch) {
    AuditEntry e;
    e.at = NowUnix();
    e.actor_name = "system";
    e.action = action;
    e.object_type = branch ? "branch" : "";
    e.object_id = branch;
    e.detail = detail;
    return storage.audit().Append(e);
  };
  for (const auto& r : out.reminders) {
    Status s = SendMail(smtp, r);
    (s.ok() ? out.sent : out.failed)++;
    PROCURA_RETURN_IF_ERROR(record(s.ok() ? "reminder.sent" : "reminder.failed",
                                   s.ok() ? r.to : r.to + ": " + s.message(),
                                   r.branch_id ? std::optional(r.branch_id) : std::nullopt));
  }
  PROCURA_RETURN_IF_ERROR(record("reminders.run", today, std::nullopt));
  return out;
}

Result<bool> RemindersRanOn(Storage& storage, const std::string& today, int offset) {
  AuditFilter f;
  f.action = "reminders.run";
  f.from = ParseLocalTime(today, offset);
  f.limit = 10;
  auto rows = storage.audit().Query(f);
  if (!rows.ok()) return rows.status();
  for (const auto& e : *rows)
    if (e.detail == today) return true;
  return false;
}

}  // namespace procura::branchlife
