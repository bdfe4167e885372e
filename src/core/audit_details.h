// An audit entry's detail in the reader's language. Details are stored as
// they were written: English phrases with values ("3 other sessions
// ended") or a person's own words (a title, a reason). A detail that is
// one of the known phrases below, with its values filled in, is shown
// through the catalogs with the same values; anything else is shown as
// stored. The stored text never changes (the CSV export gives it as is).
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace procura {

// A phrase the code writes as the detail of `action`: an English msgid
// (N_) whose {name}s stand for the values written there.
struct AuditDetailPhrase {
  std::string_view action;
  const char* phrase;
};
std::span<const AuditDetailPhrase> KnownAuditDetails();
// The phrases a detail of parts joined by "; " is made of ("step 2 of 2;
// revision 3; sha256 …"); a {reason} part takes the rest of the detail.
std::span<const AuditDetailPhrase> KnownAuditDetailParts();

// The values of `detail` if it is `phrase` with its {name}s filled in
// (each a non-empty run, matched from the left; a list's "[{name}]" may
// be "[]"); nullopt otherwise.
std::optional<MessageArgs> MatchPhrase(std::string_view phrase, std::string_view detail);

// `detail` of an `action` entry in words for the reader:
// translate(phrase, values) for the first of the action's phrases it
// matches (values with words of their own in words too: an attendance
// {mark}, yes/no, {roles}); else, if every "; "-joined part is one of the
// action's parts, the parts so translated and joined; else `detail` itself.
using TranslateMessage = std::function<std::string(std::string_view msgid, const MessageArgs&)>;
std::string AuditDetailText(std::string_view action, std::string_view detail,
                            const TranslateMessage& translate);

}  // namespace procura
