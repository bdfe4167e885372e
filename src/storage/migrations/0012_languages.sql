-- procura schema v12: a Chinese site first, English second (issue 13).
--
-- The site's language (site.lang) is its primary language, served at /;
-- the other one is served under /en/ (or /zh/). Every article is in one
-- language, and may name the article it translates (the link is read both
-- ways; hreflang alternates come from it). Columns carry a name in the
-- second language. Users choose the newsroom's language ('' = the site's).
ALTER TABLE articles ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh-CN'
  CHECK (lang IN ('zh-CN', 'en'));
UPDATE articles SET lang = CASE WHEN (SELECT lang FROM site WHERE id = 1) LIKE 'en%'
                                THEN 'en' ELSE 'zh-CN' END;
ALTER TABLE articles ADD COLUMN translation_of INTEGER REFERENCES articles(id) ON DELETE SET NULL;
ALTER TABLE columns ADD COLUMN second_name TEXT NOT NULL DEFAULT ''
  CHECK (length(second_name) <= 100);
ALTER TABLE site ADD COLUMN second_name TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN second_tagline TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN second_footer_text TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT '' CHECK (lang IN ('', 'zh-CN', 'en'));

-- The covering index of the portal's summaries gains the two columns.
DROP INDEX articles_summaries;
CREATE INDEX articles_summaries ON articles (
  status, published_at DESC, id DESC, column_id, title, author, news_source, lead_media_id,
  lead_caption, is_sample, created_at, updated_at, created_by, status_reason, scheduled_at,
  lead_alt, pending_revision, version, lang, translation_of);
