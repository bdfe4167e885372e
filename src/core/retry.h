// Optimistic writes: a write guarded by what it read (a version, the old
// value) fails with Conflict when another writer landed first; the caller
// reads again and tries anew.
#pragma once

#include <utility>

#include "core/status.h"

namespace procura {

// How often RetryOnConflict tries by default. Each failed try follows
// another writer's success, so 20 only runs out under a burst of 20
// writers to one record.
inline constexpr int kConflictAttempts = 20;

// Calls `attempt` (which reads, computes and writes) until it returns
// anything but Conflict, at most `times` times; returns its last status.
template <typename Attempt>
Status RetryOnConflict(Attempt&& attempt, int times = kConflictAttempts) {
  Status s = Status::Ok();
  for (int i = 0; i < times; ++i) {
    s = std::forward<Attempt>(attempt)();
    if (s.code() != Status::Code::kConflict) return s;
  }
  return s;
}

}  // namespace procura
