-- procura schema v8: running a class. Check-in settings per class, the
-- class's news report, attendance marks (QR or manual), spent check-in
-- tokens (replay protection), class materials and per-year hour
-- requirements.
ALTER TABLE training_classes ADD COLUMN checkin_before_min INTEGER NOT NULL DEFAULT 30
  CHECK (checkin_before_min BETWEEN 0 AND 1440);
ALTER TABLE training_classes ADD COLUMN checkin_after_min INTEGER NOT NULL DEFAULT 15
  CHECK (checkin_after_min BETWEEN 0 AND 1440);
ALTER TABLE training_classes ADD COLUMN late_after_min INTEGER NOT NULL DEFAULT 0
  CHECK (late_after_min BETWEEN 0 AND 1440);
ALTER TABLE training_classes ADD COLUMN late_credit REAL NOT NULL DEFAULT 1
  CHECK (late_credit BETWEEN 0 AND 1);
ALTER TABLE training_classes ADD COLUMN news_article_id INTEGER REFERENCES articles(id)
  ON DELETE SET NULL;

CREATE TABLE attendance (
  session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  mark TEXT NOT NULL CHECK (mark IN ('present', 'late', 'excused', 'absent')),
  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  method TEXT NOT NULL CHECK (method IN ('qr', 'manual')),
  marked_at INTEGER NOT NULL,
  marked_by INTEGER REFERENCES users(id),
  PRIMARY KEY (session_id, member_id)
);

CREATE TABLE checkin_token_uses (
  session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
  slot INTEGER NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  used_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, slot, member_id)
);

CREATE TABLE class_materials (
  id INTEGER PRIMARY KEY,
  class_id INTEGER NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  session_id INTEGER REFERENCES training_sessions(id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  file_name TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL,
  uploaded_by INTEGER REFERENCES users(id)
);

-- Annual hour requirements: 'leader' (anyone holding a post: branch
-- secretaries and committee members) and 'member'. A year without a row
-- uses the defaults (56 and 32 hours).
CREATE TABLE hour_requirements (
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  category TEXT NOT NULL CHECK (category IN ('leader', 'member')),
  hours REAL NOT NULL CHECK (hours >= 0 AND hours <= 1000),
  PRIMARY KEY (year, category)
);
