-- procura schema v6: party organization and members.
-- institution → organ Party Committee → party branches (each linked to a
-- department). Posts are held in a unit; transfers keep their history.
CREATE TABLE org_units (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES org_units(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL CHECK (kind IN ('institution', 'committee', 'branch')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  department TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date TEXT NOT NULL DEFAULT '',
  joined_date TEXT NOT NULL DEFAULT '',
  branch_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('full', 'probationary', 'transferred-out')),
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1))
);
CREATE INDEX members_by_branch ON members (branch_id);

CREATE TABLE member_posts (
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  post TEXT NOT NULL CHECK (post IN ('secretary', 'deputy-secretary', 'organization-member',
                                     'publicity-member', 'discipline-member')),
  PRIMARY KEY (member_id, unit_id, post)
);

CREATE TABLE member_transfers (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  from_branch INTEGER REFERENCES org_units(id),
  to_branch INTEGER REFERENCES org_units(id),
  at INTEGER NOT NULL,
  by_user INTEGER REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
