#include "storage/sql/sql_newsroom_repositories.h"

#include <fmt/format.h>

#include <cstdlib>

#include "storage/sql/article_media_refs.h"
#include "storage/sql/article_rows.h"

namespace procura::sql {
namespace {

// The meta row with the Markdown rules the stored renderings were made by.
constexpr const char* kRenderingRulesKey = "rendering_rules";

// WHERE clause and binder for an ArticleFilter. Every value is bound.
struct Where {
  std::string sql = " WHERE 1 = 1";
  std::vector<std::function<void(Statement&, int)>> binds;
  void Add(std::string clause, std::function<void(Statement&, int)> bind) {
    sql += " AND " + std::move(clause);
    binds.push_back(std::move(bind));
  }
  void BindAll(Statement& st) const {
    for (size_t i = 0; i < binds.size(); ++i) binds[i](st, static_cast<int>(i + 1));
  }
};

Where ArticleWhere(const ArticleFilter& f) {
  Where w;
  if (!f.status.empty())
    w.Add("status = ?", [s = f.status](Statement& st, int i) { st.Bind(i, s); });
  if (f.column_id)
    w.Add("column_id = ?", [c = *f.column_id](Statement& st, int i) { st.Bind(i, c); });
  if (f.created_by)
    w.Add("created_by = ?", [c = *f.created_by](Statement& st, int i) { st.Bind(i, c); });
  if (!f.title_contains.empty()) {
    // One newline between the fields, so that a match cannot span two.
    w.Add("lower(title || '\n' || author || '\n' || body_md) LIKE lower(?) ESCAPE '\\'",
          [p = "%" + EscapeLike(f.title_contains) + "%"](Statement& st, int i) { st.Bind(i, p); });
  }
  if (!f.lang.empty()) w.Add("lang = ?", [l = f.lang](Statement& st, int i) { st.Bind(i, l); });
  if (f.updated_from)
    w.Add("updated_at >= ?", [t = *f.updated_from](Statement& st, int i) { st.Bind(i, t); });
  if (f.updated_to)
    w.Add("updated_at <= ?", [t = *f.updated_to](Statement& st, int i) { st.Bind(i, t); });
  if (f.pending_only) w.sql += " AND pending_revision IS NOT NULL";
  if (f.render_failed_only) w.sql += " AND render_error <> ''";
  return w;
}

RevisionRecord ReadRevision(const Statement& st) {
  RevisionRecord r;
  r.id = st.Int(0);
  r.article_id = st.Int(1);
  r.number = st.Int(2);
  r.saved_by = st.OptInt(3);
  r.saved_at = st.Int(4);
  r.note = st.Text(5);
  r.column_id = st.Int(6);
  r.title = st.Text(7);
  r.author = st.Text(8);
  r.news_source = st.Text(9);
  r.lead_media_id = st.OptInt(10);
  r.lead_caption = st.Text(11);
  r.lead_alt = st.Text(12);
  r.body_md = st.Text(13);
  r.body_html = st.OptText(14);
  return r;
}

constexpr const char* kRevisionColumns =
    "id, article_id, number, saved_by, saved_at, note, column_id, title, author, news_source, "
    "lead_media_id, lead_caption, lead_alt, body_md, body_html FROM article_revisions";

}  // namespace

Result<std::vector<ArticleRecord>> SqlArticleRepository::Select(
    const std::string& sql, const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  bind(*st);
  return st->Collect<ArticleRecord>(
      [](const Statement& row) -> ArticleRecord { return ReadArticleRow(row); });
}

Result<std::vector<ArticleRecord>> SqlArticleRepository::ListArticles(const ArticleFilter& f) {
  const Where w = ArticleWhere(f);
  const int n = static_cast<int>(w.binds.size());
  return Select(fmt::format("SELECT {} FROM articles{} ORDER BY updated_at DESC, id DESC "
                            "LIMIT ? OFFSET ?",
                            kArticleColumns, w.sql),
                [&](Statement& st) {
                  w.BindAll(st);
                  st.Bind(n + 1, std::int64_t{f.limit}).Bind(n + 2, std::int64_t{f.offset});
                });
}

Result<std::int64_t> SqlArticleRepository::CountArticles(const ArticleFilter& f) {
  std::lock_guard lock(db_);
  const Where w = ArticleWhere(f);
  auto st = db_.Prepare("SELECT count(*) FROM articles" + w.sql);
  if (!st.ok()) return st.status();
  w.BindAll(*st);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return st->Int(0);
}

Result<ArticlePage> SqlArticleRepository::FindArticles(const ArticleFilter& f) {
  const Where w = ArticleWhere(f);
  const int n = static_cast<int>(w.binds.size());
  ArticlePage page;
  {
    std::lock_guard lock(db_);
    // Read in the index's order (articles_by_update), this stops after the
    // page; a count over every match (a window) would sort them all.
    auto st = db_.Prepare(fmt::format("SELECT {} FROM articles{} "
                                      "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
                                      kArticleColumns, w.sql));
    if (!st.ok()) return st.status();
    w.BindAll(*st);
    st->Bind(n + 1, std::int64_t{f.limit}).Bind(n + 2, std::int64_t{f.offset});
    auto rows = st->Collect<ArticleRecord>(ReadArticleRow);
    if (!rows.ok()) return rows.status();
    page.items = std::move(*rows);
  }
  // A short page, not past the end, is the last: its rows give the total.
  const auto got = static_cast<std::int64_t>(page.items.size());
  if (got < f.limit && (got > 0 || f.offset == 0)) {
    page.total = f.offset + got;
    return page;
  }
  auto total = CountArticles(f);
  if (!total.ok()) return total.status();
  page.total = *total;
  return page;
}

Status SqlArticleRepository::UpdateArticle(const ArticleRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE articles SET column_id = ?, title = ?, author = ?, news_source = ?, status = ?, "
      "published_at = ?, lead_media_id = ?, lead_caption = ?, body_md = ?, updated_at = ?, "
      "status_reason = ?, scheduled_at = ?, lead_alt = ?, pending_revision = ?, body_html = ?, "
      "render_error = ?, last_edited_by = ?, lang = ?, translation_of = ?, version = version + 1, "
      "media_indexed = 0 WHERE id = ? AND version = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, a.column_id).Bind(2, a.title).Bind(3, a.author).Bind(4, a.news_source);
  st->Bind(5, a.status).Bind(6, a.published_at).Bind(7, a.lead_media_id);
  st->Bind(8, a.lead_caption).Bind(9, a.body_md).Bind(10, a.updated_at);
  st->Bind(11, a.status_reason).Bind(12, a.scheduled_at).Bind(13, a.lead_alt);
  st->Bind(14, a.pending_revision).BindOptText(15, a.body_html).Bind(16, a.render_error);
  st->Bind(17, a.last_edited_by).Bind(18, a.lang).Bind(19, a.translation_of);
  st->Bind(20, a.id).Bind(21, a.version);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) {
    return Status::Conflict("the article was changed by someone else meanwhile; reload it");
  }
  return WriteMediaRefs(db_, a.id, a.body_md, a.pending_revision);
}

