-- One party member per newsroom account, enforced by the database as well
-- as by AccountService (NULLs, unlinked members, are not counted).
CREATE UNIQUE INDEX members_one_per_account ON members (user_id);
