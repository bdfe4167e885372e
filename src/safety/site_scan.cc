#include "safety/site_scan.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "safety/case_privacy.h"

namespace procura::safety {

namespace {
constexpr std::size_t kBatch = 64;  // articles a worker claims at once
}  // namespace

Result<std::string> PublishedTextRevision(Storage& storage) {
  auto latest = storage.changes().Latest();
  if (!latest.ok()) return latest.status();
  auto revision = storage.safety().WordListsRevision();
  if (!revision.ok()) return revision.status();
  return std::to_string(*latest) + "/" + *revision;
}

Result<std::vector<ArticleFindings>> ScanPublished(
    Storage& storage, const WordScanner& scanner,
    const std::function<void(std::size_t, std::size_t)>& progress, unsigned threads) {
  auto published = storage.content().ListPublishedSummaries();
  if (!published.ok()) return published.status();
  const std::size_t total = published->size();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, total / kBatch + 1));

  std::vector<std::optional<ArticleFindings>> found(total);  // in the summaries' order
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::condition_variable finished_cv;
  unsigned finished = 0;
  Status error;
  auto work = [&] {
    while (!failed) {
      const std::size_t begin = next.fetch_add(kBatch);
      if (begin >= total) break;
      for (std::size_t i = begin; i < std::min(total, begin + kBatch); ++i) {
        auto full = storage.content().GetArticle((*published)[i].id);
        if (!full.ok()) {
          std::lock_guard lock(mu);
          if (!failed.exchange(true)) error = full.status();
          break;
        }
        ++done;
        if (!full->has_value()) continue;  // gone meanwhile
        const ArticleRecord& a = **full;
        auto hits = CheckPublicText(scanner, {{"title", a.title},
                                              {"body", a.body_md},
                                              {"caption", a.lead_caption},
                                              {"alt", a.lead_alt}});
        if (!hits.empty()) found[i] = ArticleFindings{a.id, a.title, std::move(hits)};
      }
    }
    std::lock_guard lock(mu);
    ++finished;
    finished_cv.notify_one();
  };
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
  {  // This thread only reports progress, so the callback needs no lock.
    std::unique_lock lock(mu);
    while (finished < threads) {
      finished_cv.wait_for(lock, std::chrono::milliseconds(100));
      if (progress) {
        lock.unlock();
        progress(done.load(), total);
        lock.lock();
      }
    }
  }
  workers.clear();
  if (failed) return error;
  if (progress) progress(total, total);
  std::vector<ArticleFindings> out;
  for (auto& f : found)
    if (f) out.push_back(std::move(*f));
  return out;
}

}  // namespace procura::safety
