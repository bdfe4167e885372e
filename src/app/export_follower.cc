#include "app/export_follower.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

namespace procura::app {
namespace fs = std::filesystem;
namespace {
constexpr int kBatch = 5000;
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
                               std::chrono::milliseconds poll)
    : storage_(storage), content_(content), exporter_(exporter), drive_content_(drive_content),
      poll_(poll) {}

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

Result<publish::ExportStats> ExportFollower::Start(const publish::ExportProgress& progress) {
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
      return exporter_.Apply(*changes, snap);
    }
    spdlog::info("export: the change log no longer reaches back to {}; checking every file",
                 exporter_.seq());
  }
  return exporter_.Full(snap, progress);
}

Result<publish::ExportStats> ExportFollower::Step() {
  if (drive_content_) {
    if (auto r = content_.CatchUp(); !r.ok()) return r.status();
  }
  auto snap = content_.Snapshot();
  if (snap->seq() <= exporter_.seq()) return publish::ExportStats{.seq = exporter_.seq()};
  auto changes = ChangesUpTo(snap->seq());
  if (!changes.ok()) return changes.status();
  return exporter_.Apply(*changes, snap);
}

void ExportFollower::Run(bool start_first) {
  if (thread_.joinable()) return;
  thread_ = std::thread([this, start_first] {
    if (start_first) {
      auto r = Start();
      if (!r.ok())
        spdlog::error("export: {}", r.status().message());
      else
        spdlog::info("export: {} pages, {} written, {} deleted (change {})", r->targets, r->written,
                     r->deleted, r->seq);
    }
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      const auto t0 = std::chrono::steady_clock::now();
      auto r = Step();
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (!r.ok())
        spdlog::error("export: {}", r.status().message());
      else if (r->built > 0)
        spdlog::info("export: {} built, {} written, {} deleted, {} unused media files deleted "
                     "(change {}) in {:.1f} ms",
                     r->built, r->written, r->deleted, r->media_deleted, r->seq, ms);
      lock.lock();
      cv_.wait_for(lock, poll_, [this] { return stop_; });
    }
  });
}

void ExportFollower::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace procura::app
