// Exporter: the public site as static files that nginx serves under the
// same URLs (内外网分离: the CMS inside, the files pushed to the DMZ).
//
// Full() writes every target (export_targets.h), the assets under both
// their plain and fingerprinted names, and the media files the pages link
// to, each text file with .gz and .br beside it. Apply() follows the change
// log: it rebuilds only the targets a change can affect (the same
// dependency tags as the page cache, except that an article page follows
// only its own article, its translation and the neighbours it links to,
// not its whole column), writes only files whose
// bytes changed, and deletes the files of targets that no longer exist.
// It finds them through the page index (export_pages.h), so its work
// follows the change, not the size of the site; a change to the site's
// settings or its columns (which every page shows) runs Full().
// Every write is a temporary file and a rename, so nginx may serve while
// the export runs. Memory holds the snapshot and a few thousand targets at
// a time, never a list of the site's pages. The state (export_state.h) is
// saved after each run.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>

#include "publish/export_pages.h"
#include "publish/export_state.h"
#include "publish/export_targets.h"

namespace procura::publish {

struct ExportOptions {
  std::filesystem::path out;
  std::filesystem::path media_dir;  // the data dir's media/
  std::string base_url;             // "" → the site's public address
  unsigned threads = 0;             // 0 → one per core
  bool precompress = true;          // .gz beside text files (off: a CDN compresses)
  bool brotli = true;               // and .br (off: a site over plain HTTP, where
                                    // browsers never ask for brotli)
  // Brings a media file (a stored name) missing from media_dir into it,
  // when files are shared through the database (content/file_store.h).
  std::function<Status(const std::string& name)> fetch_media;
};

struct ExportStats {
  std::size_t targets = 0;    // URLs of the site now
  std::size_t built = 0;      // targets rendered
  std::size_t written = 0;    // targets whose file changed (variants not counted)
  std::size_t deleted = 0;    // targets gone, with their files
  std::size_t other_files = 0;  // assets and media copied
  std::size_t media_deleted = 0;  // media files no page links to any more
  std::int64_t seq = 0;       // change-log position the files reflect
  // Apply: the URLs it rebuilt, when at most kListRebuiltUpTo (Full: none).
  std::vector<std::string> rebuilt;
};
inline constexpr std::size_t kListRebuiltUpTo = 1000;
// TakeChangedUrls lists at most this many URLs; past it, "everything".
inline constexpr std::size_t kMaxChangedUrls = 100000;

// Told (done, total) as targets are built.
using ExportProgress = std::function<void(std::size_t done, std::size_t total)>;

class Exporter {
 public:
  Exporter(RenderInputs inputs, ExportOptions options);

  // Loads the state in `out` (Invalid if unreadable).
  Status Open();
  // The change-log position of the files (-1 before any export).
  std::int64_t seq() const { return state_.seq; }
  // The pages the export holds.
  std::int64_t pages() const { return state_.pages; }

  // Everything, from `snap`. Files already holding the right bytes are not
  // rewritten; files of the previous export's targets that are gone are
  // deleted.
  Result<ExportStats> Full(std::shared_ptr<const SiteSnapshot> snap,
                           const ExportProgress& progress = {});

  // `changes` (ascending, all after seq()) applied, with `after` the
  // snapshot that includes them. Works across restarts: what a page was
  // built from (its neighbours included) is in the state, not in memory.
  // A change to what every page shows (the site's settings, its columns)
  // makes this a full pass, which tells `progress` as Full() does.
  Result<ExportStats> Apply(std::span<const ChangeRecord> changes,
                            std::shared_ptr<const SiteSnapshot> after,
                            const ExportProgress& progress = {});

  // The URLs whose files (a page with its .gz and .br, an asset, a media
  // file) the passes since the last call wrote or deleted, and forgets
  // them; nullopt when more than kMaxChangedUrls changed (a first export):
  // copy everything. For a push of only what changed; kept only after
  // KeepChangedUrls() (call it before the first pass).
  std::optional<std::vector<std::string>> TakeChangedUrls();
  void KeepChangedUrls() { keep_changed_ = true; }

 private:
  // Notes that `url`'s files were written or deleted. Any thread.
  void NoteChanged(const std::string& url);
  // A target to build, with what the index held for it (nullopt: new).
  struct Job {
    Target target;
    std::optional<PageRow> old;
  };
  struct Progress;
  struct Outcome;
  // Targets built per batch of a full run: enough to keep both cores busy,
  // few enough that memory holds no list of the site.
  static constexpr std::size_t kBatch = 2048;

  std::shared_ptr<const SiteSnapshot> WithBase(std::shared_ptr<const SiteSnapshot> snap) const;
  Result<ExportStats> FullFrom(const SiteSnapshot& snap, const ExportProgress& progress);
  // The targets `changes` can affect, from the index and the snapshot.
  Result<std::vector<Job>> AffectedBy(std::span<const ChangeRecord> changes,
                                      const SiteSnapshot& after);
  // Builds and writes `jobs` on the worker threads; this thread runs
  // `meanwhile` first, then joins them.
  std::vector<Outcome> BuildAll(const std::vector<Job>& jobs, const SiteSnapshot& snap,
                                ExportStats& stats, Progress& progress,
                                const std::function<void()>& meanwhile);
  // Looks up what the index holds for each job.
  Status FindOld(std::vector<Job>& jobs);
  // Records built jobs in the index (stamped with run_), in one
  // transaction with the media copied meanwhile.
  Status Record(const std::vector<Job>& jobs, std::vector<Outcome>& outcomes, ExportStats& stats);
  Outcome BuildOne(const Job& job, const SiteSnapshot& snap, ExportStats& stats);
  // Deletes the pages the last full run did not stamp, with their files.
  Status DeleteUnstamped(ExportStats& stats);
  Status WriteAssets(ExportStats& stats);
  // Copies the media files of `links` not yet in the export.
  Status CopyMedia(const std::set<std::string>& links, ExportStats& stats);
  // Deletes the exported media files no page links to any more (a
  // withdrawn article's photos are not left public), of those unlinked
  // since the last call. Runs when no worker does.
  Status DeleteUnusedMedia(ExportStats& stats);
  Status Finish(const SiteSnapshot& snap, ExportStats& stats);

  std::mutex media_mu_;  // media_, new_media_
  std::mutex changed_mu_;  // changed_, changed_overflow_
  std::vector<std::string> changed_;
  bool changed_overflow_ = false;
  bool keep_changed_ = false;
  RenderInputs in_;
  ExportOptions opt_;
  ExportState state_;
  std::unique_ptr<PageIndex> pages_;
  std::int64_t run_ = 0;                // the last full run's number (PageIndex::NextRun)
  std::set<std::string> media_;         // /media/ URLs copied
  std::vector<std::string> new_media_;  // of which not yet in the index
  std::vector<std::string> unlinked_media_;  // media pages stopped linking to, to check
};

}  // namespace procura::publish
