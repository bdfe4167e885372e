// ContentRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/sql/sql.h"
#include "storage/storage.h"

namespace procura::sql {

class SqlContentRepository final : public ContentRepository {
 public:
  // `db` and `mu` must outlive this object.
  SqlContentRepository(Database& db) : db_(db) {}

  Result<SiteRecord> GetSite() override;
  Status PutSite(const SiteRecord& site) override;
  Result<std::vector<ColumnRecord>> ListColumns() override;
  Result<std::int64_t> InsertColumn(const ColumnRecord& c) override;
  Result<std::vector<ArticleRecord>> ListPublishedSummaries() override;
  Result<std::optional<ArticleRecord>> GetArticle(std::int64_t id) override;
  Result<std::int64_t> InsertArticle(const ArticleRecord& a) override;
  Result<std::vector<MediaRecord>> ListMedia() override;
  Result<std::optional<MediaRecord>> GetMedia(std::int64_t id) override;
  Result<MediaPage> FindMedia(const MediaQuery& q) override;
  Result<std::int64_t> InsertMedia(const MediaRecord& m) override;
  Result<std::vector<std::int64_t>> ReleaseMedia(std::span<const std::int64_t> ids,
                                                 std::span<const std::string> names) override;
  Result<std::vector<MediaUse>> FindMediaUses(std::int64_t media_id, const std::string& stem,
                                              int limit) override;
  Status SetMediaAlt(std::int64_t id, const std::string& alt) override;
  Status DeleteMedia(std::int64_t id) override;
  Result<std::vector<AttachmentRecord>> ListAttachments() override;
  Result<std::vector<AttachmentRecord>> ListAttachmentsOf(std::int64_t article_id) override;
  Status AddAttachment(const AttachmentRecord& a) override;
  Status RemoveAttachment(std::int64_t article_id, std::int64_t media_id) override;
  Status SetAttachmentPending(std::int64_t article_id, std::int64_t media_id,
                              const std::string& pending) override;
  Status SettlePendingAttachments(std::int64_t article_id, bool apply) override;
  Result<bool> IsEmpty() override;

 private:
  Database& db_;
};

}  // namespace procura::sql
