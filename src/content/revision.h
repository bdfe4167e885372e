// An article's revision: what the newsroom keeps each time an article is
// created, saved or restored, and compares on the revisions page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/records.h"

namespace procura {

// A copy of `a`'s editable fields (column, title, byline, lead image, body)
// for article `a.id`, saved by `saved_by` (none: the system, or the demo)
// at `saved_at`, with `note` ("created", "saved", "restored revision N").
// The revision's number is the storage's to give.
RevisionRecord RevisionOfArticle(const ArticleRecord& a, std::optional<std::int64_t> saved_by,
                                 UnixSeconds saved_at, std::string note);

}  // namespace procura
