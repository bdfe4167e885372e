#include "content/article_list.h"

#include <algorithm>

namespace procura {
namespace {

constexpr std::size_t kChunk = 512;         // items per chunk after a split
constexpr std::int64_t kBucketSpan = 1024;  // ids per index bucket

std::int64_t PublishedKey(const ArticleRecord& a) { return a.published_at.value_or(0); }

}  // namespace

bool ListedBefore(const ArticleRecord& a, const ArticleRecord& b) {
  if (PublishedKey(a) != PublishedKey(b)) return PublishedKey(a) > PublishedKey(b);
  return a.id > b.id;
}

const ArticleRecord* ArticleList::operator[](std::size_t i) const {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), i);
  const std::size_t c = static_cast<std::size_t>(it - starts_.begin()) - 1;
  return chunks_[c]->items[i - starts_[c]].get();
}

std::size_t ArticleList::ChunkFor(const ArticleRecord& a) const {
  const auto it = std::lower_bound(
      chunks_.begin(), chunks_.end(), a,
      [](const auto& chunk, const ArticleRecord& x) { return ListedBefore(*chunk->items.back(), x); });
  return static_cast<std::size_t>(it - chunks_.begin());
}

std::optional<std::size_t> ArticleList::IndexOf(const ArticleRecord& a) const {
  const std::size_t c = ChunkFor(a);
  if (c == chunks_.size()) return std::nullopt;
  const auto& items = chunks_[c]->items;
  const auto it = std::lower_bound(items.begin(), items.end(), a,
                                   [](const ArticlePtr& p, const ArticleRecord& x) {
                                     return ListedBefore(*p, x);
                                   });
  if (it == items.end() || (*it)->id != a.id) return std::nullopt;
  return starts_[c] + static_cast<std::size_t>(it - items.begin());
}

void ArticleList::PushBack(ArticlePtr a) {
  if (chunks_.empty() || chunks_.back()->items.size() >= kChunk) {
    chunks_.push_back(std::make_shared<const Chunk>(Chunk{{std::move(a)}}));
    starts_.push_back(size_++);
    return;
  }
  if (chunks_.back().use_count() == 1) {
    // Sole owner (a list being built): no reader can see this chunk yet.
    const_cast<Chunk&>(*chunks_.back()).items.push_back(std::move(a));
  } else {
    auto items = chunks_.back()->items;
    items.push_back(std::move(a));
    chunks_.back() = std::make_shared<const Chunk>(Chunk{std::move(items)});
  }
  ++size_;
}

void ArticleList::Insert(ArticlePtr a) {
  if (chunks_.empty()) return PushBack(std::move(a));
  const std::size_t c = std::min(ChunkFor(*a), chunks_.size() - 1);
  auto items = chunks_[c]->items;  // copy on write: readers keep the old chunk
  const auto at = std::lower_bound(items.begin(), items.end(), *a,
                                   [](const ArticlePtr& p, const ArticleRecord& x) {
                                     return ListedBefore(*p, x);
                                   });
  items.insert(at, std::move(a));
  ++size_;
  Replace(c, std::move(items));
}

bool ArticleList::Erase(const ArticleRecord& a) {
  const std::size_t c = ChunkFor(a);
  if (c == chunks_.size()) return false;
  auto items = chunks_[c]->items;
  const auto it = std::lower_bound(items.begin(), items.end(), a,
                                   [](const ArticlePtr& p, const ArticleRecord& x) {
                                     return ListedBefore(*p, x);
                                   });
  if (it == items.end() || (*it)->id != a.id) return false;
  items.erase(it);
  --size_;
  Replace(c, std::move(items));
  return true;
}

void ArticleList::Replace(std::size_t c, std::vector<ArticlePtr> items) {
  if (items.empty()) {
    chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(c));
  } else if (items.size() > 2 * kChunk) {
    std::vector<ArticlePtr> tail(items.begin() + kChunk, items.end());
    items.resize(kChunk);
    chunks_[c] = std::make_shared<const Chunk>(Chunk{std::move(items)});
    chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(c) + 1,
                   std::make_shared<const Chunk>(Chunk{std::move(tail)}));
  } else {
    chunks_[c] = std::make_shared<const Chunk>(Chunk{std::move(items)});
  }
  Reindex();
}

void ArticleList::Reindex() {
  starts_.resize(chunks_.size());
  std::size_t at = 0;
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    starts_[c] = at;
    at += chunks_[c]->items.size();
  }
}

const ArticleIndex::Entry* ArticleIndex::Find(std::int64_t id) const {
  if (id < 0) return nullptr;
  const auto b = static_cast<std::size_t>(id / kBucketSpan);
  if (b >= buckets_.size() || !buckets_[b]) return nullptr;
  const Bucket& bucket = *buckets_[b];
  const auto it = std::lower_bound(bucket.begin(), bucket.end(), id,
                                   [](const Entry& e, std::int64_t x) { return e.article->id < x; });
  return it != bucket.end() && it->article->id == id ? &*it : nullptr;
}

void ArticleIndex::Put(Entry e) {
  const std::int64_t id = e.article->id;
  if (id < 0) return;
  const auto b = static_cast<std::size_t>(id / kBucketSpan);
  if (b >= buckets_.size()) buckets_.resize(b + 1);
  const bool sole = buckets_[b] && buckets_[b].use_count() == 1;
  Bucket copy = !buckets_[b] ? Bucket{} : sole ? Bucket{} : *buckets_[b];
  // Sole owner (an index being built): change the bucket in place.
  Bucket& bucket = sole ? const_cast<Bucket&>(*buckets_[b]) : copy;
  const auto it = std::lower_bound(bucket.begin(), bucket.end(), id,
                                   [](const Entry& x, std::int64_t v) { return x.article->id < v; });
  if (it != bucket.end() && it->article->id == id) {
    *it = std::move(e);
  } else {
    bucket.insert(it, std::move(e));
    ++size_;
  }
  if (!sole) buckets_[b] = std::make_shared<const Bucket>(std::move(copy));
}

void ArticleIndex::Erase(std::int64_t id) {
  if (!Find(id)) return;
  const auto b = static_cast<std::size_t>(id / kBucketSpan);
  Bucket bucket = *buckets_[b];
  std::erase_if(bucket, [id](const Entry& e) { return e.article->id == id; });
  --size_;
  buckets_[b] = bucket.empty() ? nullptr : std::make_shared<const Bucket>(std::move(bucket));
}

}  // namespace procura
