// SiteSnapshot: an immutable, in-memory view of everything the portal lists
// (site settings, the column tree, published article summaries and media).
// Pages are built from a snapshot, so listing pages and 404 decisions never
// touch the database. A content change builds a new snapshot and swaps it
// in (see ContentService).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "storage/storage.h"

namespace procura {

class SiteSnapshot {
 public:
  // Reads everything from `repo`. Columns are kept in tree order (parents
  // before children, siblings by position). A database with no site
  // settings yet yields a site named "procura".
  static Result<std::shared_ptr<const SiteSnapshot>> Load(ContentRepository& repo);

  const SiteRecord& site() const { return site_; }
  // Visible top-level columns in position order.
  const std::vector<const ColumnRecord*>& top_columns() const { return top_columns_; }
  // Visible children of `column_id`, in position order.
  std::vector<const ColumnRecord*> ChildrenOf(std::int64_t column_id) const;
  // nullptr if no visible column has this slug / id.
  const ColumnRecord* ColumnBySlug(std::string_view slug) const;
  const ColumnRecord* ColumnById(std::int64_t id) const;
  // The chain root → `id` (inclusive); empty if unknown.
  std::vector<const ColumnRecord*> ColumnPath(std::int64_t id) const;

  // Published articles, newest first.
  const std::vector<ArticleRecord>& articles() const { return articles_; }
  // Published articles of one column, newest first (empty if none).
  std::span<const ArticleRecord* const> ArticlesIn(std::int64_t column_id) const;
  // A published article's summary, or nullptr.
  const ArticleRecord* ArticleById(std::int64_t id) const;
  // Chronological neighbours in the same column: the one published just
  // before (older) and just after (newer) `id`; nullptr at either end.
  std::pair<const ArticleRecord*, const ArticleRecord*> Neighbors(std::int64_t id) const;

  const MediaRecord* MediaById(std::int64_t id) const;
  // The media record a served file name belongs to (its own file or one of
  // its responsive sizes), or nullptr.
  const MediaRecord* MediaByStoredName(std::string_view name) const;
  // Documents attached to an article, in order.
  std::vector<const MediaRecord*> AttachmentsOf(std::int64_t article_id) const;

 private:
  SiteRecord site_;
  std::vector<ColumnRecord> columns_;
  std::vector<const ColumnRecord*> top_columns_;
  std::map<std::string, const ColumnRecord*, std::less<>> by_slug_;
  std::map<std::int64_t, const ColumnRecord*> by_id_;
  std::vector<ArticleRecord> articles_;
  std::map<std::int64_t, const ArticleRecord*> article_by_id_;
  std::map<std::int64_t, std::vector<const ArticleRecord*>> by_column_;
  std::map<std::int64_t, MediaRecord> media_;
  std::map<std::string, const MediaRecord*, std::less<>> media_by_name_;
  std::map<std::int64_t, std::vector<std::int64_t>> attachments_;
};

}  // namespace procura
