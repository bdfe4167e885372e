// KeptResult: one computed value kept under the key of what it was
// computed from, for a reader that would otherwise compute it again on
// every request (the inspection's and the word lists' reading of every
// published article). A newer key simply replaces it. Safe across threads.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace procura {

template <class T>
class KeptResult {
 public:
  // The value kept under `key`, or nullopt (nothing kept, or another key).
  std::optional<T> Find(const std::string& key) const {
    std::lock_guard lock(mu_);
    if (!value_ || key != key_) return std::nullopt;
    return value_;
  }
  void Keep(std::string key, T value) {
    std::lock_guard lock(mu_);
    key_ = std::move(key);
    value_ = std::move(value);
  }

 private:
  mutable std::mutex mu_;
  std::string key_;
  std::optional<T> value_;
};

}  // namespace procura
