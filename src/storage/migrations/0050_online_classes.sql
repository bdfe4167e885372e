-- A class of the organ's own may be held online (网络培训班): its hours
-- count toward the year's requirement, but it is no centralized training,
-- which a secretary or committee member needs once a year.
ALTER TABLE training_classes ADD COLUMN online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1));
