-- Leaders' names, titles and precedence for the content checks (safety/):
-- a listed name with a title the person does not hold, a name that sounds
-- like a listed one, names out of precedence order.
CREATE TABLE leaders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 10),
  titles TEXT NOT NULL DEFAULT '',
  precedence INTEGER NOT NULL DEFAULT 100,
  updated_at INTEGER NOT NULL
);
