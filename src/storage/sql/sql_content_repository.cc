#include "storage/sql/sql_content_repository.h"

#include "storage/sql/article_media_refs.h"
#include "storage/sql/article_rows.h"

namespace procura::sql {
namespace {

// Maps "article_id, media_id, position, pending".
AttachmentRecord ReadAttachmentRow(const Statement& row) {
  return {row.Int(0), row.Int(1), static_cast<int>(row.Int(2)), row.Text(3)};
}

}  // namespace

Result<SiteRecord> SqlContentRepository::GetSite() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT name, tagline, footer_text, icp, lang, utc_offset_minutes, second_name, "
      "second_tagline, second_footer_text, public_url, description, second_description, "
      "show_byline_labels, robots_disallow, site_code, police_filing, show_12309 FROM site "
      "WHERE id = 1");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("site settings have not been stored");
  SiteRecord s;
  s.name = st->Text(0);
  s.tagline = st->Text(1);
  s.footer_text = st->Text(2);
  s.icp = st->Text(3);
  s.lang = st->Text(4);
  s.utc_offset_minutes = static_cast<int>(st->Int(5));
  s.second_name = st->Text(6);
  s.second_tagline = st->Text(7);
  s.second_footer_text = st->Text(8);
  s.public_url = st->Text(9);
  s.description = st->Text(10);
  s.second_description = st->Text(11);
  s.show_byline_labels = st->Int(12) != 0;
  s.robots_disallow = st->Text(13);
  s.site_code = st->Text(14);
  s.police_filing = st->Text(15);
  s.show_12309 = st->Int(16) != 0;
  return s;
}

Status SqlContentRepository::PutSite(const SiteRecord& s) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO site (id, name, tagline, footer_text, icp, lang, utc_offset_minutes, "
      "second_name, second_tagline, second_footer_text, public_url, description, "
      "second_description, show_byline_labels, robots_disallow, site_code, police_filing, "
      "show_12309) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, tagline = excluded.tagline, "
      "footer_text = excluded.footer_text, icp = excluded.icp, lang = excluded.lang, "
      "utc_offset_minutes = excluded.utc_offset_minutes, second_name = excluded.second_name, "
      "second_tagline = excluded.second_tagline, second_footer_text = excluded.second_footer_text, "
      "public_url = excluded.public_url, description = excluded.description, "
      "second_description = excluded.second_description, "
      "show_byline_labels = excluded.show_byline_labels, robots_disallow = excluded.robots_disallow, "
      "site_code = excluded.site_code, police_filing = excluded.police_filing, "
      "show_12309 = excluded.show_12309");
  if (!st.ok()) return st.status();
  st->Bind(1, s.name).Bind(2, s.tagline).Bind(3, s.footer_text).Bind(4, s.icp);
  st->Bind(5, s.lang).Bind(6, std::int64_t{s.utc_offset_minutes}).Bind(7, s.second_name);
  st->Bind(8, s.second_tagline).Bind(9, s.second_footer_text).Bind(10, s.public_url);
  st->Bind(11, s.description).Bind(12, s.second_description);
  st->Bind(13, std::int64_t{s.show_byline_labels ? 1 : 0}).Bind(14, s.robots_disallow);
  st->Bind(15, s.site_code).Bind(16, s.police_filing).Bind(17, std::int64_t{s.show_12309});
  return st->Run();
}

Result<std::vector<ColumnRecord>> SqlContentRepository::ListColumns() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, parent_id, slug, name, description, position, hidden, four_eyes, second_name, "
      "review_steps, column_type, second_description FROM columns "
      "ORDER BY coalesce(parent_id, 0), position, id");
  if (!st.ok()) return st.status();
  return st->Collect<ColumnRecord>([](const Statement& row) {
    ColumnRecord c;
    c.id = row.Int(0);
    c.parent_id = row.OptInt(1);
    c.slug = row.Text(2);
    c.name = row.Text(3);
    c.description = row.Text(4);
    c.position = static_cast<int>(row.Int(5));
    c.hidden = row.Int(6) != 0;
    c.four_eyes = row.Int(7) != 0;
    c.second_name = row.Text(8);
    c.review_steps = static_cast<int>(row.Int(9));
    c.column_type = row.Text(10);
    c.second_description = row.Text(11);
    return c;
  });
}

