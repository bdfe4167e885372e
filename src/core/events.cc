#include "core/events.h"

namespace procura {

void EventBus::Subscribe(Handler h) {
  std::lock_guard lock(mu_);
  handlers_.push_back(std::move(h));
}

void EventBus::Publish(const ContentChanged& e) const {
  std::vector<Handler> copy;
  {
    std::lock_guard lock(mu_);
    copy = handlers_;
  }
  for (const auto& h : copy) h(e);
}

}  // namespace procura
