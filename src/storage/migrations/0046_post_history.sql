-- Branch committee posts a member no longer holds: when they were taken
-- (since, '' when not known) and the day they ended (left by choice,
-- on a transfer, or with the branch's dissolution). member_posts keeps the
-- posts held now; a post moves here when it ends.
CREATE TABLE member_post_history (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  post TEXT NOT NULL,
  since TEXT NOT NULL DEFAULT '',
  ended_on TEXT NOT NULL
);
CREATE INDEX member_post_history_by_member ON member_post_history (member_id, ended_on);
CREATE INDEX member_post_history_by_unit ON member_post_history (unit_id, ended_on);