Result<std::int64_t> SqlContentRepository::InsertColumn(const ColumnRecord& c) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO columns (parent_id, slug, name, description, position, hidden, four_eyes, "
      "second_name, review_steps, column_type, second_description) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, c.parent_id).Bind(2, c.slug).Bind(3, c.name).Bind(4, c.description);
  st->Bind(5, std::int64_t{c.position}).Bind(6, std::int64_t{c.hidden ? 1 : 0});
  st->Bind(7, std::int64_t{c.four_eyes ? 1 : 0}).Bind(8, c.second_name);
  st->Bind(9, std::int64_t{c.review_steps}).Bind(10, c.column_type).Bind(11, c.second_description);
  return st->RunReturningId();
}

Result<std::vector<ArticleRecord>> SqlContentRepository::ListPublishedSummaries() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kArticleColumns +
                        " FROM articles WHERE status = 'published' "
                        "ORDER BY published_at DESC, id DESC");
  if (!st.ok()) return st.status();
  return st->Collect<ArticleRecord>(
      [](const Statement& row) -> ArticleRecord { return ReadArticleRow(row); });
}

Result<std::optional<ArticleRecord>> SqlContentRepository::GetArticle(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kArticleColumns +
                        ", body_md, body_html, render_error, last_edited_by FROM articles "
                        "WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ArticleRecord>();
  ArticleRecord a = ReadArticleRow(*st);
  a.body_md = st->Text(kArticleColumnCount);
  a.body_html = st->OptText(kArticleColumnCount + 1);
  a.render_error = st->Text(kArticleColumnCount + 2);
  a.last_edited_by = st->OptInt(kArticleColumnCount + 3);
  return std::optional<ArticleRecord>(std::move(a));
}

Result<std::int64_t> SqlContentRepository::InsertArticle(const ArticleRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO articles (column_id, title, author, news_source, status, published_at, "
      "lead_media_id, lead_caption, body_md, is_sample, created_at, updated_at, created_by, "
      "status_reason, scheduled_at, lead_alt, body_html, render_error, last_edited_by, lang, "
      "translation_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, a.column_id).Bind(2, a.title).Bind(3, a.author).Bind(4, a.news_source);
  st->Bind(5, a.status).Bind(6, a.published_at).Bind(7, a.lead_media_id);
  st->Bind(8, a.lead_caption).Bind(9, a.body_md).Bind(10, std::int64_t{a.is_sample ? 1 : 0});
  st->Bind(11, a.created_at).Bind(12, a.updated_at).Bind(13, a.created_by);
  st->Bind(14, a.status_reason).Bind(15, a.scheduled_at).Bind(16, a.lead_alt);
  st->BindOptText(17, a.body_html).Bind(18, a.render_error).Bind(19, a.last_edited_by);
  st->Bind(20, a.lang).Bind(21, a.translation_of);
  auto id = st->RunReturningId();
  if (!id.ok()) return id;
  PROCURA_RETURN_IF_ERROR(WriteMediaRefs(db_, *id, a.body_md, a.pending_revision));
  return id;
}

namespace {

constexpr const char* kMediaColumns =
    "id, stored_name, mime, byte_size, width, height, alt_text, created_at, kind, "
    "original_name, variants, uploaded_by, private FROM media";

MediaRecord ReadMediaRow(const Statement& row) {
  MediaRecord m;
  m.id = row.Int(0);
  m.stored_name = row.Text(1);
  m.mime = row.Text(2);
  m.byte_size = row.Int(3);
  m.width = static_cast<int>(row.Int(4));
  m.height = static_cast<int>(row.Int(5));
  m.alt_text = row.Text(6);
  m.created_at = row.Int(7);
  m.kind = row.Text(8);
  m.original_name = row.Text(9);
  m.variants = row.Text(10);
  m.uploaded_by = row.OptInt(11);
  m.is_private = row.Int(12) != 0;
  return m;
}

// FindMedia's condition, every value bound: ?1 and ?2 the kind, ?3 and ?4 the pattern.
constexpr const char* kMediaMatch =
    " WHERE (? = '' OR kind = ?) AND (? = '' OR lower(original_name || '\n' || alt_text) "
    "LIKE lower(?) ESCAPE '\\')";

void BindMediaMatch(Statement& st, const MediaQuery& q) {
  const std::string pattern = q.text.empty() ? "" : "%" + EscapeLike(q.text) + "%";
  st.Bind(1, q.kind).Bind(2, q.kind).Bind(3, pattern).Bind(4, pattern);
}

}  // namespace

Result<std::vector<MediaRecord>> SqlContentRepository::ListMedia() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kMediaColumns + " ORDER BY id");
  if (!st.ok()) return st.status();
  return st->Collect<MediaRecord>(ReadMediaRow);
}

