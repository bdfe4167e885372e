-- A user's calendar address (日历订阅): a secret link a phone's calendar
-- subscribes to, read without signing in. One per user; only its hash is
-- kept (the address is shown once), and a new one replaces the old.
CREATE TABLE calendar_links (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_read_at INTEGER
);
