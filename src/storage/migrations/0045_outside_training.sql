-- Training a member received outside the organ's own classes: a course at
-- a higher committee's party school (上级调训), an online course (网络培训).
-- It counts toward the year of its last day, and is kept in the member's
-- training archive.
CREATE TABLE outside_training (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  organizer TEXT NOT NULL CHECK (length(organizer) BETWEEN 1 AND 100),
  kind TEXT NOT NULL CHECK (kind IN ('centralized', 'online')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL CHECK (end_date >= start_date),
  hours REAL NOT NULL CHECK (hours > 0 AND hours <= 1000),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER REFERENCES users(id)
);
CREATE INDEX outside_training_member ON outside_training (member_id, end_date);
CREATE INDEX outside_training_end ON outside_training (end_date);
