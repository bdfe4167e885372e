#include "render/pagination.h"

#include <algorithm>
#include <functional>

namespace procura {

int ArchivePageCount(std::size_t total) {
  return total < 2 * kPageSize ? 0 : static_cast<int>(total / kPageSize) - 1;
}

int PageOfOrdinal(std::size_t ordinal, std::size_t total) {
  const std::size_t archive = ordinal / kPageSize + 1;
  return archive <= static_cast<std::size_t>(ArchivePageCount(total)) ? static_cast<int>(archive) : 0;
}

std::optional<ListPage> PageOfList(std::size_t total, int archive) {
  const int archives = ArchivePageCount(total);
  if (archive < 0 || archive > archives) return std::nullopt;
  ListPage p;
  p.archive = archive;
  p.archives = archives;
  const std::size_t archived = static_cast<std::size_t>(archives) * kPageSize;
  if (archive == 0) {
    p.offset = 0;
    p.count = total - archived;
  } else {
    // Archive k holds the oldest-first items [20(k-1), 20k): newest-first
    // indices [total - 20k, total - 20(k-1)).
    p.offset = total - static_cast<std::size_t>(archive) * kPageSize;
    p.count = kPageSize;
  }
  return p;
}

std::optional<int> ListPage::Newer() const {
  if (is_first()) return std::nullopt;
  return archive == archives ? 0 : archive + 1;
}

std::optional<int> ListPage::Older() const {
  const int older = is_first() ? archives : archive - 1;
  if (older < 1) return std::nullopt;
  return older;
}

// Pages as positions 1..archives+1, the first page last (the newest). Only
// the positions shown are visited: a column may have 100,000 pages.
std::vector<PageLink> ListPage::Links(int window) const {
  const int newest = archives + 1;
  const int current = is_first() ? newest : archive;
  std::vector<int> shown{newest, 1};
  for (int pos = std::min(newest, current + window); pos >= std::max(1, current - window); --pos)
    shown.push_back(pos);
  std::sort(shown.begin(), shown.end(), std::greater<>());
  shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
  std::vector<PageLink> out;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const int pos = shown[i];
    if (i > 0 && pos < shown[i - 1] - 1) out.push_back({true, 0, false});
    out.push_back({false, pos == newest ? 0 : pos, pos == current});
  }
  return out;
}

int ListPage::PagerKey(int window) const {
  // An archive page's pager reaches up to `window` pages newer, then a gap
  // before the first page: beyond that the list's length does not show.
  return is_first() ? archives : std::min(archives, archive + window + 1);
}

}  // namespace procura
