// The word lists over the whole published site: what `procura
// check-content` and the admin's "published articles" page list, so that
// articles published before a list changed are found and reviewed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "safety/word_check.h"
#include "storage/storage.h"

namespace procura::safety {

struct ArticleFindings {
  std::int64_t id = 0;
  std::string title;
  std::vector<WordFinding> findings;
};

// Every published article whose public text (title, body, lead caption
// and alt text) the lists find something in, newest first. The articles
// are read and checked on `threads` threads (0: one per core); the
// calling thread only reports: `progress` (if set) is told (done, total)
// every 100 ms and at the end, always on the calling thread.
// What published text and its checks stand at: the change log's latest
// number and the word lists' revision. A reading of every published
// article kept under it holds until either moves (core/kept_result.h).
Result<std::string> PublishedTextRevision(Storage& storage);

Result<std::vector<ArticleFindings>> ScanPublished(
    Storage& storage, const WordScanner& scanner,
    const std::function<void(std::size_t, std::size_t)>& progress = {}, unsigned threads = 0);

}  // namespace procura::safety
