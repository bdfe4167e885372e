-- A branch dissolved (撤销) or merged into another is kept, with the day
-- and the note (the decision's reference): its meetings, transfers and
-- former members still name it. '' while the branch stands.
ALTER TABLE org_units ADD COLUMN dissolved_on TEXT NOT NULL DEFAULT '';
ALTER TABLE org_units ADD COLUMN dissolved_note TEXT NOT NULL DEFAULT '';