Result<std::optional<MediaRecord>> SqlContentRepository::GetMedia(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kMediaColumns + " WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<MediaRecord>();
  return std::optional<MediaRecord>(ReadMediaRow(*st));
}

Result<MediaPage> SqlContentRepository::FindMedia(const MediaQuery& q) {
  std::lock_guard lock(db_);
  MediaPage page;
  auto count = db_.Prepare(std::string("SELECT count(*) FROM media") + kMediaMatch);
  if (!count.ok()) return count.status();
  BindMediaMatch(*count, q);
  auto total = count->Collect<std::int64_t>([](const Statement& row) { return row.Int(0); });
  if (!total.ok()) return total.status();
  page.total = total->empty() ? 0 : total->front();
  if (q.limit <= 0) return page;
  auto st = db_.Prepare(std::string("SELECT ") + kMediaColumns + kMediaMatch +
                        " ORDER BY id DESC LIMIT ? OFFSET ?");
  if (!st.ok()) return st.status();
  BindMediaMatch(*st, q);
  st->Bind(5, std::int64_t{q.limit}).Bind(6, q.offset);
  auto items = st->Collect<MediaRecord>(ReadMediaRow);
  if (!items.ok()) return items.status();
  page.items = std::move(*items);
  return page;
}

Result<std::int64_t> SqlContentRepository::InsertMedia(const MediaRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO media (stored_name, mime, byte_size, width, height, alt_text, created_at, "
      "kind, original_name, variants, uploaded_by, private) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, m.stored_name).Bind(2, m.mime).Bind(3, m.byte_size);
  st->Bind(4, std::int64_t{m.width}).Bind(5, std::int64_t{m.height});
  st->Bind(6, m.alt_text).Bind(7, m.created_at).Bind(8, m.kind).Bind(9, m.original_name);
  st->Bind(10, m.variants).Bind(11, m.uploaded_by).Bind(12, std::int64_t{m.is_private ? 1 : 0});
  return st->RunReturningId();
}

Result<std::vector<std::int64_t>> SqlContentRepository::ReleaseMedia(
    std::span<const std::int64_t> ids, std::span<const std::string> names) {
  std::lock_guard lock(db_);
  std::vector<std::int64_t> released;
  const auto release = [&](const char* sql, const auto& key) -> Status {
    auto st = db_.Prepare(sql);
    if (!st.ok()) return st.status();
    st->Bind(1, key);
    auto rows = st->Collect<std::int64_t>([](const Statement& row) { return row.Int(0); });
    if (!rows.ok()) return rows.status();
    released.insert(released.end(), rows->begin(), rows->end());
    return Status::Ok();
  };
  for (std::int64_t id : ids)
    PROCURA_RETURN_IF_ERROR(
        release("UPDATE media SET private = 0 WHERE id = ? AND private = 1 RETURNING id", id));
  for (const std::string& name : names)
    PROCURA_RETURN_IF_ERROR(release(
        "UPDATE media SET private = 0 WHERE stored_name = ? AND private = 1 RETURNING id", name));
  return released;
}

Result<std::vector<MediaUse>> SqlContentRepository::FindMediaUses(std::int64_t media_id,
                                                                   const std::string& stem,
                                                                   int limit) {
  std::lock_guard lock(db_);
  // Bodies are looked up in article_media_refs; only an article not yet
  // indexed there (media_indexed = 0) has its bodies scanned for the
  // file's URL (/media/<stem>.jpg, /media/<stem>-w640.jpg).
  auto st = db_.Prepare(
      "SELECT kind, id, title FROM ("
      " SELECT 'article' AS kind, a.id, a.title FROM articles a WHERE a.id IN ("
      "  SELECT id FROM articles WHERE lead_media_id = ?1"
      "  UNION SELECT r.article_id FROM article_media_refs r JOIN media m"
      "   ON m.stored_name = r.stored_name WHERE m.id = ?1 AND ?2 <> ''"
      "  UNION SELECT article_id FROM article_attachments WHERE media_id = ?1"
      "  UNION SELECT p.id FROM articles p JOIN article_revisions v ON v.id = p.pending_revision"
      "   WHERE v.lead_media_id = ?1"
      "  UNION SELECT u.id FROM articles u WHERE u.media_indexed = 0 AND ?2 <> '' AND ("
      "   u.body_md LIKE ?3 ESCAPE '\\' OR EXISTS (SELECT 1 FROM article_revisions w"
      "    WHERE w.id = u.pending_revision AND w.body_md LIKE ?3 ESCAPE '\\')))"
      " UNION ALL SELECT 'meeting', m.id, m.topic FROM meetings m"
      "  WHERE ',' || m.photos || ',' LIKE ?4"
      " UNION ALL SELECT 'class', c.id, c.title FROM training_classes c"
      "  WHERE ',' || c.photos || ',' LIKE ?4) AS uses "
      "ORDER BY kind, id LIMIT ?5");
  if (!st.ok()) return st.status();
  const std::string in_body = "%/media/" + EscapeLike(stem) + "%";
  const std::string in_list = "%," + std::to_string(media_id) + ",%";
  st->Bind(1, media_id).Bind(2, stem).Bind(3, in_body).Bind(4, in_list);
  st->Bind(5, std::int64_t{limit});
  return st->Collect<MediaUse>([](const Statement& row) {
    return MediaUse{row.Text(0), row.Int(1), row.Text(2)};
  });
}

Status SqlContentRepository::SetMediaAlt(std::int64_t id, const std::string& alt) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("UPDATE media SET alt_text = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, alt).Bind(2, id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such media item");
  return Status::Ok();
}

