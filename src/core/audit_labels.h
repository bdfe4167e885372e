// The words a person sees for an audit log entry's codes: what was done
// ("article.publish" → "Approved and published") and to what kind of thing
// ("member" → "Party member record"). Each returns an English msgid (marked
// N_) for the catalogs; the caller translates it. An unknown code comes back
// as itself, so an entry written by a newer version still reads.
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace procura {

std::string_view AuditActionLabel(std::string_view action);
std::string_view AuditObjectLabel(std::string_view object_type);

// Every action the code writes, with its msgid, in a stable order grouped by
// area: for the audit page's suggestions.
using AuditActionName = std::pair<std::string_view, const char*>;
std::span<const AuditActionName> KnownAuditActions();
// Every kind of object an entry names ("member", "article", ...).
std::span<const AuditActionName> KnownAuditObjects();

}  // namespace procura
