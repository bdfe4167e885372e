#include "app/export_follower.h"

#include <unistd.h>

#include <cstdlib>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/fault.h"
#include "core/stored_message.h"

namespace procura::app {
namespace fs = std::filesystem;
namespace {
constexpr int kBatch = 5000;
// The list of paths a push carries (PROCURA_EXPORT_CHANGED), beside the
// state files, so that '.procura-export*' excludes it from the push.
constexpr const char* kPushListFile = ".procura-export-push";
// A following export reports at least this often, so that a silence
// longer than a few of these means it has stopped.
constexpr UnixSeconds kReportEvery = 60;
// A failing pass is retried less and less often, down to this.
constexpr std::chrono::milliseconds kMaxRetryWait{5000};
// A pass reports how far it has come this often (a shorter pass, never).
constexpr std::chrono::seconds kProgressEvery{5};

// PROCURA_FAULT=slow-export makes every exported page take 100 ms more, so
// that the integration test sees a pass under way report its progress.
void MaybeSlowForTest() {
  static const bool armed = FaultArmed("slow-export");
  if (armed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
}
}  // namespace

std::string ExportReportName(const fs::path& out) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::error_code ec;
  const fs::path abs = fs::weakly_canonical(fs::absolute(out, ec), ec);
  return std::string(host[0] ? host : "localhost") + ":" + (abs.empty() ? out : abs).string();
}

Status CheckExportDir(const fs::path& out, const fs::path& data) {
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_directory(out, ec))
    return Status::Invalid(out.string() + " is not a directory.");
  const fs::path abs_out = fs::weakly_canonical(out, ec), abs_data = fs::weakly_canonical(data, ec);
  if (abs_out == abs_data || abs_out.string().starts_with(abs_data.string() + "/"))
    return Status::Invalid("the export cannot go inside the data directory.");
  PROCURA_RETURN_IF_ERROR(publish::CreatePublicDirs(out));
  if (!fs::exists(out / publish::kStateFile) && !fs::exists(out / publish::kPagesFile) &&
      !fs::is_empty(out, ec))
    return Status::Invalid(out.string() + " is not empty and holds no procura export; "
                           "choose an empty directory.");
  if (access(out.c_str(), W_OK) != 0) return Status::Io(out.string() + " is not writable.");
  // A directory made elsewhere (mkdir under a 077 umask, mktemp -d) that
  // only its owner can enter: nginx's workers would answer 403 to all.
  if ((fs::status(out, ec).permissions() & fs::perms::others_exec) == fs::perms::none)
    spdlog::warn("{} can be entered only by its owner: a web server running as another user "
                 "will answer 403 Forbidden. Run chmod 755 on it if it is to be served.",
                 out.string());
  return Status::Ok();
}


ExportFollower::ExportFollower(Storage& storage, ContentService& content,
                               publish::Exporter& exporter, bool drive_content,
                               std::string report_name, std::chrono::milliseconds poll)
    : storage_(storage), content_(content), exporter_(exporter), drive_content_(drive_content),
      poll_(poll), report_name_(std::move(report_name)) {}

ExportFollower::~ExportFollower() { Stop(); }

Result<std::vector<ChangeRecord>> ExportFollower::ChangesUpTo(std::int64_t seq) {
  std::vector<ChangeRecord> out;
  for (std::int64_t from = exporter_.seq(); from < seq;) {
    auto batch = storage_.changes().Since(from, kBatch);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    for (auto& c : *batch)
      if (c.seq <= seq) out.push_back(std::move(c));
    from = batch->back().seq;
  }
  return out;
}

void ExportFollower::Report(const Result<publish::ExportStats>& pass, bool force) {
  if (report_name_.empty()) return;
  const UnixSeconds now = NowUnix();
  ExportReport r = report_;
  if (r.name.empty()) r = {.name = report_name_, .started_at = now};
  r.seq = exporter_.seq();
  r.pages = exporter_.pages();
  r.following = following_;
  if (pass.ok() && (pass->written > 0 || pass->deleted > 0 || r.wrote_at == 0)) {
    r.wrote_at = now;
    r.written = static_cast<std::int64_t>(pass->written);
    r.deleted = static_cast<std::int64_t>(pass->deleted);
  }
  if (pass.ok()) {
    r.error.clear();
  } else if (std::string error = StoreMessage(pass.status(), kMaxExportReportError); r.error != error) {
    r.error = std::move(error);
    r.error_at = now;
  }
  r.pass_done = r.pass_total = 0;  // the pass has ended
  StampPush(r);
  const bool changed = r.seq != report_.seq || r.pages != report_.pages ||
                       r.pushed_seq != report_.pushed_seq || r.push_error != report_.push_error ||
                       r.following != report_.following || r.wrote_at != report_.wrote_at ||
                       r.error != report_.error || r.pass_total != report_.pass_total;
  if (!force && !changed && !report_.name.empty() && now - report_.checked_at < kReportEvery) return;
  Put(std::move(r));
}

