-- Branch organisational life (issue 19): 三会一课 and the other meetings,
-- attendance and spent check-in codes, the organisational life meeting's
-- per-member records, the democratic appraisal, the Party Committee's
-- guides and the branches' yearly plans.
CREATE TABLE branch_guides (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL CHECK (length(period) = 7),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  topics TEXT NOT NULL DEFAULT '',
  materials TEXT NOT NULL DEFAULT '',
  report_by TEXT NOT NULL CHECK (length(report_by) = 10),
  published_at INTEGER NOT NULL,
  published_by INTEGER REFERENCES users(id)
);
CREATE INDEX branch_guides_by_period ON branch_guides (period);

-- A branch's party groups (党小组) and who belongs to each.
CREATE TABLE party_groups (
  id INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  UNIQUE (branch_id, name)
);
CREATE TABLE party_group_members (
  group_id INTEGER NOT NULL REFERENCES party_groups(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  leader INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1)),
  PRIMARY KEY (group_id, member_id)
);

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  branch_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  group_id INTEGER REFERENCES party_groups(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL CHECK (kind IN ('members', 'committee', 'group', 'lesson', 'themed-day',
                                     'life-meeting', 'appraisal')),
  held_on TEXT NOT NULL CHECK (length(held_on) = 10),
  starts_at TEXT NOT NULL CHECK (length(starts_at) = 5),
  place TEXT NOT NULL DEFAULT '',
  topic TEXT NOT NULL CHECK (length(topic) >= 1),
  host TEXT NOT NULL DEFAULT '',
  recorder TEXT NOT NULL DEFAULT '',
  by_secretary INTEGER NOT NULL DEFAULT 0 CHECK (by_secretary IN (0, 1)),
  guide_id INTEGER REFERENCES branch_guides(id) ON DELETE SET NULL,
  minutes TEXT NOT NULL DEFAULT '',
  resolutions TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '',
  records_filed_at INTEGER,
  news_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meetings_by_branch ON meetings (branch_id, held_on);
CREATE INDEX meetings_by_day ON meetings (held_on);

CREATE TABLE meeting_attendance (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  mark TEXT NOT NULL CHECK (mark IN ('present', 'late', 'excused', 'absent')),
  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  method TEXT NOT NULL CHECK (method IN ('qr', 'manual')),
  marked_at INTEGER NOT NULL,
  marked_by INTEGER REFERENCES users(id),
  PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE meeting_token_uses (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  slot INTEGER NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  used_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, slot, member_id)
);

CREATE TABLE member_reviews (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  self_criticism TEXT NOT NULL DEFAULT '',
  criticism TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE appraisals (
  year INTEGER NOT NULL,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  branch_id INTEGER NOT NULL REFERENCES org_units(id),
  rating TEXT NOT NULL CHECK (rating IN ('excellent', 'qualified', 'basically-qualified',
                                         'unqualified')),
  rated_at INTEGER NOT NULL,
  rated_by INTEGER REFERENCES users(id),
  PRIMARY KEY (year, member_id)
);

CREATE TABLE branch_plans (
  branch_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  body TEXT NOT NULL,
  filed_at INTEGER NOT NULL,
  filed_by INTEGER REFERENCES users(id),
  PRIMARY KEY (branch_id, year)
);
