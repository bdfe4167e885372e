-- When a meeting is planned to end (HH:MM, the same day), '' when not
-- given: calendars show the meeting's length, and the record shows the
-- time as a span.
ALTER TABLE meetings ADD COLUMN ends_at TEXT NOT NULL DEFAULT ''
  CHECK (ends_at = '' OR length(ends_at) = 5);
