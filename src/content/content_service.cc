#include "content/content_service.h"

namespace procura {

Status ContentService::Reload() {
  auto snap = SiteSnapshot::Load(storage_.content());
  if (!snap.ok()) return snap.status();
  std::lock_guard lock(mu_);
  snapshot_ = std::move(snap).value();
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
  bus.Subscribe([this](const ContentChanged&) { (void)Reload(); });
}

}  // namespace procura
