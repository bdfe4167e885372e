-- One party member per newsroom account (SQLite migration 0015).
-- Expand-only: an index older nodes do not know about.
CREATE UNIQUE INDEX members_one_per_account ON members (user_id);
