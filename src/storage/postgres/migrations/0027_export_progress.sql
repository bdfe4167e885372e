-- A pass under way reports how far it has come (pages done of the pass's
-- total; 0 of 0 when no pass is under way), so a long full export (a large
-- site's first, or one after a settings change) shows as updating, with
-- its progress, rather than as silent.
ALTER TABLE export_reports ADD COLUMN pass_done BIGINT NOT NULL DEFAULT 0;
ALTER TABLE export_reports ADD COLUMN pass_total BIGINT NOT NULL DEFAULT 0;
