-- A party member's own account (党员): their classes, hours and year of
-- branch life, and QR check-in, and nothing of anyone else's.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN
  ('admin', 'editor', 'reviewer', 'records-officer', 'branch-secretary', 'member'));
