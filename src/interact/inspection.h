// Self-inspection against the national indicators for government sites
// (政府网站与政务新媒体检查指标, 2019): each indicator measured on the site's
// own data, with its rule, whether failing it vetoes the whole site or
// loses points, the offending items, and a warning before a threshold is
// crossed (a news column that will be stale in 3 days). `procura inspect`,
// the admin's inspection page and the server's daily run share it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/kept_result.h"
#include "core/status.h"
#include "storage/storage.h"
#include "tabular/table.h"

namespace procura::interact {

// Thresholds (days), from the indicators.
inline constexpr int kHomeStaleDays = 14, kNewsStaleDays = 14, kNoticeStaleDays = 183,
                     kLongUnupdatedDays = 365, kWarnAheadDays = 3, kUnansweredDays = 90;
inline constexpr int kStaleNewsColumnsVeto = 5, kLongUnupdatedColumnsVeto = 10,
                     kEmptyColumnsVeto = 5;
inline constexpr double kUnavailableShareVeto = 0.05;  // of a week's probes
inline constexpr int kSlowProbeMillis = 15000;

struct Offender {
  std::string title;
  std::string url;  // site path or admin path; "" if none
  std::string detail;
};

// States: "pass", "warn" (about to fail), "fail", "unmeasured".
struct Indicator {
  std::string key;
  const char* name = "";  // msgid
  const char* rule = "";  // msgid: the threshold, as the indicator states it
  bool veto = false;      // failing it fails the whole site (else: points lost)
  std::string state = "pass";
  const char* measured = "";  // msgid with placeholders
  MessageArgs measured_args;
  std::vector<Offender> items;
};

struct InspectionReport {
  UnixSeconds at = 0;
  std::vector<Indicator> indicators;
  int Count(std::string_view state) const;
  // "key=state;key=state" for the history.
  std::string Summary() const;
};

// The indicators read from every published article's text (internal links,
// the checks before publishing) as last computed, kept while nothing public
// and no word list has changed (safety::PublishedTextRevision). Without it
// each view of the report reads every article again: seconds on a site of
// 10,000.
using ArticleTextCache = KeptResult<std::vector<Indicator>>;

struct InspectOptions {
  int utc_offset_minutes = 480;
  // Where media files live; empty: attachments are not checked on disk.
  std::filesystem::path media_dir;
  // Checks an external link; null: external links are not checked.
  std::function<bool(const std::string&)> probe;
  // A probe this slow counts as failed (the indicator's 15 s; a stricter
  // figure shows trouble earlier).
  int slow_probe_millis = kSlowProbeMillis;
  // Reused while it holds for the site as it is; not with `probe` (the
  // external links are fetched each time). Null: always read.
  std::shared_ptr<ArticleTextCache> text_cache;
};

Result<InspectionReport> Inspect(Storage& storage, UnixSeconds now, const InspectOptions& options);

// Runs Inspect and keeps its summary in the history.
Result<InspectionReport> InspectAndRecord(Storage& storage, UnixSeconds now,
                                          const InspectOptions& options);

// The report as a sheet (XLSX): one row per indicator and one per
// offending item. `tr` translates a msgid with its arguments.
using Translate = std::function<std::string(std::string_view msgid, const MessageArgs& args)>;
tabular::Sheet InspectionSheet(const InspectionReport& report, int utc_offset_minutes,
                               const Translate& tr);

namespace detail {
// The indicators read from the articles' text, the attachments, the
// messages and the monitor (inspection_content.cc).
Status ContentIndicators(Storage& storage, const std::vector<ArticleRecord>& published,
                         UnixSeconds now, const InspectOptions& opt, std::vector<Indicator>& out);
}  // namespace detail

}  // namespace procura::interact
