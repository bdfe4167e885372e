// article_media_refs: which stored media files an article's body, and its
// pending revision's body, show (migration 0056). Written with the
// article; read by ContentRepository::FindMediaUses. Internal to storage/.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "storage/sql/sql.h"

namespace procura::sql {

// Replaces article `article_id`'s refs with the files `body_md` and the
// body of revision `pending_revision` (if any) name, and marks the article
// indexed (media_indexed = 1). An article left unmarked (a write that
// stopped halfway, a row stored before the table) is found by scanning its
// body instead, so a lookup is never short. The caller holds `db`'s lock.
Status WriteMediaRefs(Database& db, std::int64_t article_id, std::string_view body_md,
                      std::optional<std::int64_t> pending_revision);

// Indexes up to `limit` articles not yet marked, oldest first; how many it
// did (0 once every article is). One transaction, under the writer lock,
// so it may run while others write.
Result<int> IndexUnmarkedArticles(Database& db, int limit);

}  // namespace procura::sql
