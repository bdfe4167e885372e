-- Known-good phrases (白名单): a word list whose entries suppress the
-- findings of the other lists inside them, with the level 'allow' (and
-- only they have it).
ALTER TABLE word_entries DROP CONSTRAINT word_entries_category_check;
ALTER TABLE word_entries DROP CONSTRAINT word_entries_level_check;
ALTER TABLE word_entries ADD CONSTRAINT word_entries_category_check
  CHECK (category IN ('sensitive', 'confidential', 'typo', 'formulation', 'allowed'));
ALTER TABLE word_entries ADD CONSTRAINT word_entries_level_check
  CHECK (level IN ('block', 'warn', 'allow'));
ALTER TABLE word_entries ADD CONSTRAINT word_entries_allow_level_check
  CHECK ((category = 'allowed') = (level = 'allow'));
