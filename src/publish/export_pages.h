// The export's per-page memory, on disk: for every page it wrote, the
// target it was built for, the hash of the bytes and the dependency tags
// they came from, and an index from each tag to the pages carrying it. A
// site of a million articles has a million pages; kept in SQLite beside the
// export (OUT/.procura-export.db), they cost the export no memory that
// grows with the site, and an incremental run finds the pages a change
// reaches by the index instead of checking every page.
//
// One connection, used by one thread at a time (the exporter's).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "publish/export_targets.h"

namespace procura::sqlite { class Database; }

namespace procura::publish {

inline constexpr const char* kPagesFile = ".procura-export.db";

struct PageRow {
  Target target;
  std::uint64_t hash = 0;  // ContentHash64 of the bytes written
  std::string deps;        // the dependency tags, comma-separated
  // True if any of the tags is one of `tags`.
  bool DependsOnAny(const std::set<std::string, std::less<>>& tags) const;
};

// Calls `fn` with each tag of a comma-separated list.
template <typename Fn>
void ForEachTag(std::string_view deps, Fn fn) {
  for (std::size_t at = 0; at < deps.size();) {
    std::size_t comma = deps.find(',', at);
    if (comma == std::string_view::npos) comma = deps.size();
    if (comma > at) fn(deps.substr(at, comma - at));
    at = comma + 1;
  }
}

// Whether a tag is indexed: every tag but "site" and "columns", which every
// page carries (a change with them rebuilds the whole site anyway), and a
// list page's "pager:" tag, which is compared, never looked up.
bool IsIndexedTag(std::string_view tag);

class PageIndex {
 public:
  // Opens or creates OUT/.procura-export.db. `created` tells whether every
  // page must be checked again: the index was missing, empty, or of an
  // earlier version. A file that is not such a database is Invalid.
  static Result<std::unique_ptr<PageIndex>> Open(const std::filesystem::path& out, bool* created);
  ~PageIndex();

  Result<std::optional<PageRow>> Find(std::string_view url);
  // Calls `fn` with every page carrying `tag` (an indexed tag).
  Status ForEachTagged(std::string_view tag, const std::function<void(PageRow&&)>& fn);
  // Up to `limit` URLs of pages not stamped with `run`.
  Result<std::vector<std::string>> Unstamped(std::int64_t run, std::size_t limit);
  // Records what was written for `row.target.url`, stamped with `run`;
  // `old_deps` (nullptr for a new page) is what the index holds for it.
  Status Put(const PageRow& row, const std::string* old_deps, std::int64_t run);
  // Forgets a page; the media only it linked to are added to `unlinked`.
  Status Erase(std::string_view url, std::vector<std::string>* unlinked);
  // Records the /media/ URLs page `url` links to; those it linked to
  // before and no longer does are added to `unlinked`.
  Status LinkMedia(std::string_view url, const std::set<std::string>& media,
                   std::vector<std::string>* unlinked);
  // Whether any page links to /media/ URL `media`.
  Result<bool> MediaInUse(std::string_view media);
  // Makes every page's recorded bytes unknown, so the next run rewrites it.
  Status ForgetHashes();
  Result<std::size_t> Count();

  // The /media/ URLs copied into the export.
  Result<std::set<std::string>> Media();
  Status AddMedia(std::string_view url);
  Status RemoveMedia(std::string_view url);

  // Full runs are numbered: a page not stamped by the last one is gone.
  // The number of the run starting now (committed at once, so a run
  // interrupted midway is never mistaken for the next).
  Result<std::int64_t> NextRun();
  // The number of the last run started (0: none).
  Result<std::int64_t> LastRun();

  // Writes between Begin and Commit are one transaction.
  Status Begin();
  Status Commit();

 private:
  explicit PageIndex(std::unique_ptr<sqlite::Database> db);
  // Moves page `url` in the tag index from the tags of `old_deps` to
  // those of `deps`.
  Status Retag(std::string_view url, std::string_view old_deps, std::string_view deps);
  std::unique_ptr<sqlite::Database> db_;
};

}  // namespace procura::publish
