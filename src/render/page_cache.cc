#include "render/page_cache.h"

#include <set>

namespace procura {

std::shared_ptr<const CachedPage> PageCache::Get(const std::string& key) {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  return it->second.page;
}

void PageCache::Put(const std::string& key, CachedPage page, const std::vector<std::string>& deps,
                    std::uint64_t generation) {
  std::lock_guard lock(mu_);
  if (generation != generation_.load()) return;  // built from stale content
  EraseLocked(key);
  const std::size_t bytes = key.size() + (page.body ? page.body->size() : 0);
  if (max_entries_ == 0 || bytes > max_bytes_) return;
  while ((entries_.size() >= max_entries_ || bytes_ + bytes > max_bytes_) &&
         !insertion_order_.empty())
    EvictOldestLocked();
  entries_[key] = Entry{std::make_shared<const CachedPage>(std::move(page)), deps, bytes};
  bytes_ += bytes;
  for (const auto& d : deps) by_tag_[d].insert(key);
  insertion_order_.push_back(key);
  CompactOrderLocked();
}

void PageCache::EvictOldestLocked() {
  const std::string oldest = insertion_order_.front();
  insertion_order_.pop_front();
  EraseLocked(oldest);
}

void PageCache::CompactOrderLocked() {
  if (insertion_order_.size() <= 2 * entries_.size() + 1024) return;
  std::deque<std::string> live;
  std::unordered_set<std::string> seen;
  // Newest first, so a key put several times keeps its latest place.
  for (auto it = insertion_order_.rbegin(); it != insertion_order_.rend(); ++it)
    if (entries_.count(*it) && seen.insert(*it).second) live.push_front(*it);
  insertion_order_ = std::move(live);
}

void PageCache::EraseLocked(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  for (const auto& d : it->second.deps) {
    auto t = by_tag_.find(d);
    if (t == by_tag_.end()) continue;
    t->second.erase(key);
    if (t->second.empty()) by_tag_.erase(t);
  }
  bytes_ -= it->second.bytes;
  entries_.erase(it);
  // insertion_order_ may keep a stale name; eviction skips missing keys.
}

void PageCache::Invalidate(const std::string& tag) {
  std::lock_guard lock(mu_);
  ++generation_;
  ++invalidations_;
  auto t = by_tag_.find(tag);
  if (t == by_tag_.end()) return;
  const auto keys = t->second;  // EraseLocked mutates by_tag_
  for (const auto& k : keys) EraseLocked(k);
}

std::vector<std::string> PageCache::TagsFor(const ChangeRecord& e) {
  if (e.kind == "site") return {"site"};
  if (e.kind == "column") return {"columns"};
  // Media changes no page's HTML: a new file is used by nothing yet, a file
  // in use cannot be deleted (articles hold it), and /media/ is answered
  // from the snapshot, not from cached pages. So nothing is dropped.
  if (e.kind == "media") return {};
  std::vector<std::string> tags = {"articles", "article:" + std::to_string(e.entity_id)};
  for (auto c : e.column_ids) tags.push_back("column:" + std::to_string(c));
  return tags;
}

void PageCache::Apply(std::span<const ChangeRecord> changes) {
  std::set<std::string> tags;
  for (const auto& c : changes)
    for (auto& t : TagsFor(c)) tags.insert(std::move(t));
  for (const auto& t : tags) Invalidate(t);
}

void PageCache::Clear() { Invalidate("site"); }  // every page carries "site"

PageCache::Stats PageCache::stats() const {
  std::lock_guard lock(mu_);
  return Stats{hits_.load(), misses_.load(), entries_.size(), invalidations_.load(), bytes_,
               insertion_order_.size()};
}

}  // namespace procura
