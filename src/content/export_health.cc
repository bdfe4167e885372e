#include "content/export_health.h"

#include <algorithm>

namespace procura {

ExportCheck CheckExport(const ExportReport& r, std::int64_t latest, UnixSeconds now) {
  ExportCheck c;
  c.latest = latest;
  const std::int64_t public_seq = PublicSeq(r);
  c.changes_waiting = std::max<std::int64_t>(0, latest - std::max<std::int64_t>(public_seq, 0));
  c.silent_for = std::max<UnixSeconds>(0, now - r.checked_at);
  const bool passing = r.pass_total > 0;  // reports every few seconds while it lasts
  if (!r.error.empty())
    c.health = ExportHealth::kFailing;
  else if (r.pushes && !r.push_error.empty())
    c.health = ExportHealth::kPushFailing;
  else if ((r.following || passing) && c.silent_for >= kExportSilentAfter)
    c.health = ExportHealth::kSilent;
  else if (passing)
    c.health = ExportHealth::kCatchingUp;
  else if (c.changes_waiting == 0 && public_seq >= 0)
    c.health = ExportHealth::kUpToDate;
  else
    c.health = r.following ? ExportHealth::kCatchingUp : ExportHealth::kNotFollowing;
  return c;
}

bool NeedsAttention(const ExportCheck& check) {
  return check.health == ExportHealth::kFailing || check.health == ExportHealth::kPushFailing ||
         check.health == ExportHealth::kSilent;
}

StaticCopy StaticCopyOf(std::span<const ExportReport> reports, std::int64_t latest,
                        std::optional<std::int64_t> seq, UnixSeconds now) {
  if (reports.empty()) return StaticCopy::kNoExport;
  StaticCopy worst = StaticCopy::kCurrent;
  for (const auto& r : reports) {
    if (ExportHolds(r, seq.value_or(0))) continue;
    if (NeedsAttention(CheckExport(r, latest, now))) return StaticCopy::kTrouble;
    worst = StaticCopy::kWaiting;
  }
  return worst;
}

}  // namespace procura
