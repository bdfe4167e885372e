// KeptResult: one computed value kept under the key of what it was
// computed from, for a reader that would otherwise compute it again on
// every request (the inspection's and the word lists' reading of every
// published article). A newer key simply replaces it. Safe across threads.
#pragma once

#include <mutex>
#include <memory>
#include <string>
#include <utility>

namespace procura {

template <class T>
class KeptResult {
 public:
  // The value kept under `key`, or null (nothing kept, or another key).
  // Shared, not copied: a reader holds it while a newer one replaces it.
  std::shared_ptr<const T> Find(const std::string& key) const {
    std::lock_guard lock(mu_);
    if (!value_ || key != key_) return nullptr;
    return value_;
  }
  std::shared_ptr<const T> Keep(std::string key, T value) {
    auto kept = std::make_shared<const T>(std::move(value));
    std::lock_guard lock(mu_);
    key_ = std::move(key);
    value_ = kept;
    return kept;
  }

 private:
  mutable std::mutex mu_;
  std::string key_;
  std::shared_ptr<const T> value_;
};

}  // namespace procura
