// ExportFollower: keeps a static export in step with the change log, for
// `procura export --follow` and `procura serve --export-to OUT`.
//
// Start() brings the export up to date on the calling thread: a first
// export writes everything; a later one applies the changes logged since
// the position its state remembers (a full pass, which still writes only
// changed files, if the log no longer holds them). Then a thread polls the
// log every `poll` and applies each new batch, so a change reaches the
// files within about a second. A pass that fails (a full disk, a file in
// the way) is logged once and retried, less often while it keeps failing
// (at most every 5 s); its changes stay pending until one succeeds.
//
// After each pass that changed something or failed, and at least once a
// minute while it follows, it reports itself to the database
// (ExportReport, named by ExportReportName), for the newsroom's
// publishing page; Stop() reports that it no longer follows. A pass that
// lasts (a large site's full export) also reports its pages done every
// few seconds while it runs.
//
// With PushWith(), each pass that changed files is followed by the push
// command (rsync to the DMZ web server, say), on the same thread; a push
// that fails is retried like a failed pass, and the report says what the
// last good push carried, so that the newsroom tells what the public web
// server shows rather than what was written beside the CMS.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "content/content_service.h"
#include "publish/exporter.h"
#include "publish/push_command.h"
#include "storage/storage.h"

namespace procura::app {

// OUT must be a directory an export may fill: new, empty, or an earlier
// export; not inside the data directory.
Status CheckExportDir(const std::filesystem::path& out, const std::filesystem::path& data);

// The name an export's reports go under: "host:/absolute/path".
std::string ExportReportName(const std::filesystem::path& out);

class ExportFollower {
 public:
  // `drive_content`: call content.CatchUp() before each pass (the export
  // command owns its ContentService; under `serve`, the server's
  // ChangeFollower moves it).
  // `report_name`: see ExportReportName ("" reports nothing).
  ExportFollower(Storage& storage, ContentService& content, publish::Exporter& exporter,
                 bool drive_content, std::string report_name,
                 std::chrono::milliseconds poll = std::chrono::milliseconds(200));
  ~ExportFollower();
  ExportFollower(const ExportFollower&) = delete;
  ExportFollower& operator=(const ExportFollower&) = delete;

  // Pushes `dir` with `push` after each pass that changed it, and the first
  // pass in any case (the web server may hold less). Until that first push
  // succeeds, the report keeps what an earlier process of this export
  // pushed with the same command. Call before Start().
  void PushWith(publish::PushCommand push, std::filesystem::path dir);
  // Whether PushWith() gave a command.
  bool pushes() const { return !push_.command.empty(); }
  // The last push's outcome: Ok when none is configured or it succeeded.
  Status push_status() const;

  // The first pass (and, with `push`, its push; else the poll thread's
  // first round pushes, where Stop() can cut it short); `progress` is told
  // about a full export.
  Result<publish::ExportStats> Start(const publish::ExportProgress& progress = {},
                                     bool push = true);
  // One pass: applies what the snapshot holds beyond the export's position.
  Result<publish::ExportStats> Step();
  // Starts the poll thread; with `start_first`, the thread runs Start()
  // before polling (a server does not wait for a whole export to listen).
  void Run(bool start_first = false);
  // Stops the poll thread and waits for it. Idempotent.
  void Stop();

 private:
  Result<std::vector<ChangeRecord>> ChangesUpTo(std::int64_t seq);
  // The poll thread's loop (`started`: the first pass is done).
  void Follow(bool started);
  // Start() without its report.
  Result<publish::ExportStats> StartPass(const publish::ExportProgress& progress);
  // Reports a pass's outcome when it changed files or the state, or when
  // the last report is a minute old (`force`: always).
  void Report(const Result<publish::ExportStats>& pass, bool force = false);
  // Reports a pass under way: `done` of its `total` pages.
  void ReportProgress(std::size_t done, std::size_t total);
  // Runs the push after a good pass that changed files, or again after a
  // failed push; a pass that changed only the position moves it along.
  void MaybePush(const Result<publish::ExportStats>& pass);
  // Copies the push's state into `r`.
  void StampPush(ExportReport& r) const;
  // Writes `r` as the report, stamped now (a failure is logged once).
  void Put(ExportReport r);
  // `also`, and a report of the pass's progress every few seconds.
  publish::ExportProgress Watched(const publish::ExportProgress& also);

  Storage& storage_;
  ContentService& content_;
  publish::Exporter& exporter_;
  bool drive_content_;
  std::chrono::milliseconds poll_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<bool> stopping_{false};  // Stop() was called: a running push is stopped
  std::thread thread_;
  std::string report_name_;
  ExportReport report_;         // the last one written
  bool following_ = false;      // the poll thread runs
  bool report_failed_ = false;  // the last write failed (logged once)
  publish::PushCommand push_;   // command "" when the export is not pushed
  std::string push_key_;        // PushKey(push_.command), kept in the report
  std::filesystem::path push_dir_;
  // What changed since the last good push: URLs (see Exporter::
  // TakeChangedUrls), or everything (this process has not pushed yet, or
  // too much changed to list).
  std::vector<std::string> unpushed_;
  bool unpushed_all_ = true;
  std::int64_t pushed_seq_ = -1;
  UnixSeconds pushed_at_ = 0;
  std::string push_error_;      // the last push's (StoreMessage), "" after a good one
  UnixSeconds push_error_at_ = 0;
};

}  // namespace procura::app
