-- 发展党员, continued: the two full members who sponsor a candidate for
-- admission (入党介绍人, recorded with the admission), and an application
-- no longer pursued (stopped_on, with the reason; '' while it goes on).
ALTER TABLE party_applicants ADD COLUMN sponsor1_id INTEGER REFERENCES members(id) ON DELETE SET NULL;
ALTER TABLE party_applicants ADD COLUMN sponsor2_id INTEGER REFERENCES members(id) ON DELETE SET NULL;
ALTER TABLE party_applicants ADD COLUMN stopped_on TEXT NOT NULL DEFAULT '';
ALTER TABLE party_applicants ADD COLUMN stop_reason TEXT NOT NULL DEFAULT '';
