-- Which stored media files each article's body, and its pending revision's
-- body, shows (core/media_names.h reads them): the media page's "where is
-- this used", the refusal to delete a file in use and the alt-text lock
-- looked them up by scanning every body (80 ms at 10,000 articles).
-- Written with the article (SqlArticleRepository); `media_indexed` marks
-- the articles whose refs are written. Rows stored before this version
-- start at 0: the server indexes them as it starts, and until then the
-- lookup scans only their bodies.
CREATE TABLE article_media_refs (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  stored_name TEXT NOT NULL,
  PRIMARY KEY (stored_name, article_id)
);
CREATE INDEX article_media_refs_by_article ON article_media_refs (article_id);
ALTER TABLE articles ADD COLUMN media_indexed BIGINT NOT NULL DEFAULT 0;
CREATE INDEX articles_media_unindexed ON articles (id) WHERE media_indexed = 0;
-- The other uses, looked up the same way instead of scanning every
-- article: as a lead image, and the few edits awaiting review.
CREATE INDEX articles_by_lead_media ON articles (lead_media_id) WHERE lead_media_id IS NOT NULL;
CREATE INDEX articles_pending ON articles (pending_revision) WHERE pending_revision IS NOT NULL;
