-- A member reports a course elsewhere themself (学时申报), with its
-- certificate; it counts once the records officer confirms it. What the
-- officer records is confirmed as it is entered. A returned report keeps
-- the officer's reason, for the member to read and report again.
ALTER TABLE outside_training ADD COLUMN state TEXT NOT NULL DEFAULT 'confirmed'
  CHECK (state IN ('reported', 'confirmed', 'returned'));
ALTER TABLE outside_training ADD COLUMN certificate TEXT NOT NULL DEFAULT '';
ALTER TABLE outside_training ADD COLUMN certificate_name TEXT NOT NULL DEFAULT '';
ALTER TABLE outside_training ADD COLUMN certificate_mime TEXT NOT NULL DEFAULT '';
ALTER TABLE outside_training ADD COLUMN review_note TEXT NOT NULL DEFAULT ''
  CHECK (length(review_note) <= 500);
CREATE INDEX outside_training_state ON outside_training (state);
