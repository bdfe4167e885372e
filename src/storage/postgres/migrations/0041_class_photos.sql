-- A training class keeps photos (the lecture, the exchanges), as a branch
-- meeting does: media ids, comma-separated, in order. Uploaded as records
-- photos, they are private until an article that shows them is published.
ALTER TABLE training_classes ADD COLUMN photos TEXT NOT NULL DEFAULT '';
