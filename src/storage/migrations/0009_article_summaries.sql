-- procura schema v9: the portal reads every published article's summary at
-- start and after each change (ListPublishedSummaries). Rows hold their
-- Markdown bodies, so reading summaries from the table reads nearly every
-- page of the database (35 s cold at a million articles). This covering
-- index holds the summary columns in listing order, so that read touches
-- the index only. It replaces articles_by_time, which is its prefix.
CREATE INDEX articles_summaries ON articles (
  status, published_at DESC, id DESC, column_id, title, author, news_source, lead_media_id,
  lead_caption, is_sample, created_at, updated_at, created_by, status_reason, scheduled_at,
  lead_alt, pending_revision, version);
DROP INDEX articles_by_time;
