-- Files every node must reach (media, training materials, import
-- previews): the database is the shared store, each node's data dir a
-- cache (storage/file_store.h). Expand-only: older nodes never read it.
CREATE TABLE shared_files (
  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 300),
  bytes BYTEA NOT NULL,
  size BIGINT NOT NULL,
  stored_at BIGINT NOT NULL  -- Unix seconds
);
CREATE INDEX shared_files_by_time ON shared_files (stored_at);
