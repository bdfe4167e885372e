-- Web server access logs whose visits were counted (`procura stats
-- import-log`, for a site also served as a static export), by the SHA-256
-- of their content, so that no log is counted twice. The log's lines are
-- not kept: only counts reach page_views and daily_visitors.
CREATE TABLE imported_logs (
  digest TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  imported_at BIGINT NOT NULL
);
