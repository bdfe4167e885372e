// LeaderJobs: reminders, the daily self-inspection, housekeeping.
#include "app/serve_jobs.h"

#include <spdlog/spdlog.h>

#include "app/housekeeping.h"
#include "auth/accounts.h"
#include "core/clock.h"
#include "interact/inspection.h"

namespace procura::app {

void LeaderJobs::Tick() {
  SendReminders(NowUnix());
  InspectDaily();
  SweepExpired();
}

void LeaderJobs::SendReminders(UnixSeconds now) {
  const int offset = d_.utc_offset_minutes;
  const std::string today = interact::LocalDay(now, offset);
  const bool morning = interact::LocalDay(now - 8 * 3600, offset) == today;
  if (d_.smtp.url.empty() || !morning || reminded_day_ == today) return;
  auto ran = branchlife::RemindersRanOn(d_.storage, today, offset);
  auto cal = d_.mailbox.Calendar();
  if (ran.ok() && *ran) reminded_day_ = today;
  if (!ran.ok() || *ran || !cal.ok()) return;
  auto run = branchlife::RunReminders(d_.storage, *cal, today, offset, d_.wording, d_.smtp, false);
  if (!run.ok())
    spdlog::error("reminders: {}", run.status().message());
  else
    spdlog::info("reminders: {} sent, {} failed", run->sent, run->failed);
  reminded_day_ = today;  // a failed run is not retried every tick; `procura remind` can
}

void LeaderJobs::InspectDaily() {
  auto runs = d_.storage.inspection().ListRuns(1);
  if (!runs.ok() || (!runs->empty() && NowUnix() - runs->front().at < 86400)) return;
  interact::InspectOptions opt;
  opt.utc_offset_minutes = d_.utc_offset_minutes;
  if (!d_.storage.SharesFiles()) opt.media_dir = d_.data_dir / "media";
  auto report = interact::InspectAndRecord(d_.storage, NowUnix(), opt);
  if (!report.ok())
    spdlog::error("inspection: {}", report.status().message());
  else if (report->Count("fail") > 0)
    spdlog::warn("inspection: {} indicators fail ({})", report->Count("fail"), report->Summary());
}

void LeaderJobs::SweepExpired() {
  // The index reports 0 until it is open, and then nothing is swept.
  auto n = app::SweepExpired(d_.storage, auth::SessionPolicy{}, d_.search.AppliedSeq(),
                             d_.data_dir / "imports", NowUnix());
  if (!n.ok()) {
    spdlog::error("housekeeping: {}", n.status().message());
    return;
  }
  if (n->sessions + n->throttle_rows + n->mfa_tickets + n->changes + n->import_previews > 0)
    spdlog::info(
        "housekeeping: removed {} expired sessions, {} throttle rows, {} sign-in tickets, {} "
        "applied change-log rows, {} import previews",
        n->sessions, n->throttle_rows, n->mfa_tickets, n->changes, n->import_previews);
}

}  // namespace procura::app
