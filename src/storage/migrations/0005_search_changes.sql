-- procura schema v5: the search index's change log. Every change that
-- affects what the portal shows of an article appends a row here in the
-- same transaction; the index remembers the last row it applied and
-- catches up from this log at start (after a crash) and on every event.
CREATE TABLE search_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL,
  at INTEGER NOT NULL
);
