#include "core/audit_details.h"

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
    {"user.password", N_("changed by the user; other sessions ended, this one renewed")},
    {"user.password", N_("password reset; sessions ended")},
    {"user.disable", N_("disabled; sessions ended; API tokens revoked")},
    {"user.api-token", N_("created: {label}")},
    {"user.api-token", N_("all tokens revoked")},
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
};

// Values that are words of their own in the catalogs: how a second factor
// was given ({how}); a browser's and a system's names ({browser},
// {system}) are the msgids auth/user_agent.cc marks.
[[maybe_unused]] constexpr const char* kValueWords[] = {N_("totp"), N_("recovery code")};

bool IsWordValue(std::string_view name) {
  return name == "how" || name == "browser" || name == "system";
}

}  // namespace

std::span<const AuditDetailPhrase> KnownAuditDetails() { return kPhrases; }

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
    phrase.remove_prefix(close + 1);
    // The value runs to the next literal (or to the end), at least one byte.
    const std::string_view next = phrase.substr(0, phrase.find('{'));
    const std::size_t end = next.empty() ? (phrase.empty() ? detail.size() : std::string_view::npos)
                                         : (phrase.size() == next.size() ? detail.rfind(next)
                                                                         : detail.find(next, at + 1));
    if (end == std::string_view::npos || end <= at) return std::nullopt;
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
    for (auto& [name, value] : *args) {  // an attendance mark is a code with words of its own
      if (name == "mark" && MarkLabel(value) != value) value = translate(MarkLabel(value), {});
      if (IsWordValue(name)) value = translate(value, {});
    }
    return translate(phrase, *args);
  }
  return std::string(detail);
}

}  // namespace procura
