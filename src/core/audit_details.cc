#include "core/audit_details.h"

#include "core/labels.h"

namespace procura {
namespace {

// The phrases the audit log's writers use (grep the writers for the
// English text when adding one). Longer, more specific phrases first.
constexpr const char* kPhrases[] = {
    N_("personal data viewed"),
    N_("edit form"),
    N_("{n} other sessions ended"),
    N_("changed by the user; other sessions ended, this one renewed"),
    N_("password reset; sessions ended"),
    N_("disabled; sessions ended; API tokens revoked"),
    N_("created: {label}"),
    N_("all tokens revoked"),
    N_("site default"),
    N_("TOTP and 10 recovery codes"),
    N_("two-step sign-in turned off"),
    N_("all members as XLSX"),
    N_("all members as CSV"),
    N_("no change"),
    N_("news report: article {id}"),
    N_("news draft article {id}"),
    N_("public with article {id}"),
    N_("media {media}, awaiting review"),
    N_("leaders {a} -> {b} h, members {c} -> {d} h"),
    N_("member {id}: {mark} by QR code"),
    N_("all branch secretaries: {n} newly enrolled"),
    N_("{n} members' records"),
    N_("{year}: {n} ratings"),
    N_("{added} added, {updated} updated, {unchanged} unchanged"),
    N_("applied {applied}, activist {activist}, candidate {candidate}"),
    N_("box {box}; due {day}"),
};

}  // namespace

std::span<const char* const> KnownAuditDetails() { return kPhrases; }

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

std::string AuditDetailText(std::string_view detail, const TranslateMessage& translate) {
  if (detail.empty()) return {};
  for (const char* phrase : kPhrases) {
    auto args = MatchPhrase(phrase, detail);
    if (!args) continue;
    for (auto& [name, value] : *args)  // an attendance mark is a code with words of its own
      if (name == "mark" && MarkLabel(value) != value) value = translate(MarkLabel(value), {});
    return translate(phrase, *args);
  }
  return std::string(detail);
}

}  // namespace procura
