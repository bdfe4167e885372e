#include "search/index_builder.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "search/article_document.h"

namespace procura::search {
namespace {

namespace fs = std::filesystem;

struct Shard {
  std::size_t first = 0, last = 0;  // [first, last) into the id list
  fs::path path;
  bool has_documents = false;
};

// Shared state of one build: the next shard to take, the progress count,
// and the first error, which stops every worker.
struct BuildState {
  std::atomic<std::size_t> next_shard{0};
  std::atomic<std::size_t> done{0};
  std::mutex mu;
  std::condition_variable finished;
  unsigned running = 0;
  Status error = Status::Ok();
  std::atomic<bool> failed{false};

  void Fail(Status s) {
    std::lock_guard lock(mu);
    if (error.ok()) error = std::move(s);
    failed = true;
  }
};

// Indexes one shard's ids into its own database.
Status BuildShard(ContentRepository& content, const std::vector<std::int64_t>& ids, Shard& shard,
                  const BuildOptions& options, BuildState& state) {
  // A shard is scratch, thrown away if the build fails: no fsync, and
  // blocks updated in place instead of copied on write.
  Xapian::WritableDatabase db(shard.path.string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                       Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
  ArticleIndexer indexer(db);
  std::size_t pending = 0;
  for (std::size_t i = shard.first; i < shard.last && !state.failed; ++i) {
    auto article = content.GetArticle(ids[i]);
    if (!article.ok()) return article.status();
    if (article->has_value() && IsSearchable(**article)) {
      db.replace_document(static_cast<Xapian::docid>(ids[i]), indexer.Make(**article));
      shard.has_documents = true;
      if (++pending == options.flush_every) {
        db.commit();  // small in-memory batches insert faster than big ones
        pending = 0;
      }
    }
    ++state.done;
  }
  db.commit();
  return Status::Ok();
}

void RunWorker(ContentRepository& content, const std::vector<std::int64_t>& ids,
               std::vector<Shard>& shards, const BuildOptions& options, BuildState& state) {
  for (std::size_t k; !state.failed && (k = state.next_shard++) < shards.size();) {
    try {
      if (Status s = BuildShard(content, ids, shards[k], options, state); !s.ok()) state.Fail(s);
    } catch (const Xapian::Error& e) {
      state.Fail(Status::Io("search index shard: " + e.get_msg()));
    }
  }
  std::lock_guard lock(state.mu);
  --state.running;
  state.finished.notify_all();
}

// Merges the non-empty shards, in id order, into `dir`.
void MergeShards(const std::vector<Shard>& shards, const fs::path& dir) {
  Xapian::Database all;
  for (const Shard& s : shards)
    if (s.has_documents) all.add_database(Xapian::Database(s.path.string()));
  if (all.size() == 0) {
    Xapian::WritableDatabase empty(dir.string(), Xapian::DB_CREATE);
    empty.commit();
    return;
  }
  all.compact(dir.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::DBCOMPACT_MULTIPASS);
}

}  // namespace

Status BuildIndex(ContentRepository& content, const std::vector<std::int64_t>& ids,
                  const fs::path& dir, const BuildOptions& options, const BuildProgress& progress) {
  const fs::path scratch = dir.string() + ".shards";
  std::error_code ec;
  fs::remove_all(scratch, ec);
  fs::create_directories(scratch, ec);
  if (ec) return Status::Io("cannot create " + scratch.string() + ": " + ec.message());

  std::vector<Shard> shards;
  const std::size_t size = std::max<std::size_t>(options.shard_size, 1);
  for (std::size_t first = 0; first < ids.size(); first += size)
    shards.push_back({first, std::min(first + size, ids.size()),
                      scratch / std::to_string(shards.size()), false});

  BuildState state;
  const unsigned workers =
      std::clamp<unsigned>(options.workers ? options.workers : std::thread::hardware_concurrency(),
                           1, static_cast<unsigned>(std::max<std::size_t>(shards.size(), 1)));
  state.running = workers;
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back([&] { RunWorker(content, ids, shards, options, state); });
  for (bool finished = false; !finished;) {
    {
      std::unique_lock lock(state.mu);
      finished = state.finished.wait_for(lock, std::chrono::milliseconds(250),
                                         [&] { return state.running == 0; });
    }
    const std::size_t done = state.done;
    if (!finished && progress && done < ids.size()) progress(done, ids.size());  // not locked
  }
  for (auto& t : threads) t.join();

  Status result = state.error;
  if (result.ok()) {
    try {
      if (progress) progress(ids.size(), ids.size());
      MergeShards(shards, dir);
    } catch (const Xapian::Error& e) {
      result = Status::Io("search index merge: " + e.get_msg());
      fs::remove_all(dir, ec);
    }
  }
  fs::remove_all(scratch, ec);
  return result;
}

}  // namespace procura::search
