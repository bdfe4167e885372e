-- The browser a session was signed in from (its User-Agent header, printable
-- ASCII, at most 256 bytes), so that one's list of sessions can say
-- "Chrome · Windows"; '' for sessions from before.
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
