-- Heart-to-heart talks (谈心谈话): who in a branch talked with whom, when,
-- and about what. Members are kept (RESTRICT) while a talk names them.
CREATE TABLE heart_talks (
  id INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  held_on TEXT NOT NULL CHECK (length(held_on) = 10),
  talker_id INTEGER NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE RESTRICT,
  summary TEXT NOT NULL CHECK (length(summary) >= 1),
  recorded_by INTEGER REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  CHECK (talker_id <> member_id)
);
CREATE INDEX heart_talks_by_branch ON heart_talks (branch_id, held_on);
