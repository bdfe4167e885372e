-- Self-inspection against the national indicators for government sites
-- (issue 18): each column's type decides when it counts as stale (news:
-- 2 weeks; notices and policy: 6 months; other: never); each inspection's
-- summary is kept for the trend; the availability monitor's probes.
ALTER TABLE columns ADD COLUMN column_type TEXT NOT NULL DEFAULT 'news'
  CHECK (column_type IN ('news', 'notice', 'policy', 'other'));

CREATE TABLE inspection_runs (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX inspection_runs_by_time ON inspection_runs (at);

CREATE TABLE availability_probes (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  status INTEGER NOT NULL,
  millis INTEGER NOT NULL
);
CREATE INDEX availability_probes_by_time ON availability_probes (at);
