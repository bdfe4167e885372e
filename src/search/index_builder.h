// Internal to the search module: builds a search database from scratch on
// every core. Articles are split into contiguous ranges of ids; each range
// is indexed into its own shard database by a worker thread; Xapian's
// compactor then merges the shards into one database that keeps the
// articles' ids as document ids (ranges are disjoint, so no renumbering).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/status.h"
#include "storage/storage.h"

namespace procura::search {

struct BuildOptions {
  unsigned workers = 0;           // 0: one per core
  std::size_t shard_size = 5000;  // ids per shard database
  std::size_t flush_every = 250;  // documents between commits within a shard
};

using BuildProgress = std::function<void(std::size_t done, std::size_t total)>;

// Indexes the searchable articles among `ids` (ascending), read through
// `content`, into a new database at `dir`, which must not exist. Scratch
// shards live beside it in "<dir>.shards" and are removed. `progress` is
// called from the calling thread only: a few times a second while articles
// are indexed, and once with done == total when all are, before the shards
// are merged (minutes at a million articles). On error nothing is left at
// `dir`.
Status BuildIndex(ContentRepository& content, const std::vector<std::int64_t>& ids,
                  const std::filesystem::path& dir, const BuildOptions& options,
                  const BuildProgress& progress);

}  // namespace procura::search