void ExportFollower::ReportProgress(std::size_t done, std::size_t total) {
  if (report_name_.empty()) return;
  ExportReport r = report_;
  if (r.name.empty()) r = {.name = report_name_, .seq = exporter_.seq(), .started_at = NowUnix()};
  r.following = following_;
  r.pass_done = static_cast<std::int64_t>(done);
  r.pass_total = static_cast<std::int64_t>(total);
  StampPush(r);
  Put(std::move(r));
}

void ExportFollower::PushWith(publish::PushCommand push, fs::path dir) {
  exporter_.KeepChangedUrls();
  push_ = std::move(push);
  push_key_ = publish::PushKey(push_.command);
  push_dir_ = std::move(dir);
  // What an earlier process pushed is still on the web server: say so until
  // this one's first push (which copies everything) lands, rather than
  // calling every article unpushed for the minutes a large site's takes.
  auto reports = storage_.changes().ExportReports();
  if (!reports.ok() || report_name_.empty()) return;
  for (const ExportReport& r : *reports) {
    if (r.name != report_name_ || !r.pushes || r.push_key != push_key_) continue;
    pushed_seq_ = r.pushed_seq;
    pushed_at_ = r.pushed_at;
  }
}

Status ExportFollower::push_status() const {
  return LoadMessage(push_error_);
}

void ExportFollower::StampPush(ExportReport& r) const {
  r.pushes = !push_.command.empty();
  r.pushed_seq = r.pushes ? pushed_seq_ : -1;
  r.pushed_at = pushed_at_;
  r.push_error = push_error_;
  r.push_error_at = push_error_at_;
  r.push_key = r.pushes ? push_key_ : "";
}