Result<std::int64_t> SqlArticleRepository::InsertRevision(const RevisionRecord& r) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO article_revisions (article_id, number, saved_by, saved_at, note, column_id, "
      "title, author, news_source, lead_media_id, lead_caption, lead_alt, body_md, body_html) "
      "VALUES (?, (SELECT coalesce(max(number), 0) + 1 FROM article_revisions WHERE article_id "
      "= ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, r.article_id).Bind(2, r.article_id).Bind(3, r.saved_by).Bind(4, r.saved_at);
  st->Bind(5, r.note).Bind(6, r.column_id).Bind(7, r.title).Bind(8, r.author);
  st->Bind(9, r.news_source).Bind(10, r.lead_media_id).Bind(11, r.lead_caption);
  st->Bind(12, r.lead_alt).Bind(13, r.body_md).BindOptText(14, r.body_html);
  return st->RunReturningId();
}

Result<std::vector<RevisionRecord>> SqlArticleRepository::ListRevisions(std::int64_t article) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kRevisionColumns +
                        " WHERE article_id = ? ORDER BY number DESC");
  if (!st.ok()) return st.status();
  st->Bind(1, article);
  return st->Collect<RevisionRecord>(
      [](const Statement& row) -> RevisionRecord { return ReadRevision(row); });
}

