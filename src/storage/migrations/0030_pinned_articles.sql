-- 置顶: a published article pinned to the top of its column's first page
-- and of its column's block on the home page, since pinned_at, until
-- pinned_until (NULL: until unpinned). The scheduler unpins at
-- pinned_until, through articles_pins_due.
ALTER TABLE articles ADD COLUMN pinned_at INTEGER;
ALTER TABLE articles ADD COLUMN pinned_until INTEGER;
CREATE INDEX articles_pins_due ON articles (pinned_until) WHERE pinned_at IS NOT NULL;

-- The covering index of the portal's summaries gains the two columns.
DROP INDEX articles_summaries;
CREATE INDEX articles_summaries ON articles (
  status, published_at DESC, id DESC, column_id, title, author, news_source, lead_media_id,
  lead_caption, is_sample, created_at, updated_at, created_by, status_reason, scheduled_at,
  lead_alt, pending_revision, version, lang, translation_of, pinned_at, pinned_until);
