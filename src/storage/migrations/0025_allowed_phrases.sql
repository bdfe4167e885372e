-- Known-good phrases (白名单): a word list whose entries suppress the
-- findings of the other lists inside them, with the level 'allow' (and
-- only they have it). SQLite cannot change a CHECK: the table is rebuilt.
CREATE TABLE word_entries_new (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL
    CHECK (category IN ('sensitive', 'confidential', 'typo', 'formulation', 'allowed')),
  word TEXT NOT NULL CHECK (length(word) BETWEEN 1 AND 50),
  level TEXT NOT NULL CHECK (level IN ('block', 'warn', 'allow')),
  replacement TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  whole_word INTEGER NOT NULL DEFAULT 0,
  is_sample INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  UNIQUE (category, word),
  CHECK ((category = 'allowed') = (level = 'allow'))
);
INSERT INTO word_entries_new (id, category, word, level, replacement, note, whole_word, is_sample, updated_at)
  SELECT id, category, word, level, replacement, note, whole_word, is_sample, updated_at FROM word_entries;
DROP TABLE word_entries;
ALTER TABLE word_entries_new RENAME TO word_entries;