Status SqlContentRepository::DeleteMedia(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM media WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  Status s = st->Run();
  if (!s.ok() && s.code() == Status::Code::kInvalidArgument)
    return Status::Invalid("file: still used by an article; remove it there first");
  return s;
}

Result<std::vector<AttachmentRecord>> SqlContentRepository::ListAttachments() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT article_id, media_id, position, pending FROM article_attachments "
      "ORDER BY article_id, position, media_id");
  if (!st.ok()) return st.status();
  return st->Collect<AttachmentRecord>(ReadAttachmentRow);
}

Result<std::vector<AttachmentRecord>> SqlContentRepository::ListAttachmentsOf(
    std::int64_t article_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT article_id, media_id, position, pending FROM article_attachments "
      "WHERE article_id = ? ORDER BY position, media_id");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id);
  return st->Collect<AttachmentRecord>(ReadAttachmentRow);
}

Status SqlContentRepository::AddAttachment(const AttachmentRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO article_attachments (article_id, media_id, position, pending) "
      "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  if (!st.ok()) return st.status();
  st->Bind(1, a.article_id).Bind(2, a.media_id).Bind(3, std::int64_t{a.position});
  st->Bind(4, a.pending);
  return st->Run();
}

Status SqlContentRepository::SetAttachmentPending(std::int64_t article_id,
                                                     std::int64_t media_id,
                                                     const std::string& pending) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE article_attachments SET pending = ? WHERE article_id = ? AND media_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, pending).Bind(2, article_id).Bind(3, media_id);
  return st->Run();
}

Status SqlContentRepository::SettlePendingAttachments(std::int64_t article_id, bool apply) {
  std::lock_guard lock(db_);
  auto del = db_.Prepare("DELETE FROM article_attachments WHERE article_id = ? AND pending = ?");
  if (!del.ok()) return del.status();
  del->Bind(1, article_id).Bind(2, apply ? "remove" : "add");
  PROCURA_RETURN_IF_ERROR(del->Run());
  auto keep = db_.Prepare("UPDATE article_attachments SET pending = '' WHERE article_id = ?");
  if (!keep.ok()) return keep.status();
  keep->Bind(1, article_id);
  return keep->Run();
}

Status SqlContentRepository::RemoveAttachment(std::int64_t article_id, std::int64_t media_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM article_attachments WHERE article_id = ? AND media_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, article_id).Bind(2, media_id);
  return st->Run();
}

Result<bool> SqlContentRepository::IsEmpty() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT (SELECT count(*) FROM site) + (SELECT count(*) FROM columns)");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return st->Int(0) == 0;
}

}  // namespace procura::sql
