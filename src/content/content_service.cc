#include "content/content_service.h"

#include "content/markdown.h"

namespace procura {
namespace {

constexpr int kCatchUpBatch = 500;  // changes applied per snapshot installed

}  // namespace

std::uint64_t ContentService::TakeTicket() {
  std::lock_guard lock(mu_);
  return ++next_ticket_;  // taken before reading: later tickets read later data
}

bool ContentService::Install(std::shared_ptr<const SiteSnapshot> snap, std::uint64_t ticket) {
  std::lock_guard lock(mu_);
  if (snapshot_ && std::pair(snapshot_->seq(), installed_ticket_) > std::pair(snap->seq(), ticket))
    return false;  // a newer snapshot is already in
  snapshot_ = std::move(snap);
  installed_ticket_ = ticket;
  return true;
}

Status ContentService::Reload() {
  const std::uint64_t ticket = TakeTicket();
  auto seq = storage_.changes().Latest();  // before the data: what is read is at least this new
  if (!seq.ok()) return seq.status();
  auto snap = SiteSnapshot::Load(storage_.content(), *seq);
  if (!snap.ok()) return snap.status();
  if (loaded_hook_) loaded_hook_();
  Install(std::move(snap).value(), ticket);
  return Status::Ok();
}

Result<std::vector<ChangeRecord>> ContentService::CatchUp() {
  std::lock_guard serial(catch_up_mu_);
  std::vector<ChangeRecord> applied;
  for (;;) {
    const std::uint64_t ticket = TakeTicket();
    auto base = Snapshot();
    if (!base) return Status::Unavailable("the site has not been loaded yet");
    auto changes = storage_.changes().Since(base->seq(), kCatchUpBatch);
    if (!changes.ok()) return changes.status();
    if (changes->empty()) return applied;
    auto next = base->Apply(*changes, storage_.content());
    if (!next.ok()) return next.status();
    Install(std::move(next).value(), ticket);
    applied.insert(applied.end(), changes->begin(), changes->end());
  }
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

Result<std::string> ContentService::Summary(std::int64_t id) {
  auto a = PublishedArticle(id);
  if (!a.ok()) return a.status();
  return a->has_value() ? MarkdownExcerpt((*a)->body_md, kFeedSummaryChars) : std::string();
}

}  // namespace procura