Result<std::optional<RevisionRecord>> SqlArticleRepository::GetRevision(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kRevisionColumns + " WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RevisionRecord>();
  return std::optional<RevisionRecord>(ReadRevision(*st));
}

Result<std::vector<ArticleRecord>> SqlArticleRepository::DueScheduled(UnixSeconds now) {
  return Select(fmt::format("SELECT {} FROM articles WHERE status = 'scheduled' AND "
                            "scheduled_at <= ? ORDER BY scheduled_at, id",
                            kArticleColumns),
                [&](Statement& st) { st.Bind(1, now); });
}

Status SqlArticleRepository::SetArticlePin(std::int64_t id, std::optional<UnixSeconds> pinned_at,
                                           std::optional<UnixSeconds> pinned_until) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("UPDATE articles SET pinned_at = ?, pinned_until = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, pinned_at).Bind(2, pinned_at ? pinned_until : std::optional<UnixSeconds>{}).Bind(3, id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return st->Changes() == 0 ? Status::NotFound("no such article") : Status::Ok();
}

Result<std::vector<ArticleRecord>> SqlArticleRepository::PinsDue(UnixSeconds now) {
  return Select(fmt::format("SELECT {} FROM articles WHERE pinned_at IS NOT NULL AND "
                            "pinned_until <= ? ORDER BY pinned_until, id",
                            kArticleColumns),
                [&](Statement& st) { st.Bind(1, now); });
}

Result<std::int64_t> SqlArticleRepository::CountPinned(std::int64_t column_id,
                                                     const std::string& lang) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT count(*) FROM articles WHERE column_id = ? AND lang = ? AND pinned_at IS NOT NULL "
      "AND status = 'published'");
  if (!st.ok()) return st.status();
  st->Bind(1, column_id).Bind(2, lang);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return st->Int(0);
}

Result<std::optional<UnixSeconds>> SqlArticleRepository::NextScheduled() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT min(scheduled_at) FROM articles WHERE status = 'scheduled'");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return st->OptInt(0);
}

Status SqlArticleRepository::UpdateColumn(const ColumnRecord& c) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE columns SET parent_id = ?, slug = ?, name = ?, description = ?, position = ?, "
      "hidden = ?, four_eyes = ?, second_name = ?, review_steps = ?, column_type = ?, "
      "second_description = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, c.parent_id).Bind(2, c.slug).Bind(3, c.name).Bind(4, c.description);
  st->Bind(5, std::int64_t{c.position}).Bind(6, std::int64_t{c.hidden ? 1 : 0});
  st->Bind(7, std::int64_t{c.four_eyes ? 1 : 0}).Bind(8, c.second_name);
  st->Bind(9, std::int64_t{c.review_steps}).Bind(10, c.column_type).Bind(11, c.second_description);
  st->Bind(12, c.id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such column");
  return Status::Ok();
}

Result<std::vector<std::pair<std::int64_t, std::string>>> SqlArticleRepository::ListUnrendered(
    std::int64_t after_id, int limit) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, CAST(body_md AS TEXT) FROM articles WHERE id > ? AND body_html IS NULL AND "
      "render_error = '' ORDER BY id LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, after_id).Bind(2, std::int64_t{limit});
  return st->Collect<std::pair<std::int64_t, std::string>>(
      [](const Statement& row) -> std::pair<std::int64_t, std::string> {
        return {row.Int(0), row.Text(1)};
      });
}

