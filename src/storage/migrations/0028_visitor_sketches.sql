-- Unique visitors counted across nodes: each serving process keeps a
-- HyperLogLog sketch of the day's visitors (16 KiB of registers, keyed
-- hashes under a key for that day only) and stores it here under a node
-- name of its own; the day's count in daily_visitors is what the nodes'
-- sketches add up to, so one person served by two nodes counts once.
-- Sketches older than yesterday are deleted; addresses never reach here.
CREATE TABLE visitor_sketches (
  day TEXT NOT NULL,
  node TEXT NOT NULL,
  registers BLOB NOT NULL,
  PRIMARY KEY (day, node)
);
