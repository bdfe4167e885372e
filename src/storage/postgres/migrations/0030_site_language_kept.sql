-- A site without stored settings used to be served English first; a new
-- one is now Chinese first. A site that already has articles keeps the
-- language its pages were published in (their addresses depend on it), so
-- its settings are stored as it was served.
INSERT INTO site (id, name, lang, utc_offset_minutes)
SELECT 1, 'procura', 'en', 480
WHERE NOT EXISTS (SELECT 1 FROM site) AND EXISTS (SELECT 1 FROM articles);
