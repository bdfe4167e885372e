-- 置顶: a published article pinned to the top of its column's first page
-- and of its column's block on the home page, since pinned_at, until
-- pinned_until (NULL: until unpinned). The scheduler unpins at
-- pinned_until, through articles_pins_due.
ALTER TABLE articles ADD COLUMN pinned_at BIGINT;
ALTER TABLE articles ADD COLUMN pinned_until BIGINT;
CREATE INDEX articles_pins_due ON articles (pinned_until) WHERE pinned_at IS NOT NULL;
