// PageCache: rendered pages in memory, keyed by a normalized request key,
// each tagged with the content it depends on (Hugo-style invalidation by
// dependency). Dependency tags:
//   "site"        site settings          — every page
//   "columns"     the column tree        — every page (navigation)
//   "articles"    any published article  — home page
//   "column:ID"   the column's list      — its list pages, its articles'
//                                          prev/next links
//   "article:ID"  one article            — its page
// A change-log row maps to tags (see TagsFor) and drops exactly the pages
// that carry one of them; the ChangeFollower applies the log to the cache
// right after the snapshot.
//
// Race-freedom: Put() takes the generation read by BeginRender() before
// the page was built, and drops the page if any invalidation happened since
// then, so a page built from an old snapshot is never cached.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <span>

#include "core/compress.h"
#include "storage/change_log_repository.h"

namespace procura {

struct CachedPage {
  int status = 200;
  std::string content_type;
  std::shared_ptr<const std::string> body;
  std::string etag;  // strong, quoted
  CompressedVariants variants;  // gzip and brotli, made when the page was cached
  // The whole response head for a 200 in each coding (by ContentCoding:
  // identity, gzip, brotli), serialized when the page was cached; null
  // where there is no such variant. The server adds only Date.
  std::shared_ptr<const std::string> heads[3];
};

class PageCache {
 public:
  // Holds at most `max_entries` pages and `max_bytes` of keys and bodies;
  // the oldest-inserted goes first. A page larger than `max_bytes` is not
  // cached.
  explicit PageCache(std::size_t max_entries, std::size_t max_bytes = std::size_t{256} << 20)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  // The cached page for `key`, or nullptr. Thread-safe.
  std::shared_ptr<const CachedPage> Get(const std::string& key);

  // Call before building a page; pass the result to Put().
  std::uint64_t BeginRender() const { return generation_.load(); }

  // Stores `page` under `key` with its dependency tags, unless an
  // invalidation happened after `generation` was read. Thread-safe.
  void Put(const std::string& key, CachedPage page, const std::vector<std::string>& deps,
           std::uint64_t generation);

  // Drops every page tagged `tag`. Thread-safe.
  void Invalidate(const std::string& tag);

  // The dependency tags a change touches.
  static std::vector<std::string> TagsFor(const ChangeRecord& c);

  // Drops the pages every change in `changes` touches (each tag once).
  void Apply(std::span<const ChangeRecord> changes);

  // Drops every page (after the snapshot was reloaded whole).
  void Clear();

  struct Stats {
    std::uint64_t hits = 0, misses = 0, entries = 0, invalidations = 0;
    std::uint64_t bytes = 0;           // keys and bodies held
    std::uint64_t order_entries = 0;   // the eviction queue, stale names included
  };
  Stats stats() const;

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::vector<std::string> deps;
    std::size_t bytes = 0;
  };
  void EraseLocked(const std::string& key);
  void EvictOldestLocked();
  // Drops the names of erased pages from the eviction queue once they
  // outnumber the live ones, so the queue stays bounded too.
  void CompactOrderLocked();

  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  std::size_t bytes_ = 0;  // guarded by mu_
  // Hits (every cached request) share it; changes take it alone.
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::unordered_set<std::string>> by_tag_;
  std::deque<std::string> insertion_order_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, invalidations_{0};
};

}  // namespace procura
