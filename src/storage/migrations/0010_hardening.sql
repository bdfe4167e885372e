-- procura schema v10: hardening after the outside audit.
--
-- Markdown is rendered once, when the text is saved, under a budget; readers
-- (pages, search, export) use the stored HTML. NULL means "not rendered yet"
-- (rows from before v10: the server renders them at start); a render that
-- failed leaves body_html NULL and says why in render_error, shown in the
-- newsroom, and the article is skipped by the readers instead of stopping
-- them.
ALTER TABLE articles ADD COLUMN body_html TEXT;
ALTER TABLE articles ADD COLUMN render_error TEXT NOT NULL DEFAULT '';
ALTER TABLE article_revisions ADD COLUMN body_html TEXT;

-- Attachment changes on a published article wait for review like any
-- other edit: 'add' is not public yet, 'remove' is still public.
ALTER TABLE article_attachments ADD COLUMN pending TEXT NOT NULL DEFAULT ''
  CHECK (pending IN ('', 'add', 'remove'));

-- Four eyes: the person who approves is not the one who wrote or last
-- edited. On for columns created from now on; existing columns keep their
-- behaviour until an admin turns it on.
ALTER TABLE columns ADD COLUMN four_eyes INTEGER NOT NULL DEFAULT 0 CHECK (four_eyes IN (0, 1));
-- Editors an admin lets change anyone's articles in a column (otherwise
-- editors change only their own).
CREATE TABLE column_editors (
  column_id INTEGER NOT NULL REFERENCES columns(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (column_id, user_id)
);
-- Who saved the article's current text last (four eyes compares with it).
ALTER TABLE articles ADD COLUMN last_edited_by INTEGER REFERENCES users(id);

-- Sign-in throttling per (account, client address), aggregated: one row
-- per pair with a count, instead of one row per failed attempt.
CREATE TABLE login_throttle (
  user_name TEXT NOT NULL,
  client TEXT NOT NULL,
  failures INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (user_name, client)
);

-- A database's generation: new for every database (and every restore), so
-- a read model built on another generation rebuilds itself.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('generation', lower(hex(randomblob(16))));

-- Staff MFA (TOTP, RFC 6238) and single-use recovery codes (hashed).
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1));
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
CREATE TABLE recovery_codes (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
);
DROP TABLE login_failures;  -- replaced by login_throttle

-- Between the password and the second factor: a short-lived ticket (its
-- hash), swept after five minutes.
CREATE TABLE mfa_tickets (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
