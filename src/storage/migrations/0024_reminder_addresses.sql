-- Where a branch secretary wants the daily reminder of overdue and
-- due-soon organisational life items (issue 19). Optional; one per user.
CREATE TABLE reminder_addresses (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254)
);
