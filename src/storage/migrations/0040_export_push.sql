-- An export that pushes its files to the web server (a push command, such
-- as rsync to the DMZ host, run after each pass) reports the push too: the
-- change number its last good push carried (-1: none yet) and the last
-- push's error ("" after a good one). The public site holds what was
-- pushed, not what was written beside the CMS.
ALTER TABLE export_reports ADD COLUMN pushes INTEGER NOT NULL DEFAULT 0 CHECK (pushes IN (0, 1));
ALTER TABLE export_reports ADD COLUMN pushed_seq INTEGER NOT NULL DEFAULT -1;
ALTER TABLE export_reports ADD COLUMN pushed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE export_reports ADD COLUMN push_error TEXT NOT NULL DEFAULT '';
ALTER TABLE export_reports ADD COLUMN push_error_at INTEGER NOT NULL DEFAULT 0;
