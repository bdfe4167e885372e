-- 转正审批: the day the higher Party committee approved a member's full
-- membership, due within three months of the branch meeting (full_date);
-- '' while not approved or not recorded.
ALTER TABLE members ADD COLUMN full_approved_on TEXT NOT NULL DEFAULT '';
