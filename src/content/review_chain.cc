#include "content/review_chain.h"

#include <sodium.h>

#include <string_view>

#include "core/text.h"

namespace procura {

bool ReviewChain::TakenBy(std::int64_t user_id) const {
  for (const auto& r : passed)
    if (r.reviewer_id && *r.reviewer_id == user_id) return true;
  return false;
}

ReviewChain CurrentChain(const std::vector<ReviewStepRecord>& record,
                         const std::string& text_hash, int steps_needed) {
  ReviewChain chain;
  chain.steps_needed = steps_needed < 1 ? 1 : steps_needed;
  std::size_t start = record.size();
  while (start > 0 && record[start - 1].outcome == kReviewPass) --start;
  for (std::size_t i = start; i < record.size(); ++i) {
    if (record[i].text_hash != text_hash) {
      chain.passed.clear();
      chain.restarted_by_change = true;
      return chain;
    }
    chain.passed.push_back(record[i]);
  }
  return chain;
}

bool ChainInProgress(const std::vector<ReviewStepRecord>& record) {
  return !record.empty() && record.back().outcome == kReviewPass;
}

namespace {
void AddField(crypto_hash_sha256_state& state, std::string_view value) {
  const std::string length = std::to_string(value.size()) + ":";
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                            length.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                            value.size());
}
}  // namespace

std::string ReviewTextHash(const ArticleRecord& a,
                           const std::vector<std::string>& attachment_names) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  AddField(state, "procura-review-v1");
  AddField(state, std::to_string(a.column_id));
  AddField(state, a.lang);
  AddField(state, a.title);
  AddField(state, a.author);
  AddField(state, a.news_source);
  AddField(state, a.lead_media_id ? std::to_string(*a.lead_media_id) : "");
  AddField(state, a.lead_caption);
  AddField(state, a.lead_alt);
  AddField(state, a.body_md);
  AddField(state, std::to_string(attachment_names.size()));
  for (const auto& name : attachment_names) AddField(state, name);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace procura
