-- Multi-step review (三审三校): each column needs 1–3 review steps
-- (初审, 复审, 终审); each reviewer of a column holds some of its steps
-- (a bit mask: 1 first, 2 second, 4 final; existing reviewers hold all);
-- every step taken, returned or restarted is kept, append-only.
ALTER TABLE columns ADD COLUMN review_steps INTEGER NOT NULL DEFAULT 1
  CHECK (review_steps BETWEEN 1 AND 3);
ALTER TABLE column_reviewers ADD COLUMN steps INTEGER NOT NULL DEFAULT 7
  CHECK (steps BETWEEN 1 AND 7);

CREATE TABLE review_steps (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  step INTEGER NOT NULL CHECK (step BETWEEN 0 AND 3),
  steps_needed INTEGER NOT NULL CHECK (steps_needed BETWEEN 1 AND 3),
  outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'publish', 'return', 'restart')),
  reviewer_id INTEGER,
  reviewer_name TEXT NOT NULL,
  at INTEGER NOT NULL,
  revision_number INTEGER NOT NULL DEFAULT 0,
  text_hash TEXT NOT NULL DEFAULT '',
  findings TEXT NOT NULL DEFAULT '',
  override_reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_steps_by_article ON review_steps (article_id, id);
CREATE INDEX review_steps_by_time ON review_steps (at);
CREATE TRIGGER review_steps_no_update BEFORE UPDATE ON review_steps
  BEGIN SELECT RAISE(ABORT, 'the review record is append-only'); END;
CREATE TRIGGER review_steps_no_delete BEFORE DELETE ON review_steps
  BEGIN SELECT RAISE(ABORT, 'the review record is append-only'); END;
