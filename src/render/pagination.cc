#include "render/pagination.h"

#include <algorithm>

namespace procura {

int ArchivePageCount(std::size_t total) {
  return total < 2 * kPageSize ? 0 : static_cast<int>(total / kPageSize) - 1;
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

// Pages as positions 1..archives+1, the first page last (the newest).
std::vector<PageLink> ListPage::Links(int window) const {
  const int newest = archives + 1;
  const int current = is_first() ? newest : archive;
  std::vector<PageLink> out;
  int last_shown = 0;
  for (int pos = newest; pos >= 1; --pos) {
    const bool show = pos == newest || pos == 1 || (pos >= current - window && pos <= current + window);
    if (!show) continue;
    if (last_shown && pos < last_shown - 1) out.push_back({true, 0, false});
    out.push_back({false, pos == newest ? 0 : pos, pos == current});
    last_shown = pos;
  }
  return out;
}

int ListPage::PagerKey(int window) const {
  // An archive page's pager reaches up to `window` pages newer, then a gap
  // before the first page: beyond that the list's length does not show.
  return is_first() ? archives : std::min(archives, archive + window + 1);
}

}  // namespace procura
