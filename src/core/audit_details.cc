#include "core/audit_details.h"

#include <algorithm>
#include <vector>

#include "core/labels.h"

namespace procura {
namespace {

// The phrases the audit log's writers use, each with the one action it is
// written for (a person's words under another action are never taken for
// a phrase). Grep the writers for the English text when adding one.
constexpr AuditDetailPhrase kPhrases[] = {
    {"login", N_("with {how}; {browser} on {system}")},
    {"login", N_("with {how}; {browser}")},
    {"login", N_("{browser} on {system}")},
    {"login", N_("with {how}")},
    {"member.view", N_("personal data viewed")},
    {"member.view", N_("edit form")},
    {"member.edit", N_("no change")},
    {"member.export", N_("all members as XLSX")},
    {"member.export", N_("all members as CSV")},
    {"session.end_others", N_("{n} other sessions ended")},
    {"session.end_others", N_("{n} other session ended")},  // a count of 1 (writers say so)
    {"user.password", N_("changed by the user; other sessions ended, this one renewed")},
    {"user.password", N_("password reset; sessions ended")},
    {"user.disable", N_("disabled; sessions ended; API tokens revoked; calendar address stopped")},
    {"user.api-token", N_("created: {label}")},
    {"user.api-token", N_("all tokens revoked")},
    {"member.posts", N_("posts={posts}")},
    {"member.former-post", N_("added: {post} in unit {unit}: {since} to {until}")},
    {"member.former-post", N_("deleted: {post} in unit {unit}: {since} to {until}")},
    {"user.calendar-link", N_("made")},
    {"user.calendar-link", N_("replaced")},
    {"user.calendar-link", N_("stopped")},
    {"user.language", N_("site default")},
    {"user.mfa-enable", N_("TOTP and 10 recovery codes")},
    {"user.mfa-reset", N_("two-step sign-in turned off")},
    {"training.news", N_("news report: article {id}")},
    {"meeting.news", N_("news draft article {id}")},
    {"media.release", N_("public with article {id}")},
    {"article.attach-pending", N_("media {media}, awaiting review")},
    {"article.detach-pending", N_("media {media}, awaiting review")},
    {"training.requirements", N_("leaders {a} -> {b} h, members {c} -> {d} h")},
    {"attendance.checkin", N_("member {id}: {mark} by QR code")},
    {"meeting.checkin", N_("member {id}: {mark} by QR code")},
    {"training.enroll", N_("all branch secretaries: {n} newly enrolled")},
    {"meeting.reviews", N_("{n} members' records")},
    {"appraisal.save", N_("{year}: {n} ratings")},
    {"wordlist.import", N_("{added} added, {updated} updated, {unchanged} unchanged")},
    {"applicant.edit", N_("applied {applied}, activist {activist}, candidate {candidate}")},
    {"message.receive", N_("box {box}; due {day}")},
    {"branch.record", N_("{year} print")},
    {"branch.record", N_("{year} xlsx")},
    {"column.update", N_("name={name} slug={slug} position={position} hidden={hidden} four_eyes={four_eyes} review_steps={steps} reviewers=[{reviewers}]")},
    {"user.add", N_("name={name} roles={roles}")},
    {"article.correct-date", N_("published_at: {old} -> {new}")},
    {"article.submit", N_("dead links kept: {links}")},
    {"site.update", N_("name={name} lang={lang} public_url={url} byline_labels={byline}")},
    {"site.update", N_("name={name} public_url={url} byline_labels={byline}")},  // before 2026-12
    {"media.upload", N_("{original} as {stored} ({type}, {bytes} bytes)")},
    {"member.import", N_("{n} members")},
    {"member.transfer", N_("from {from} to {to}: {note}")},
    {"member.transfer", N_("from {from} to {to}")},
    {"member.transfer", N_("branch {from} -> {to}: {note}")},  // before 2026-12
    {"member.transfer", N_("branch {from} -> {to}")},
    {"applicant.import", N_("{n} applicants")},
    {"applicant.export", N_("{n} applicants")},
    {"applicant.stop", N_("on {date}: {reason}")},
    {"dues.import", N_("{year}: {n} members")},
    {"dues.carry-over", N_("{year} from {previous}: {n} members")},
    {"dues.pay", N_("{year} months {months}: {amount} each, paid {date}")},
    {"dues.base", N_("{year}: {old_category} {old_amount} → {category} {amount} a month (base {base})")},
    {"dues.base", N_("{year}: {category} {amount} a month (base {base})")},
    {"dues.undo", N_("{year}-{month}: {amount} paid {date} removed: {reason}")},
    {"dues.pay-month", N_("{year}-{month}: {n} members, {amount} in all, paid {date}")},
    {"dues.pay-month", N_("{year}-{month}: {n} member, {amount} in all, paid {date}")},
    {"training.session.create", N_("session {id}: {day} {time} {topic}")},
    {"training.session.delete", N_("session {id}: {day} {time} {topic}")},
    {"training.session.edit", N_("session {id}: {day} {time} {topic} -> {new_day} {new_time} {new_topic}")},
    {"attendance.mark", N_("member {id}: {was} -> {mark} ({reason})")},
    {"attendance.mark", N_("member {id}: {was} -> {mark}")},
    {"meeting.mark", N_("member {id}: {was} -> {mark}")},
    {"export.attendance", N_("session {id}: {n} rows")},
    {"calendar.replace", N_("{n} exceptions")},
    {"calendar.replace", N_("{n} exception")},
    {"mailbox.update", N_("{box}: {days} working days")},
    {"leader.add", N_("{name}: {titles} (precedence {n})")},
};

// Details made of parts joined by "; " (a review's step, revision and
// hash, then what the step did): each part one of these phrases of its
// action, the more particular before the more general. A {reason} takes
// the rest of the detail, "; " and all (a person's words).
constexpr AuditDetailPhrase kParts[] = {
    {"article.review-step", N_("step {step} of {steps}")},
    {"article.review-step", N_("revision {revision}")},
    {"article.review-step", N_("sha256 {hash}")},
    {"article.review-step", N_("word-list warnings overridden: {words}")},
    {"article.review-step", N_("reason: {reason}")},
    {"article.publish", N_("revision {revision} is live")},
    {"article.publish", N_("published_at={time}")},
    {"article.publish", N_("scheduled")},
    {"article.publish", N_("step {step} of {steps}")},
    {"article.publish", N_("revision {revision}")},
    {"article.publish", N_("sha256 {hash}")},
    {"article.publish", N_("word-list warnings overridden: {words}")},
    {"article.publish", N_("reason: {reason}")},
    {"article.schedule", N_("to publish at {time}")},
    {"article.schedule", N_("step {step} of {steps}")},
    {"article.schedule", N_("revision {revision}")},
    {"article.schedule", N_("sha256 {hash}")},
    {"article.schedule", N_("word-list warnings overridden: {words}")},
    {"article.schedule", N_("reason: {reason}")},
};

// Values that are words of their own in the catalogs: how a second factor
// was given ({how}); a browser's and a system's names ({browser},
// {system}) are the msgids auth/user_agent.cc marks.
[[maybe_unused]] constexpr const char* kValueWords[] = {N_("totp"), N_("recovery code")};

bool IsWordValue(std::string_view name) {
  return name == "how" || name == "browser" || name == "system";
}

// `words` joined by the reader's list separator ("、" in Chinese).
std::string Listed(const std::vector<std::string>& words, const TranslateMessage& translate) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : translate(N_(", "), {})) + w;
  return out;
}

