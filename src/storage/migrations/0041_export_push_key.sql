-- Which push command an export's pushed change belongs to: a digest of
-- the command (not the command, which may name a password), so that a
-- restart pushing somewhere else does not report what the old web server
-- holds as what the new one does.
ALTER TABLE export_reports ADD COLUMN push_key TEXT NOT NULL DEFAULT '';
