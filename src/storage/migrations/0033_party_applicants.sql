-- 发展党员: people on the way to membership, by the 2014 rules on
-- developing members (发展党员工作细则): the application (入党申请), the
-- day the branch named them an activist (入党积极分子), the day it named
-- them a candidate (发展对象, after a year or more as an activist), and
-- the day the branch meeting admitted them (接收为预备党员), when a
-- probationary member's record is made (member_id). '' where a stage is
-- not reached. Rows are kept after admission: the record of the way in.
CREATE TABLE party_applicants (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date TEXT NOT NULL,
  branch_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  phone TEXT NOT NULL DEFAULT '',
  applied_on TEXT NOT NULL,
  activist_on TEXT NOT NULL DEFAULT '',
  candidate_on TEXT NOT NULL DEFAULT '',
  admitted_on TEXT NOT NULL DEFAULT '',
  member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX party_applicants_by_branch ON party_applicants (branch_id);
