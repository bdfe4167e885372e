// The review chain (三审三校): the steps an article has passed on its
// current text, read from its append-only review record. A column needs
// 1–3 steps; each is taken by a different person holding that step's
// right; an edit after a step restarts the chain. Pure functions: the
// workflow (workflow_review.cc) loads the record and writes new rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/records.h"

namespace procura {

struct ReviewChain {
  int steps_needed = 1;
  // The steps passed on the current text, in order (step 1, 2, ...).
  std::vector<ReviewStepRecord> passed;
  // True when steps were passed on a text that has changed since: they no
  // longer count and the chain starts again.
  bool restarted_by_change = false;

  int next_step() const { return static_cast<int>(passed.size()) + 1; }
  // True if the next step is the last one (approving it publishes).
  bool next_is_final() const { return next_step() >= steps_needed; }
  // True if `user_id` took a step of this chain already.
  bool TakenBy(std::int64_t user_id) const;
};

// The chain for the text hashed `text_hash` in a column needing
// `steps_needed` steps: the passes after the record's last return,
// restart or publication, if they reviewed this very text.
ReviewChain CurrentChain(const std::vector<ReviewStepRecord>& record,
                         const std::string& text_hash, int steps_needed);

// True if the record's last row is a passed step (an edit now restarts
// a chain in progress).
bool ChainInProgress(const std::vector<ReviewStepRecord>& record);

// SHA-256 (hex) of everything in `a` that would go public: column,
// language, title, author, source, lead image, caption, alt text and body,
// with `attachment_names` (in order). Fields are length-prefixed, so no
// two different texts share a serialization.
std::string ReviewTextHash(const ArticleRecord& a, const std::vector<std::string>& attachment_names);

}  // namespace procura
