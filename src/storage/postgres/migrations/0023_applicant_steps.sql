-- 发展党员, the steps between the stages (发展党员工作细则): the talk
-- within a month of the application, the activist's two contacts
-- (培养联系人), the political review, the short training, the public
-- notice, the higher committee's pre-review and approval, the oath…
-- One row per applicant and step; person1/person2 are the members who
-- did it with them (the contacts, who held the talk).
CREATE TABLE applicant_steps (
  applicant_id BIGINT NOT NULL REFERENCES party_applicants(id) ON DELETE CASCADE,
  step TEXT NOT NULL CHECK (length(step) BETWEEN 1 AND 40),
  done_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  person1_id BIGINT REFERENCES members(id) ON DELETE SET NULL,
  person2_id BIGINT REFERENCES members(id) ON DELETE SET NULL,
  PRIMARY KEY (applicant_id, step)
);
