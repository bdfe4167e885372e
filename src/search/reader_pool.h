// Internal to the search module: read-only handles on the index, so that
// searches run concurrently with each other and with the one writer.
// Xapian objects are not thread-safe; each search leases its own handle
// (and stemmer) and returns it when done.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace procura::search {

struct Reader {
  explicit Reader(const std::filesystem::path& dir) : db(dir.string()) {}
  Xapian::Database db;
  Xapian::Stem stem{"english"};
};

class ReaderPool {
 public:
  explicit ReaderPool(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // A reader, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Reader> r, std::uint64_t generation)
        : pool_(pool), reader_(std::move(r)), generation_(generation) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.Release(std::move(reader_), generation_); }
    // Drops this handle instead of returning it to the pool (it failed
    // mid-read; the next search opens a fresh one).
    void Discard() { reader_.reset(); }
    Reader& operator*() { return *reader_; }
    Reader* operator->() { return reader_.get(); }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Reader> reader_;
    std::uint64_t generation_;
  };

  // Leases a reader that sees the latest commit. Throws Xapian::Error if
  // the index cannot be opened.
  Lease Acquire();

  // Drops every reader opened so far (the index directory was replaced);
  // leased ones are discarded when returned.
  void Invalidate();

 private:
  void Release(std::unique_ptr<Reader> r, std::uint64_t generation);

  const std::filesystem::path dir_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> idle_;
  std::uint64_t generation_ = 0;
};

}  // namespace procura::search
