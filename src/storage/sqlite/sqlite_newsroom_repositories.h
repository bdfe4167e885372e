// ArticleRepository and AuditRepository over the shared SQLite connection.
#pragma once

#include <functional>
#include <mutex>

#include "storage/newsroom_repositories.h"
#include "storage/sqlite/sqlite_db.h"

namespace procura::sqlite {

class SqliteArticleRepository final : public ArticleRepository {
 public:
  SqliteArticleRepository(Database& db, std::recursive_mutex& mu) : db_(db), mu_(mu) {}
  Result<std::vector<ArticleRecord>> ListArticles(const ArticleFilter& f) override;
  Result<std::int64_t> CountArticles(const ArticleFilter& f) override;
  Status UpdateArticle(const ArticleRecord& a) override;
  Result<std::int64_t> InsertRevision(const RevisionRecord& r) override;
  Result<std::vector<RevisionRecord>> ListRevisions(std::int64_t article_id) override;
  Result<std::optional<RevisionRecord>> GetRevision(std::int64_t revision_id) override;
  Result<std::vector<ArticleRecord>> DueScheduled(UnixSeconds now) override;
  Result<std::optional<UnixSeconds>> NextScheduled() override;
  Status UpdateColumn(const ColumnRecord& c) override;
  Result<std::vector<std::pair<std::int64_t, std::string>>> ListUnrendered(std::int64_t after_id,
                                                                           int limit) override;
  Status StoreRendering(std::int64_t id, const std::optional<std::string>& html,
                        const std::string& error) override;

 private:
  Result<std::vector<ArticleRecord>> Select(const std::string& sql,
                                            const std::function<void(Statement&)>& bind);
  Database& db_;
  std::recursive_mutex& mu_;
};

class SqliteAuditRepository final : public AuditRepository {
 public:
  SqliteAuditRepository(Database& db, std::recursive_mutex& mu) : db_(db), mu_(mu) {}
  Status Append(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> Query(const AuditFilter& f) override;

 private:
  Database& db_;
  std::recursive_mutex& mu_;
};

}  // namespace procura::sqlite
