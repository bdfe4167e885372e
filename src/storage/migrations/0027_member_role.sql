-- A party member's own account (党员): their classes, hours and year of
-- branch life, and QR check-in, and nothing of anyone else's. Before this
-- such an account had to be given the branch-secretary role, which reads
-- as more than it is. SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE user_roles_new (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN
    ('admin', 'editor', 'reviewer', 'records-officer', 'branch-secretary', 'member')),
  PRIMARY KEY (user_id, role)
);
INSERT INTO user_roles_new (user_id, role) SELECT user_id, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_new RENAME TO user_roles;