Status SqlArticleRepository::StoreRendering(std::int64_t id,
                                               const std::optional<std::string>& html,
                                               const std::string& error) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE articles SET body_html = ?, render_error = ? WHERE id = ? AND body_html IS NULL");
  if (!st.ok()) return st.status();
  st->BindOptText(1, html).Bind(2, error).Bind(3, id);
  return st->Run();
}

Result<std::vector<StoredBody>> SqlArticleRepository::ListRenderedBodies(std::int64_t after_id,
                                                                         int limit) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, version, column_id, title, CAST(body_md AS TEXT), body_html FROM articles "
      "WHERE id > ? AND body_html IS NOT NULL ORDER BY id LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, after_id).Bind(2, std::int64_t{limit});
  return st->Collect<StoredBody>([](const Statement& row) {
    return StoredBody{row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5)};
  });
}

Result<bool> SqlArticleRepository::ReplaceRendering(std::int64_t id, std::int64_t version,
                                                    const std::string& html) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE articles SET body_html = ?, render_error = '' WHERE id = ? AND version = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, html).Bind(2, id).Bind(3, version);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return st->Changes() > 0;
}

Result<int> SqlArticleRepository::RenderingRules() {
  std::lock_guard lock(db_);
  auto value = MetaValue(db_, kRenderingRulesKey);
  if (!value.ok()) return value.status();
  return *value ? std::atoi((*value)->c_str()) : 0;
}

Status SqlArticleRepository::RecordRenderingRules(int rules) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
      "SET value = excluded.value WHERE CAST(meta.value AS INTEGER) < CAST(excluded.value AS INTEGER)");
  if (!st.ok()) return st.status();
  st->Bind(1, kRenderingRulesKey).Bind(2, std::to_string(rules));
  return st->Run();
}

Status SqlAuditRepository::Append(const AuditEntry& e) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO audit_log (at, actor_id, actor_name, ip, action, object_type, object_id, "
      "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, e.at).Bind(2, e.actor_id).Bind(3, e.actor_name).Bind(4, e.ip).Bind(5, e.action);
  st->Bind(6, e.object_type).Bind(7, e.object_id).Bind(8, e.detail);
  return st->Run();
}

Result<std::vector<AuditEntry>> SqlAuditRepository::Query(const AuditFilter& f) {
  std::lock_guard lock(db_);
  Where w;
  if (!f.actor.empty())
    w.Add("actor_name = ?", [a = f.actor](Statement& st, int i) { st.Bind(i, a); });
  if (!f.action.empty()) {
    w.Add("action LIKE ? ESCAPE '\\'",
          [p = EscapeLike(f.action) + "%"](Statement& st, int i) { st.Bind(i, p); });
  }
  if (!f.object_type.empty())
    w.Add("object_type = ?", [o = f.object_type](Statement& st, int i) { st.Bind(i, o); });
  if (f.object_id)
    w.Add("object_id = ?", [o = *f.object_id](Statement& st, int i) { st.Bind(i, o); });
  if (f.from) w.Add("at >= ?", [t = *f.from](Statement& st, int i) { st.Bind(i, t); });
  if (f.to) w.Add("at <= ?", [t = *f.to](Statement& st, int i) { st.Bind(i, t); });
  auto st = db_.Prepare(
      "SELECT id, at, actor_id, actor_name, ip, action, object_type, object_id, detail "
      "FROM audit_log" +
      w.sql + " ORDER BY id DESC LIMIT ? OFFSET ?");
  if (!st.ok()) return st.status();
  w.BindAll(*st);
  const int n = static_cast<int>(w.binds.size());
  st->Bind(n + 1, std::int64_t{f.limit}).Bind(n + 2, std::int64_t{f.offset});
  return st->Collect<AuditEntry>([](const Statement& row) -> AuditEntry {
    return AuditEntry{row.Int(0),  row.Int(1),  row.OptInt(2), row.Text(3), row.Text(4),
                      row.Text(5), row.Text(6), row.OptInt(7), row.Text(8)};
  });
}

}  // namespace procura::sql
