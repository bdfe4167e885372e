-- What each static export (procura export, serve --export-to) last said of
-- itself, so the newsroom can tell whether the public files are up to date:
-- one row per export, named "host:/path/of/the/export".
CREATE TABLE export_reports (
  name TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,                 -- the change-log position its files reflect
  pages INTEGER NOT NULL DEFAULT 0,
  following INTEGER NOT NULL DEFAULT 0 CHECK (following IN (0, 1)),
  started_at INTEGER NOT NULL DEFAULT 0,
  checked_at INTEGER NOT NULL DEFAULT 0,
  wrote_at INTEGER NOT NULL DEFAULT 0,
  written INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  error_at INTEGER NOT NULL DEFAULT 0
);
-- An article's newest change, to say whether the export has applied it.
CREATE INDEX change_log_by_entity ON change_log (kind, entity_id, seq);
