-- procura schema v3: the media library (images re-encoded with responsive
-- sizes, documents) and attachments listed under articles.
ALTER TABLE media ADD COLUMN kind TEXT NOT NULL DEFAULT 'image'
  CHECK (kind IN ('image', 'document'));
-- The uploader's file name, sanitized; shown and used for downloads only.
ALTER TABLE media ADD COLUMN original_name TEXT NOT NULL DEFAULT '';
-- Responsive sizes of an image: "480:name.jpg;960:name.jpg".
ALTER TABLE media ADD COLUMN variants TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN uploaded_by INTEGER REFERENCES users(id);

CREATE TABLE article_attachments (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE RESTRICT,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, media_id)
);
