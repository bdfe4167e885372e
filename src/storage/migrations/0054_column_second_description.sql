-- A column's description in the site's second language, beside its
-- second name: the English pages and feeds of a Chinese site describe the
-- column in English.
ALTER TABLE columns ADD COLUMN second_description TEXT NOT NULL DEFAULT ''
  CHECK (length(second_description) <= 500);
