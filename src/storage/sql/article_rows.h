// Column list and row mapping for `articles`, shared by the repositories.
// Internal to storage/.
#pragma once

#include "storage/records.h"
#include "storage/sql/sql.h"

namespace procura::sql {

// Every article column but body_md, in the order ReadArticleRow expects.
// The covering index articles_summaries (migration 0009) holds exactly
// these: a column added here must be added there by a new migration, or the
// portal's summaries go back to reading every table page (the lifecycle
// integration test checks the query plan).
inline constexpr const char* kArticleColumns =
    "id, column_id, title, author, news_source, status, published_at, lead_media_id, "
    "lead_caption, is_sample, created_at, updated_at, created_by, status_reason, scheduled_at, "
    "lead_alt, pending_revision, version, lang, translation_of, pinned_at, pinned_until";
inline constexpr int kArticleColumnCount = 22;

// Reads the kArticleColumns of the current row (body_md is left empty).
ArticleRecord ReadArticleRow(const Statement& st);

}  // namespace procura::sql
