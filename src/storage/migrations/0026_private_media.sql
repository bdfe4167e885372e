-- Photos of party meetings are records, not publications: such a file is
-- private (served only to staff, at /admin/media-file/<name>) until an
-- article that uses it is published, which releases it for good.
ALTER TABLE media ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
-- Meeting photos no published article uses yet (as its lead image, an
-- attachment or in its body) become private.
UPDATE media SET private = 1
WHERE EXISTS (SELECT 1 FROM meetings
              WHERE ',' || meetings.photos || ',' LIKE '%,' || media.id || ',%')
  AND NOT EXISTS (SELECT 1 FROM articles
                  WHERE articles.status = 'published' AND articles.lead_media_id = media.id)
  AND NOT EXISTS (SELECT 1 FROM article_attachments JOIN articles ON articles.id = article_attachments.article_id
                  WHERE articles.status = 'published' AND article_attachments.media_id = media.id)
  AND NOT EXISTS (SELECT 1 FROM articles
                  WHERE articles.status = 'published' AND instr(articles.body_md, media.stored_name) > 0);
