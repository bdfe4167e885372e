-- Visits for the annual report (issue 18), counted in the server: page
-- views per day and page (home, column, article), and unique visitors per
-- day, counted by a salted hash that lives in memory for one day only.
-- No address, hash or cookie is stored.
CREATE TABLE page_views (
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('home', 'column', 'article')),
  object_id BIGINT NOT NULL,
  views BIGINT NOT NULL,
  PRIMARY KEY (day, kind, object_id)
);
CREATE TABLE daily_visitors (
  day TEXT PRIMARY KEY,
  visitors BIGINT NOT NULL
);
