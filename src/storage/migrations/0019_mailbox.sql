-- The public message boxes (issue 18): 检察长信箱 and the others, their
-- messages and handling, rate-limit counters (salted hashes, never
-- addresses) and the working-day calendar's exceptions.
CREATE TABLE message_boxes (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  second_name TEXT NOT NULL DEFAULT '',
  intro TEXT NOT NULL DEFAULT '',
  deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 1 AND 90),
  ask_name INTEGER NOT NULL DEFAULT 1 CHECK (ask_name BETWEEN 0 AND 2),
  ask_phone INTEGER NOT NULL DEFAULT 1 CHECK (ask_phone BETWEEN 0 AND 2),
  ask_email INTEGER NOT NULL DEFAULT 1 CHECK (ask_email BETWEEN 0 AND 2),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO message_boxes (slug, name, second_name, deadline_days, ask_name, ask_phone, ask_email, position) VALUES
  ('chief', '检察长信箱', 'Chief Procurator''s Mailbox', 15, 2, 2, 1, 1),
  ('consult', '咨询', 'Questions', 10, 1, 1, 1, 2),
  ('suggest', '建议', 'Suggestions', 15, 1, 1, 1, 3),
  ('errors', '纠错', 'Report an error on this site', 3, 0, 1, 1, 4);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  box_id INTEGER NOT NULL REFERENCES message_boxes(id),
  code_hash TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  wants_public INTEGER NOT NULL DEFAULT 0 CHECK (wants_public IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'reply-submitted', 'answered', 'rejected')),
  flags TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  due_day TEXT NOT NULL DEFAULT '',
  triaged_at INTEGER,
  triaged_by INTEGER REFERENCES users(id),
  reject_reason TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',
  reply_by INTEGER REFERENCES users(id),
  replied_at INTEGER,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX messages_by_state ON messages (state, received_at);
CREATE INDEX messages_public ON messages (published, replied_at);

CREATE TABLE message_limits (
  key_hash TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
);

CREATE TABLE work_calendar (
  day TEXT PRIMARY KEY CHECK (length(day) = 10),
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note TEXT NOT NULL DEFAULT ''
);
