// Whether a static export (the public site's files on the DMZ web server)
// shows what the site holds now, read from the report the export keeps in
// the database (ExportReport) and the change log's newest number. Pure:
// the newsroom's publishing page, its dashboard and an article's page say
// what this says.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/clock.h"
#include "storage/change_log_repository.h"

namespace procura {

enum class ExportHealth {
  kUpToDate,      // its files hold every change
  kCatchingUp,    // a pass is under way, or it follows the log and will apply what waits
  kNotFollowing,  // a one-off export, or a follower that stopped cleanly; changes wait
  kSilent,        // it follows or has a pass under way, but has not reported for
                  // kExportSilentAfter
  kFailing,       // its last pass failed
  kPushFailing,   // its files are written, but the last push to the web server failed
};

// A follower reports at least once a minute, and a long pass every few
// seconds; three missed minutes mean its process has died (killed, the
// machine down) without saying so.
inline constexpr UnixSeconds kExportSilentAfter = 3 * 60;

struct ExportCheck {
  ExportHealth health = ExportHealth::kUpToDate;
  std::int64_t changes_waiting = 0;  // changes newer than its files
  UnixSeconds silent_for = 0;        // since its last report
  std::int64_t latest = 0;           // the change log's newest number, as checked against
};

// The change number the public web server's files reflect: what the last
// good push carried for an export that pushes, else what the files hold.
inline std::int64_t PublicSeq(const ExportReport& r) { return r.pushes ? r.pushed_seq : r.seq; }

// `latest`: the change log's newest number (ChangeLogRepository::Latest).
ExportCheck CheckExport(const ExportReport& report, std::int64_t latest, UnixSeconds now);

// Failing (writing or pushing) or silent: the public files may stay old until someone acts.
bool NeedsAttention(const ExportCheck& check);

// Whether the export holds change `seq` (an article's newest change).
// (pushed to the web server, for an export that pushes).
inline bool ExportHolds(const ExportReport& report, std::int64_t seq) { return PublicSeq(report) >= seq; }

// What the static exports hold of one entity's newest change `seq`
// (nullopt: swept from the log, so old: held by any export that holds
// anything). The worst of all exports.
enum class StaticCopy {
  kNoExport,  // no export has reported: the site is served dynamically
  kCurrent,   // every export holds it
  kWaiting,   // an export does not hold it yet
  kTrouble,   // an export that does not hold it is failing or silent
};
StaticCopy StaticCopyOf(std::span<const ExportReport> reports, std::int64_t latest,
                        std::optional<std::int64_t> seq, UnixSeconds now);

}  // namespace procura