// The items of the comma-separated `list` (as the writers join them).
std::vector<std::string_view> Items(std::string_view list) {
  std::vector<std::string_view> items;
  for (std::size_t at = 0; at <= list.size();) {
    const std::size_t comma = std::min(list.find(',', at), list.size());
    items.push_back(list.substr(at, comma - at));
    at = comma + 1;
  }
  return items;
}

// "3:7,5:1" (user id : review-step mask, 1 first, 2 second, 4 final) as
// "user 3 (first review, second review, final review), user 5 (…)"; as
// stored if a grant is not as the writer writes it.
std::string ReviewersInWords(std::string_view list, const TranslateMessage& translate) {
  static constexpr std::pair<int, const char*> kSteps[] = {
      {1, N_("first review")}, {2, N_("second review")}, {4, N_("final review")}};
  if (list.empty()) return translate(N_("None"), {});
  std::vector<std::string> grants;
  for (std::string_view grant : Items(list)) {
    const std::size_t colon = grant.find(':');
    if (colon == std::string_view::npos || grant.size() != colon + 2 || grant[colon + 1] < '1' ||
        grant[colon + 1] > '7')
      return std::string(list);
    std::vector<std::string> steps;
    for (const auto& [bit, name] : kSteps)
      if ((grant[colon + 1] - '0') & bit) steps.push_back(translate(name, {}));
    grants.push_back(translate(N_("user {id} ({steps})"), {{"id", std::string(grant.substr(0, colon))},
                                                           {"steps", Listed(steps, translate)}}));
  }
  return Listed(grants, translate);
}

// "secretary@2024-03-01,organization-member" (member.posts: each post with
// the day it was taken, if known) as "Secretary since 2024-03-01,
// Organization committee member"; "none" as None; as stored otherwise.
std::string PostsInWords(std::string_view list, const TranslateMessage& translate) {
  if (list == "none") return translate(N_("None"), {});
  std::vector<std::string> posts;
  for (std::string_view item : Items(list)) {
    const std::size_t at = item.find('@');
    const std::string_view code = item.substr(0, at);
    if (PostLabel(code) == code) return std::string(list);
    std::string post = translate(PostLabel(code), {});
    if (at != std::string_view::npos)
      post = translate(N_("{post} since {day}"), {{"post", post}, {"day", std::string(item.substr(at + 1))}});
    posts.push_back(std::move(post));
  }
  return Listed(posts, translate);
}

