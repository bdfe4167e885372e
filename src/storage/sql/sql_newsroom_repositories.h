// ArticleRepository and AuditRepository over the SQL layer (both backends).
#pragma once

#include <functional>
#include <mutex>

#include "storage/newsroom_repositories.h"
#include "storage/sql/article_media_refs.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlArticleRepository final : public ArticleRepository {
 public:
  SqlArticleRepository(Database& db) : db_(db) {}
  Result<std::vector<ArticleRecord>> ListArticles(const ArticleFilter& f) override;
  Result<std::int64_t> CountArticles(const ArticleFilter& f) override;
  Result<ArticlePage> FindArticles(const ArticleFilter& f) override;
  Status UpdateArticle(const ArticleRecord& a) override;
  Result<std::int64_t> InsertRevision(const RevisionRecord& r) override;
  Result<std::vector<RevisionRecord>> ListRevisions(std::int64_t article_id) override;
  Result<std::optional<RevisionRecord>> GetRevision(std::int64_t revision_id) override;
  Result<std::vector<ArticleRecord>> DueScheduled(UnixSeconds now) override;
  Status SetArticlePin(std::int64_t id, std::optional<UnixSeconds> pinned_at,
                       std::optional<UnixSeconds> pinned_until) override;
  Result<std::vector<ArticleRecord>> PinsDue(UnixSeconds now) override;
  Result<std::int64_t> CountPinned(std::int64_t column_id, const std::string& lang) override;
  Result<std::optional<UnixSeconds>> NextScheduled() override;
  Status UpdateColumn(const ColumnRecord& c) override;
  Result<int> IndexMediaRefs(int limit) override { return IndexUnmarkedArticles(db_, limit); }
  Result<std::vector<std::pair<std::int64_t, std::string>>> ListUnrendered(std::int64_t after_id,
                                                                           int limit) override;
  Status StoreRendering(std::int64_t id, const std::optional<std::string>& html,
                        const std::string& error) override;
  Result<std::vector<StoredBody>> ListRenderedBodies(std::int64_t after_id, int limit) override;
  Result<bool> ReplaceRendering(std::int64_t id, std::int64_t version,
                                const std::string& html) override;
  Result<int> RenderingRules() override;
  Status RecordRenderingRules(int rules) override;
  // The review record (sql_review_steps.cc).
  Result<std::int64_t> AppendReviewStep(const ReviewStepRecord& r) override;
  Result<std::vector<ReviewStepRecord>> ReviewStepsOf(std::int64_t article_id) override;
  Result<std::vector<ReviewStepRecord>> ReviewStepsBetween(UnixSeconds from,
                                                           UnixSeconds to) override;
  Result<std::int64_t> LatestRevisionNumber(std::int64_t article_id) override;

 private:
  Result<std::vector<ReviewStepRecord>> SelectSteps(const char* where,
                                                    const std::function<void(Statement&)>& bind);
  Result<std::vector<ArticleRecord>> Select(const std::string& sql,
                                            const std::function<void(Statement&)>& bind);
  Database& db_;
};

class SqlAuditRepository final : public AuditRepository {
 public:
  SqlAuditRepository(Database& db) : db_(db) {}
  Status Append(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> Query(const AuditFilter& f) override;

 private:
  Database& db_;
};

}  // namespace procura::sql
