-- procura schema v1: the site, its column tree, media and articles.
CREATE TABLE site (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  tagline TEXT NOT NULL DEFAULT '',
  footer_text TEXT NOT NULL DEFAULT '',
  icp TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL DEFAULT 'en',
  utc_offset_minutes INTEGER NOT NULL DEFAULT 480
);

CREATE TABLE columns (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES columns(id) ON DELETE RESTRICT,
  slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
);

CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  stored_name TEXT NOT NULL UNIQUE,
  mime TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  alt_text TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  column_id INTEGER NOT NULL REFERENCES columns(id) ON DELETE RESTRICT,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  author TEXT NOT NULL DEFAULT '',
  news_source TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN
    ('draft', 'submitted', 'scheduled', 'published', 'withdrawn')),
  published_at INTEGER,
  lead_media_id INTEGER REFERENCES media(id) ON DELETE RESTRICT,
  lead_caption TEXT NOT NULL DEFAULT '',
  body_md TEXT NOT NULL DEFAULT '',
  is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (status <> 'published' OR published_at IS NOT NULL)
);

CREATE INDEX articles_by_column ON articles (column_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_time ON articles (status, published_at DESC, id DESC);