// The values of a matched phrase in words where they have words: an
// attendance mark, a second factor, a browser, a yes/no, a list of roles.
void ValuesInWords(MessageArgs& args, const TranslateMessage& translate) {
  for (auto& [name, value] : args) {
    if (name == "was" && value == "unmarked") value.clear();  // meeting.mark's word for none
    if ((name == "mark" || name == "was") && MarkLabel(value) != value)
      value = translate(MarkLabel(value), {});
    if (IsWordValue(name)) value = translate(value, {});
    if ((name == "category" || name == "old_category") && DuesCategoryLabel(value) != value)
      value = translate(DuesCategoryLabel(value), {});
    if ((name == "hidden" || name == "four_eyes" || name == "byline") &&
        (value == "true" || value == "false"))
      value = translate(value == "true" ? N_("yes") : N_("no"), {});
    if (name == "reviewers") value = ReviewersInWords(value, translate);
    if (name == "url" && value.empty()) value = translate(N_("no address"), {});
    if (name == "lang" && (value == "zh-CN" || value == "en"))
      value = translate(value == "en" ? N_("English") : N_("Chinese"), {});
    if (name == "month" && value.size() == 2 && value[0] == '0')
      value.erase(0, 1);  // "2026-02" is stored; "2026年2月" is read
    if (name == "months") {  // "1,2,3" → "1、2、3" in Chinese
      std::vector<std::string> months;
      for (std::string_view m : Items(value)) months.emplace_back(m);
      value = Listed(months, translate);
    }
    if (name == "post" && PostLabel(value) != value) value = translate(PostLabel(value), {});
    if (name == "posts") value = PostsInWords(value, translate);
    if (name == "roles") {
      std::vector<std::string> roles;
      for (std::string_view code : Items(value)) roles.push_back(translate(RoleLabel(code), {}));
      value = Listed(roles, translate);
    }
  }
}

// `detail` as parts joined by "; ", each one of `action`'s kParts, in
// words; nullopt if any part is none of them.
std::optional<std::string> PartsText(std::string_view action, std::string_view detail,
                                     const TranslateMessage& translate) {
  std::string out;
  for (std::string_view rest = detail; !rest.empty();) {
    std::optional<std::string> part;
    std::size_t used = 0;
    for (const auto& [part_action, phrase] : kParts) {
      if (part_action != action) continue;
      used = std::string_view(phrase).ends_with("{reason}") ? rest.size()
                                                            : std::min(rest.find("; "), rest.size());
      auto args = MatchPhrase(phrase, rest.substr(0, used));
      if (!args) continue;
      ValuesInWords(*args, translate);
      part = translate(phrase, *args);
      break;
    }
    if (!part) return std::nullopt;
    out = out.empty() ? *part : translate(N_("{earlier}; {next}"), {{"earlier", out}, {"next", *part}});
    rest.remove_prefix(std::min(rest.size(), used + 2));
  }
  return out;
}

}  // namespace

std::span<const AuditDetailPhrase> KnownAuditDetails() { return kPhrases; }
std::span<const AuditDetailPhrase> KnownAuditDetailParts() { return kParts; }

std::optional<MessageArgs> MatchPhrase(std::string_view phrase, std::string_view detail) {
  MessageArgs args;
  std::size_t at = 0;  // in detail
  while (!phrase.empty()) {
    const std::size_t open = phrase.find('{');
    const std::string_view literal = phrase.substr(0, open);
    if (detail.substr(at, literal.size()) != literal) return std::nullopt;
    at += literal.size();
    if (open == std::string_view::npos) break;
    const std::size_t close = phrase.find('}', open);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string name(phrase.substr(open + 1, close - open - 1));
    const bool list = open > 0 && phrase[open - 1] == '[';  // "[{reviewers}]" may be "[]"
    const bool may_be_empty = list || name == "url";  // site.update's public_url may be unset
    phrase.remove_prefix(close + 1);
    // The value runs to the next literal (or to the end), at least one byte
    // unless it may be empty.
    const std::string_view next = phrase.substr(0, phrase.find('{'));
    const std::size_t from = may_be_empty ? at : at + 1;
    const std::size_t end = next.empty() ? (phrase.empty() ? detail.size() : std::string_view::npos)
                                         : (phrase.size() == next.size() ? detail.rfind(next)
                                                                         : detail.find(next, from));
    if (end == std::string_view::npos || end < at || (end == at && !may_be_empty))
      return std::nullopt;
    args.emplace_back(name, std::string(detail.substr(at, end - at)));
    at = end;
  }
  if (at != detail.size()) return std::nullopt;
  return args;
}

std::string AuditDetailText(std::string_view action, std::string_view detail,
                            const TranslateMessage& translate) {
  if (detail.empty()) return {};
  for (const auto& [phrase_action, phrase] : kPhrases) {
    if (phrase_action != action) continue;
    auto args = MatchPhrase(phrase, detail);
    if (!args) continue;
    ValuesInWords(*args, translate);
    return translate(phrase, *args);
  }
  return PartsText(action, detail, translate).value_or(std::string(detail));
}

}  // namespace procura
