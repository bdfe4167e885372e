// Pagination arithmetic for list pages (20 items a page on the portal).
#pragma once

#include <cstddef>
#include <vector>

namespace procura {

inline constexpr std::size_t kPageSize = 20;

struct PageLink {
  int number = 0;  // 0 marks a gap ("…")
  bool current = false;
};

struct Pagination {
  int page = 1;            // 1-based, clamped to [1, pages]
  int pages = 1;           // at least 1, even for an empty list
  std::size_t offset = 0;  // index of the first item on this page
  std::size_t count = 0;   // items on this page
  bool has_prev() const { return page > 1; }
  bool has_next() const { return page < pages; }
  // Numbered links: first, last, and up to `window` either side of the
  // current page, with gaps marked by number 0.
  std::vector<PageLink> Links(int window = 2) const;
};

// Splits `total` items into pages of `per_page`. `requested` is the page
// asked for; ok is false if it is out of range (< 1 or > pages), in which
// case the caller answers 404 rather than showing a clamped page.
struct PaginateResult {
  bool ok = false;
  Pagination p;
};
PaginateResult Paginate(std::size_t total, int requested, std::size_t per_page = kPageSize);

}  // namespace procura
