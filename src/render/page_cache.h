// PageCache: rendered pages in memory, keyed by a normalized request key,
// each tagged with the content it depends on (Hugo-style invalidation by
// dependency). Dependency tags:
//   "site"        site settings          — every page
//   "columns"     the column tree        — every page (navigation)
//   "articles"    any published article  — home page
//   "column:ID"   the column's list      — its list pages, its articles'
//                                          prev/next links
//   "article:ID"  one article            — its page
// A ContentChanged event maps to tags (see TagsFor) and drops exactly the
// pages that carry one of them.
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
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/events.h"

namespace procura {

struct CachedPage {
  int status = 200;
  std::string content_type;
  std::shared_ptr<const std::string> body;
  std::string etag;  // strong, quoted
};

class PageCache {
 public:
  // Holds at most `max_entries` pages; the oldest-inserted goes first.
  explicit PageCache(std::size_t max_entries) : max_entries_(max_entries) {}

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

  // The dependency tags a content change touches.
  static std::vector<std::string> TagsFor(const ContentChanged& e);

  // Subscribes invalidation to `bus`.
  void SubscribeTo(EventBus& bus);

  struct Stats {
    std::uint64_t hits = 0, misses = 0, entries = 0, invalidations = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::vector<std::string> deps;
  };
  void EraseLocked(const std::string& key);

  const std::size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::unordered_set<std::string>> by_tag_;
  std::deque<std::string> insertion_order_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, invalidations_{0};
};

}  // namespace procura
