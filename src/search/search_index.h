// SearchIndex: full-text search over published articles with Xapian, in
// <data>/search (one database, one writer). Chinese is indexed and parsed
// with FLAG_CJK_NGRAM (unigrams + bigrams, so a word inside a sentence is
// found); English is stemmed. Title terms weigh more than body terms.
//
// A full build (Rebuild) indexes on every core into scratch shards beside
// the index and merges them into a new database, which replaces the old
// one only when complete.
//
// Consistency: the index stores the sequence number of the last
// search_changes row it applied, committed atomically with the documents.
// Sync() applies every later change from the database, so the index
// catches up after a crash at start and follows each content event.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/events.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::search {

struct SearchQuery {
  std::string text;  // ≤ kMaxQueryChars characters, UTF-8
  std::optional<std::int64_t> column_id;
  std::optional<UnixSeconds> from, to;  // published_at range, inclusive
  bool newest_first = false;            // default: relevance
  int page = 1;
  int per_page = 10;
};

struct SearchHit {
  std::int64_t article_id = 0;
  std::string snippet_html;  // escaped text with <mark>…</mark> around matches
  int percent = 0;
};

struct SearchResult {
  std::size_t total = 0;       // matches: Xapian's estimate past ~1,000
  bool total_is_exact = true;  // false when `total` is only an estimate
  std::vector<SearchHit> hits;
  std::string suggestion;  // a spelling correction, or ""
};

inline constexpr std::size_t kMaxQueryChars = 200;

class SearchIndex {
 public:
  // Opens (or schedules a rebuild of) the index in `dir`. Never fails the
  // server: a missing or corrupt index is rebuilt in the background with a
  // warning, and Search() answers Unavailable until then.
  SearchIndex(Storage& storage, std::filesystem::path dir);
  ~SearchIndex();

  // Brings the index up to date with the change log. Thread-safe.
  Status Sync();
  // Drops everything and indexes every published article, reporting
  // progress as (done, total). Thread-safe.
  Status Rebuild(const std::function<void(std::size_t, std::size_t)>& progress = {});
  // Starts Sync() (or Rebuild() if needed) in the background and returns.
  void StartBackground();
  // Waits for the background start-up work to finish (before shutdown);
  // a rebuild that keeps failing stops retrying.
  void JoinBackground();
  // Sync(), once the start-up work (catch-up or rebuild) is done; until
  // then Ok without doing anything, since that work ends with a Sync.
  Status SyncIfReady();

  // Invalid (with a message for the reader) for an over-long or non-UTF-8
  // query; Unavailable while the index is being rebuilt. Thread-safe:
  // searches run side by side and alongside Sync()/Rebuild(), each on a
  // read-only handle that sees the latest commit.
  Result<SearchResult> Search(const SearchQuery& q);

  bool ready() const { return ready_.load(); }

  // The last change-log number the index has applied (0 before it is open).
  std::int64_t AppliedSeq();

 private:
  bool BuiltOnThisDatabase();  // under Impl::mu, with the index open
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> ready_{false};
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // guarded by stop_mu_
  std::thread background_;
};

}  // namespace procura::search
