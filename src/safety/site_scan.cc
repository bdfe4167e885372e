#include "safety/site_scan.h"

#include "safety/case_privacy.h"

namespace procura::safety {

Result<std::vector<ArticleFindings>> ScanPublished(
    Storage& storage, const WordScanner& scanner,
    const std::function<void(std::size_t, std::size_t)>& progress) {
  auto published = storage.content().ListPublishedSummaries();
  if (!published.ok()) return published.status();
  std::vector<ArticleFindings> out;
  const std::size_t total = published->size();
  std::size_t done = 0;
  for (const ArticleRecord& summary : *published) {
    auto full = storage.content().GetArticle(summary.id);
    if (!full.ok()) return full.status();
    if (++done % 256 == 0 && progress) progress(done, total);
    if (!full->has_value()) continue;  // withdrawn meanwhile
    const ArticleRecord& a = **full;
    auto found = CheckPublicText(
        scanner,
        {{"title", a.title}, {"body", a.body_md}, {"caption", a.lead_caption}, {"alt", a.lead_alt}});
    if (!found.empty()) out.push_back({a.id, a.title, std::move(found)});
  }
  if (progress) progress(total, total);
  return out;
}

}  // namespace procura::safety
