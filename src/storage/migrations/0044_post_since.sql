-- The day a member took a branch committee post, for the rule that a new
-- branch secretary is trained within six months. '' for a post given
-- before procura kept the day.
ALTER TABLE member_posts ADD COLUMN since TEXT NOT NULL DEFAULT '';
