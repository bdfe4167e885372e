-- 转正: the day a probationary member became a full member ('' when not
-- recorded: a probationary member, or a full member recorded before this
-- column). Party standing (党龄) counts from this day.
ALTER TABLE members ADD COLUMN full_date TEXT NOT NULL DEFAULT '';
