-- procura schema v2: accounts, sessions, the review workflow, revisions and
-- the append-only audit log.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL
);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN
    ('admin', 'editor', 'reviewer', 'records-officer', 'branch-secretary')),
  PRIMARY KEY (user_id, role)
);

-- Which reviewers may publish in which column.
CREATE TABLE column_reviewers (
  column_id INTEGER NOT NULL REFERENCES columns(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (column_id, user_id)
);

-- Server-side sessions. Only a hash of the cookie token is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed logins, for throttling per account and per IP.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL COLLATE NOCASE,
  ip TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_name ON login_failures (user_name, at);
CREATE INDEX login_failures_by_ip ON login_failures (ip, at);

-- Workflow state beyond `status`: who wrote it, why it was returned or
-- withdrawn, when it is scheduled, and an edit of a published article
-- waiting for re-review (the live text stays until it is approved).
ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE articles ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN scheduled_at INTEGER;
ALTER TABLE articles ADD COLUMN lead_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN pending_revision INTEGER;
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Every save is a revision: a full copy of the editable fields.
CREATE TABLE article_revisions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  saved_by INTEGER REFERENCES users(id),
  saved_at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  column_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  news_source TEXT NOT NULL,
  lead_media_id INTEGER,
  lead_caption TEXT NOT NULL,
  lead_alt TEXT NOT NULL,
  body_md TEXT NOT NULL,
  UNIQUE (article_id, number)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor_name TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id INTEGER,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
