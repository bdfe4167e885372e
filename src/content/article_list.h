// ArticleList and ArticleIndex: the snapshot's article structures, built so
// that a new snapshot shares almost everything with the one before it.
//
// Both are values with copy-on-write chunks: copying one copies a vector of
// chunk pointers (one per ~512 articles), and changing one article copies
// only the chunk it lands in. Applying one article change to the snapshot
// therefore costs about the same at 10,000 and at 1,000,000 articles,
// while readers keep whole, immutable views (docs/architecture.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "storage/records.h"

namespace procura {

using ArticlePtr = std::shared_ptr<const ArticleRecord>;

// True if `a` is listed before `b`: newer publication first, then higher id.
bool ListedBefore(const ArticleRecord& a, const ArticleRecord& b);

// Published articles, newest first (ListedBefore order).
class ArticleList {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The i-th article, i < size().
  const ArticleRecord* operator[](std::size_t i) const;
  // Walks the list from its end, oldest first, a step at a time (indexing
  // searches the chunks on every call).
  class OldestFirst {
   public:
    explicit OldestFirst(const ArticleList& list) : list_(list), chunk_(list.chunks_.size()) { Settle(); }
    // The current article, or nullptr once past the newest.
    const ArticleRecord* get() const {
      return chunk_ ? list_.chunks_[chunk_ - 1]->items[item_ - 1].get() : nullptr;
    }
    void Next() {
      if (chunk_ && --item_ == 0) {
        --chunk_;
        Settle();
      }
    }

   private:
    void Settle() { item_ = chunk_ ? list_.chunks_[chunk_ - 1]->items.size() : 0; }
    const ArticleList& list_;
    std::size_t chunk_, item_ = 0;  // 1-based: 0 is past the front
  };

  // Where `a` (matched by id) is listed, or nullopt.
  std::optional<std::size_t> IndexOf(const ArticleRecord& a) const;

  // Appends an article listed after every one already here (for bulk loads
  // from a sorted query).
  void PushBack(ArticlePtr a);
  // Inserts `a` at its place. `a` must not be listed already.
  void Insert(ArticlePtr a);
  // Removes the article listed with `a`'s key (id and publication time);
  // false if it is not here.
  bool Erase(const ArticleRecord& a);

 private:
  struct Chunk {
    std::vector<ArticlePtr> items;  // never empty
  };
  // The chunk `a` belongs in, by each chunk's last item.
  std::size_t ChunkFor(const ArticleRecord& a) const;
  void Replace(std::size_t chunk, std::vector<ArticlePtr> items);  // splits or drops
  void Reindex();                                                  // starts_ from sizes

  std::vector<std::shared_ptr<const Chunk>> chunks_;
  std::vector<std::size_t> starts_;  // index of each chunk's first item
  std::size_t size_ = 0;
};

// Published articles by id, with the ids of their public attachments.
class ArticleIndex {
 public:
  struct Entry {
    ArticlePtr article;
    std::vector<std::int64_t> attachment_media_ids;  // in order
  };
  // The entry for `id`, or nullptr.
  const Entry* Find(std::int64_t id) const;
  void Put(Entry e);
  void Erase(std::int64_t id);
  std::size_t size() const { return size_; }

 private:
  using Bucket = std::vector<Entry>;  // sorted by id
  std::vector<std::shared_ptr<const Bucket>> buckets_;  // by id / kBucketSpan
  std::size_t size_ = 0;
};

}  // namespace procura
