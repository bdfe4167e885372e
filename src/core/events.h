// Domain events (Ghost style): services publish what changed; side effects
// such as page-cache invalidation and, later, search indexing subscribe.
// Delivery is synchronous, in subscription order, on the publisher's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace procura {

// What changed. `kind` names the entity ("site", "column", "article",
// "media"); `id` is its id (0 for singletons); `column_id` is the article's
// column before and after the change where relevant (0 if none).
struct ContentChanged {
  std::string kind;
  std::int64_t id = 0;
  std::vector<std::int64_t> column_ids;
};

class EventBus {
 public:
  using Handler = std::function<void(const ContentChanged&)>;

  // Registers `h`; it is called for every later Publish. Thread-safe.
  void Subscribe(Handler h);

  // Calls every subscriber with `e`. Thread-safe; subscribers must not
  // Subscribe from inside a handler.
  void Publish(const ContentChanged& e) const;

 private:
  mutable std::mutex mu_;
  std::vector<Handler> handlers_;
};

}  // namespace procura
