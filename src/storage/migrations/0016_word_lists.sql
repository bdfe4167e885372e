-- Word lists for the content checks (safety/): sensitive words,
-- confidentiality markers, typo pairs and standard formulations.
CREATE TABLE word_entries (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL CHECK (category IN ('sensitive', 'confidential', 'typo', 'formulation')),
  word TEXT NOT NULL CHECK (length(word) BETWEEN 1 AND 50),
  level TEXT NOT NULL CHECK (level IN ('block', 'warn')),
  replacement TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  whole_word INTEGER NOT NULL DEFAULT 0,
  is_sample INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  UNIQUE (category, word)
);
