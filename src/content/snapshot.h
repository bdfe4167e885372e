// SiteSnapshot: an immutable, in-memory view of everything the portal lists
// (site settings, the column tree, published article summaries and media).
// Pages are built from a snapshot, so listing pages and 404 decisions never
// touch the database.
//
// A snapshot reflects the change log up to seq(). It is loaded whole once,
// at start, and after that each batch of changes makes a new snapshot with
// Apply, which reads only what the changes name and shares everything else
// with the snapshot before (see ContentService and article_list.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "content/article_list.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura {

class SiteSnapshot {
 public:
  // Reads everything from `repo`, as of change-log position `seq` (read it
  // before calling: the data read is then at least that new). Columns are
  // kept in tree order. A database with no site settings yet yields a site
  // named "procura".
  static Result<std::shared_ptr<const SiteSnapshot>> Load(ContentRepository& repo,
                                                          std::int64_t seq = 0);

  // This snapshot with `changes` applied (ascending, all after seq()): an
  // article change re-reads that article and its attachments, a column or
  // site change re-reads the columns or settings, a media change the media
  // table. Errors leave this snapshot as it was.
  Result<std::shared_ptr<const SiteSnapshot>> Apply(std::span<const ChangeRecord> changes,
                                                    ContentRepository& repo) const;

  // This snapshot with the site's public address replaced (an export for
  // another address); shares every article chunk and table.
  std::shared_ptr<const SiteSnapshot> WithPublicUrl(std::string url) const;

  // The last change-log number this snapshot reflects.
  std::int64_t seq() const { return seq_; }

  const SiteRecord& site() const { return site_; }
  // Visible top-level columns in position order.
  const std::vector<const ColumnRecord*>& top_columns() const { return columns_->top; }
  // Visible children of `column_id`, in position order.
  std::vector<const ColumnRecord*> ChildrenOf(std::int64_t column_id) const;
  // nullptr if no visible column has this slug / id.
  const ColumnRecord* ColumnBySlug(std::string_view slug) const;
  const ColumnRecord* ColumnById(std::int64_t id) const;
  // The chain root → `id` (inclusive); empty if unknown.
  std::vector<const ColumnRecord*> ColumnPath(std::int64_t id) const;

  // How many articles are published, in any language or column.
  std::size_t ArticleCount() const { return index_.size(); }
  // Published articles of one column in one language ("zh-CN" or "en"),
  // newest first (empty if none).
  const ArticleList& ArticlesIn(std::int64_t column_id, std::string_view lang = "zh-CN") const;
  // The pinned (置顶) published articles of one column in one language,
  // the most recently pinned first (at most a few).
  std::vector<const ArticleRecord*> PinnedIn(std::int64_t column_id,
                                             std::string_view lang = "zh-CN") const;
  // Published articles in one language, newest first, including those in
  // hidden columns.
  const ArticleList& ArticlesInLanguage(std::string_view lang) const;
  // The published translation of article `id` (either side of the link),
  // in a visible column, or nullptr.
  const ArticleRecord* TranslationOf(std::int64_t id) const;
  // A published article in a visible column, or nullptr.
  const ArticleRecord* ArticleById(std::int64_t id) const;
  // Chronological neighbours in the same column: the one published just
  // before (older) and just after (newer) `id`; nullptr at either end.
  std::pair<const ArticleRecord*, const ArticleRecord*> Neighbors(std::int64_t id) const;

  const MediaRecord* MediaById(std::int64_t id) const;
  // The media record a served file name belongs to (its own file or one of
  // its responsive sizes), or nullptr.
  const MediaRecord* MediaByStoredName(std::string_view name) const;
  // Public documents attached to a published article, in order.
  std::vector<const MediaRecord*> AttachmentsOf(std::int64_t article_id) const;

 private:
  struct ColumnTree {
    std::vector<ColumnRecord> columns;
    std::vector<const ColumnRecord*> top;
    std::map<std::string, const ColumnRecord*, std::less<>> by_slug;
    std::map<std::int64_t, const ColumnRecord*> by_id;  // visible columns only
  };
  struct MediaTable {
    std::map<std::int64_t, MediaRecord> by_id;
    std::map<std::string, const MediaRecord*, std::less<>> by_name;
  };
  static Result<std::shared_ptr<const ColumnTree>> LoadColumns(ContentRepository& repo);
  static Result<std::shared_ptr<const MediaTable>> LoadMedia(ContentRepository& repo);
  static Status LoadSite(ContentRepository& repo, SiteRecord& site);
  // Re-reads one article: drops what this snapshot had, adds it back if it
  // is published.
  Status ApplyArticle(std::int64_t id, ContentRepository& repo);
  void Unlist(const ArticleRecord& a);
  void List(ArticleIndex::Entry e);
  void Pin(const ArticlePtr& a);  // into pinned_, in order

  std::int64_t seq_ = 0;
  SiteRecord site_;
  std::shared_ptr<const ColumnTree> columns_;
  std::shared_ptr<const MediaTable> media_;
  std::map<std::pair<std::string, std::int64_t>, ArticleList, std::less<>> by_column_;
  std::map<std::string, ArticleList, std::less<>> by_lang_;
  std::map<std::pair<std::string, std::int64_t>, std::vector<ArticlePtr>, std::less<>> pinned_;
  std::map<std::int64_t, std::int64_t> translated_by_;  // target id → published translation's id
  ArticleIndex index_;
};

}  // namespace procura
