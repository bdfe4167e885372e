-- procura schema v11: one ordered change log for everything the public sees.
--
-- Every write that changes what the portal shows (an article published,
-- edited, withdrawn; its attachments; a column; the site settings; a media
-- item) appends a row here in the same transaction as the write. Read models
-- (the snapshot, the page cache, the search index, later the static export
-- and other nodes) apply the rows in seq order and remember the last one.
--
-- seq comes from the one-row counter below, taken with UPDATE ... RETURNING
-- inside the writing transaction. The row lock that UPDATE holds until
-- commit makes writers take numbers in commit order on PostgreSQL under
-- READ COMMITTED as well, so a reader can never see seq N+1 committed while
-- seq N is still to come (docs/architecture.md, "The change log").
CREATE TABLE change_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
);
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('site', 'column', 'article', 'media')),
  entity_id INTEGER NOT NULL,
  column_ids TEXT NOT NULL DEFAULT '',  -- an article's columns before and after, "3,5"
  at INTEGER NOT NULL
);
-- The search index's log becomes this log; its numbers (and so the index's
-- remembered position) carry over.
INSERT INTO change_log (seq, kind, entity_id, at)
  SELECT seq, 'article', article_id, at FROM search_changes;
INSERT INTO change_counter (id, seq)
  SELECT 1, max(coalesce((SELECT max(seq) FROM search_changes), 0),
                coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'), 0));
DROP TABLE search_changes;