void ExportFollower::MaybePush(const Result<publish::ExportStats>& pass) {
  if (push_.command.empty() || !pass.ok()) return;
  if (auto changed = exporter_.TakeChangedUrls(); !changed) {
    unpushed_all_ = true;
  } else if (!unpushed_all_) {
    unpushed_.insert(unpushed_.end(), changed->begin(), changed->end());
    if (unpushed_.size() > publish::kMaxChangedUrls) unpushed_all_ = true;
  }
  if (unpushed_all_) unpushed_.clear();
  const std::int64_t seq = exporter_.seq();
  if (!unpushed_all_ && unpushed_.empty() && push_error_.empty()) {
    pushed_seq_ = std::max(pushed_seq_, seq);  // the web server already has these bytes
    return;
  }
  fs::path list;  // empty: copy everything
  if (!unpushed_all_) {
    list = push_dir_ / kPushListFile;
    if (Status s = publish::WriteChangedList(list, unpushed_, push_dir_); !s.ok()) list.clear();
  }
  const auto t0 = std::chrono::steady_clock::now();
  const Status s = publish::RunPush(push_, push_dir_, seq, list, &stopping_);
  if (!s.ok() && stopping_) return;  // cut short by Stop(): not a failure of the push
  const UnixSeconds now = NowUnix();
  if (s.ok()) {
    if (!push_error_.empty()) spdlog::info("export: the push works again (change {})", seq);
    spdlog::debug("export: pushed change {} ({}) in {:.0f} ms", seq,
                  list.empty() ? "everything" : fmt::format("{} URLs", unpushed_.size()),
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    pushed_seq_ = seq;
    pushed_at_ = now;
    unpushed_.clear();
    unpushed_all_ = false;
    push_error_.clear();
    return;
  }
  std::string error = StoreMessage(s, kMaxExportReportError);
  if (error != push_error_) {
    spdlog::error("export: {} (retrying, less often while it fails)", s.message());
    push_error_at_ = now;
  }
  push_error_ = std::move(error);
}

void ExportFollower::Put(ExportReport r) {
  r.checked_at = NowUnix();
  if (Status s = storage_.changes().PutExportReport(r); !s.ok()) {
    if (!report_failed_) spdlog::warn("export: could not report to the database: {}", s.message());
    report_failed_ = true;
    return;
  }
  report_failed_ = false;
  report_ = std::move(r);
}

publish::ExportProgress ExportFollower::Watched(const publish::ExportProgress& also) {
  auto last = std::chrono::steady_clock::now();
  return [this, also, last](std::size_t done, std::size_t total) mutable {
    if (also) also(done, total);
    MaybeSlowForTest();
    const auto now = std::chrono::steady_clock::now();
    if (now - last < kProgressEvery || done >= total) return;
    last = now;
    ReportProgress(done, total);
  };
}

Result<publish::ExportStats> ExportFollower::Start(const publish::ExportProgress& progress,
                                                   bool push) {
  auto r = StartPass(progress);
  if (push) MaybePush(r);
  Report(r, /*force=*/true);
  return r;
}

Result<publish::ExportStats> ExportFollower::StartPass(const publish::ExportProgress& progress) {
  if (drive_content_) {
    if (auto r = content_.CatchUp(); !r.ok()) return r.status();
  }
  auto snap = content_.Snapshot();
  if (exporter_.seq() >= 0 && exporter_.seq() <= snap->seq()) {
    // Resume, if the log still holds every change since the export's position.
    auto first = storage_.changes().Since(exporter_.seq(), 1);
    if (!first.ok()) return first.status();
    if (first->empty() || (*first)[0].seq == exporter_.seq() + 1) {
      auto changes = ChangesUpTo(snap->seq());
      if (!changes.ok()) return changes.status();
      return exporter_.Apply(*changes, snap, Watched(progress));
    }
    spdlog::info("export: the change log no longer reaches back to {}; checking every file",
                 exporter_.seq());
  }
  return exporter_.Full(snap, Watched(progress));
}

Result<publish::ExportStats> ExportFollower::Step() {
  if (drive_content_) {
    if (auto r = content_.CatchUp(); !r.ok()) return r.status();
  }
  auto snap = content_.Snapshot();
  if (snap->seq() <= exporter_.seq()) return publish::ExportStats{.seq = exporter_.seq()};
  auto changes = ChangesUpTo(snap->seq());
  if (!changes.ok()) return changes.status();
  return exporter_.Apply(*changes, snap, Watched({}));
}

void ExportFollower::Run(bool start_first) {
  if (thread_.joinable()) return;
  thread_ = std::thread([this, start_first] { Follow(/*started=*/!start_first); });
}

void ExportFollower::Follow(bool started) {
  int failures = 0;
  std::string last_error;  // logged once, however often the pass is retried
  std::unique_lock lock(mu_);
  while (!stop_) {
    following_ = true;
    lock.unlock();
    const auto t0 = std::chrono::steady_clock::now();
    auto r = started ? Step() : StartPass({});
    MaybePush(r);
    Report(r);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!r.ok()) {
      if (r.status().message() != last_error)
        spdlog::error("export: {} (retrying, less often while it fails)", r.status().message());
      last_error = r.status().message();
    } else {
      if (!last_error.empty()) spdlog::info("export: working again");
      last_error.clear();
      if (!started)
        spdlog::info("export: {} pages, {} written, {} deleted (change {})", r->targets, r->written,
                     r->deleted, r->seq);
      else if (r->built > 0)
        spdlog::info("export: {} built, {} written, {} deleted, {} unused media files deleted "
                     "(change {}) in {:.1f} ms",
                     r->built, r->written, r->deleted, r->media_deleted, r->seq, ms);
      started = true;
    }
    failures = r.ok() && push_error_.empty() ? 0 : std::min(failures + 1, 5);
    const auto wait = std::min<std::chrono::milliseconds>(poll_ * (1 << failures), kMaxRetryWait);
    lock.lock();
    cv_.wait_for(lock, wait, [this] { return stop_; });
  }
}

void ExportFollower::Stop() {
  stopping_ = true;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (!thread_.joinable()) return;
  thread_.join();
  following_ = false;
  Report(publish::ExportStats{.seq = exporter_.seq()}, /*force=*/true);
}

}  // namespace procura::app
