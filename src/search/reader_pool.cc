#include "search/reader_pool.h"

namespace procura::search {

ReaderPool::Lease ReaderPool::Acquire() {
  std::unique_ptr<Reader> reader;
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    generation = generation_;
    if (!idle_.empty()) {
      reader = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (reader)
    reader->db.reopen();  // cheap when nothing was committed since
  else
    reader = std::make_unique<Reader>(dir_);
  return Lease(*this, std::move(reader), generation);
}

void ReaderPool::Invalidate() {
  std::lock_guard lock(mu_);
  ++generation_;
  idle_.clear();
}

void ReaderPool::Release(std::unique_ptr<Reader> r, std::uint64_t generation) {
  std::lock_guard lock(mu_);
  if (r && generation == generation_) idle_.push_back(std::move(r));
}

}  // namespace procura::search
