// Column list paging (20 articles to a page on the portal).
//
// A column's list is paged from its oldest article, so that a page, once
// full, keeps its articles for good: archive page k (/page/k/) holds the
// k-th twenty articles counted from the oldest. The column's own URL, the
// first page, holds the newest articles no archive page holds: 20 to 39 of
// them (all of them while the column has fewer than 40). A new article
// changes the first page and, once every 20 articles, adds an archive page
// and changes the pager of the few newest; no other page moves. So a static
// export rewrites a handful of files on a publish, not all 10,000 list
// pages of a 200,000-article column, and an archive URL keeps meaning the
// same articles for readers, search engines and caches.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace procura {

inline constexpr std::size_t kPageSize = 20;

// One link of a pager, newest first.
struct PageLink {
  bool gap = false;   // "…": pages left out
  int archive = 0;    // the page: 0 is the first page, else an archive page
  bool current = false;
};

struct ListPage {
  int archive = 0;         // 0: the first page; 1..archives: an archive page
  int archives = 0;        // archive pages the list has
  std::size_t offset = 0;  // the page's first item in the newest-first list
  std::size_t count = 0;   // items on the page
  bool is_first() const { return archive == 0; }
  // The page of the next newer items (0 is the first page), or nullopt on
  // the first page; the next older one, or nullopt on the oldest.
  std::optional<int> Newer() const;
  std::optional<int> Older() const;
  // The pager, newest first: the first page, the oldest archive page, and
  // up to `window` pages either side of this one, with gaps.
  std::vector<PageLink> Links(int window = 2) const;
  // What of this page's pager depends on the list's length: two builds of
  // an archive page with equal keys have equal pagers. (The first page
  // shows the list's length itself.)
  int PagerKey(int window = 2) const;
};

// How many archive pages a list of `total` items has.
int ArchivePageCount(std::size_t total);
// The page (0: the first page) that shows the item `ordinal` places from
// the oldest (0 is the oldest) in a list of `total` items.
int PageOfOrdinal(std::size_t ordinal, std::size_t total);
// Page `archive` (0: the first page) of a list of `total` items, or
// nullopt if the list has no such page. An empty list has a first page.
std::optional<ListPage> PageOfList(std::size_t total, int archive);

}  // namespace procura
