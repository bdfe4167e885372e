-- Party dues (党费): each member's monthly dues, fixed once a year from
-- the category and the monthly income base (the 2008 rules of the Central
-- Organization Department), and the months paid. The monthly amount is
-- stored when the base is set, so a later change of the rates never
-- rewrites a past year. Rows are never deleted with a member: a member
-- leaves by transfer, and the dues paid stay on record.
CREATE TABLE dues_bases (
  member_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  category TEXT NOT NULL CHECK (category IN ('in-service', 'retired', 'fixed')),
  base_fen INTEGER NOT NULL CHECK (base_fen >= 0),
  monthly_fen INTEGER NOT NULL CHECK (monthly_fen > 0),
  set_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  set_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, year)
);

CREATE TABLE dues_payments (
  member_id INTEGER NOT NULL REFERENCES members(id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  paid_on TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, year, month)
);
