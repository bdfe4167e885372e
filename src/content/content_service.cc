#include "content/content_service.h"

#include <spdlog/spdlog.h>

namespace procura {

Status ContentService::Reload() {
  std::uint64_t ticket;
  {
    std::lock_guard lock(mu_);
    ticket = ++next_ticket_;  // taken before reading: later tickets read later data
  }
  auto snap = SiteSnapshot::Load(storage_.content());
  if (!snap.ok()) return snap.status();
  if (loaded_hook_) loaded_hook_();
  std::lock_guard lock(mu_);
  if (ticket < installed_ticket_) return Status::Ok();  // a newer snapshot is already in
  snapshot_ = std::move(snap).value();
  installed_ticket_ = ticket;
  return Status::Ok();
}

std::shared_ptr<const SiteSnapshot> ContentService::Snapshot() const {
  std::lock_guard lock(mu_);
  return snapshot_;
}

Result<std::optional<ArticleRecord>> ContentService::PublishedArticle(std::int64_t id) {
  auto a = storage_.content().GetArticle(id);
  if (!a.ok()) return a.status();
  if (!a->has_value() || (*a)->status != kStatusPublished) return std::optional<ArticleRecord>();
  return a;
}

void ContentService::SubscribeTo(EventBus& bus) {
  bus.Subscribe([this](const ContentChanged& e) {
    if (Status s = Reload(); !s.ok())  // the old snapshot stays; the next change retries
      spdlog::error("reloading the site after a change to {} {}: {}", e.kind, e.id, s.message());
  });
}

}  // namespace procura
