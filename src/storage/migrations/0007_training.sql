-- procura schema v7: training classes, their sessions (incl. experience
-- exchanges presented by a branch) and enrollment (withdrawal keeps history).
CREATE TABLE training_classes (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  purpose TEXT NOT NULL DEFAULT '',
  organizer TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  venue TEXT NOT NULL DEFAULT '',
  target_group TEXT NOT NULL DEFAULT '',
  required_hours REAL NOT NULL DEFAULT 0 CHECK (required_hours >= 0),
  full_time INTEGER NOT NULL DEFAULT 0 CHECK (full_time IN (0, 1)),
  capacity INTEGER,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
    ('planned', 'enrolling', 'in-progress', 'completed', 'archived')),
  is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1))
);

CREATE TABLE training_sessions (
  id INTEGER PRIMARY KEY,
  class_id INTEGER NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  starts_at TEXT NOT NULL,
  venue TEXT NOT NULL DEFAULT '',
  hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
  type TEXT NOT NULL CHECK (type IN ('lecture', 'exchange', 'discussion', 'exam', 'other')),
  topic TEXT NOT NULL DEFAULT '',
  lecturer TEXT NOT NULL DEFAULT '',
  presenting_branch_id INTEGER REFERENCES org_units(id),
  speaker_member_id INTEGER REFERENCES members(id)
);

CREATE TABLE enrollments (
  class_id INTEGER NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  enrolled_at INTEGER NOT NULL,
  withdrawn_at INTEGER,
  PRIMARY KEY (class_id, member_id)
);
