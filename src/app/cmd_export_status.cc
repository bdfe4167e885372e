#include "app/cmd_export_status.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/paths.h"
#include "content/export_health.h"
#include "core/clock.h"
#include "core/stored_message.h"
#include "storage/storage.h"

namespace procura::app {
namespace {

const char* HealthWord(ExportHealth h) {
  switch (h) {
    case ExportHealth::kUpToDate: return "up to date";
    case ExportHealth::kCatchingUp: return "updating";
    case ExportHealth::kNotFollowing: return "changes waiting";
    case ExportHealth::kSilent: return "NOT RESPONDING";
    case ExportHealth::kPushFailing: return "PUSH FAILING";
    default: return "FAILING";
  }
}

// One export as one line: name, state, position, pages, last report.
std::string Describe(const ExportReport& r, const ExportCheck& c, UnixSeconds now) {
  std::string line = fmt::format("{}: {}", r.name, HealthWord(c.health));
  if (r.pass_total > 0)
    line += fmt::format(", pass under way: {} of {} pages ({}%)", r.pass_done, r.pass_total,
                        r.pass_done * 100 / r.pass_total);
  if (c.changes_waiting > 0)
    line += fmt::format(", {} changes not {}", c.changes_waiting, r.pushes ? "on the web server" : "exported");
  line += fmt::format("; change {}, {} pages, {}", r.seq, r.pages, r.following ? "follows changes" : "runs once");
  if (r.pushes)
    line += r.pushed_seq < 0 ? std::string(", not pushed yet")
                             : fmt::format(", pushed change {} {} s ago", r.pushed_seq, now - r.pushed_at);
  line += fmt::format("; last report {} s ago", now - r.checked_at);
  if (!r.error.empty()) line += fmt::format("\n  error since {} UTC: {}", FormatLocalTime(r.error_at, 0, true), LoadMessage(r.error).message());
  if (r.pushes && !r.push_error.empty())
    line += fmt::format("\n  push failing since {} UTC: {}", FormatLocalTime(r.push_error_at, 0, true), LoadMessage(r.push_error).message());
  return line;
}

int Run(const std::string& data_dir, const std::string& database) {
  if (Status s = CheckDataDir(data_dir); !s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return kExitDataDir;
  }
  auto storage = OpenExistingDatabase(database, data_dir);
  if (!storage.ok()) {
    std::cerr << "procura: " << storage.status().message() << "\n";
    return ExitCodeForDatabase(storage.status());
  }
  auto& log = (*storage)->changes();
  auto reports = log.ExportReports();
  auto latest = log.Latest();
  if (!reports.ok() || !latest.ok()) {
    std::cerr << "procura: " << (!reports.ok() ? reports.status() : latest.status()).message() << "\n";
    return kExitFailure;
  }
  if (reports->empty()) {
    std::cout << "no static export has reported (the site is served by procura itself)\n";
    return kExitOk;
  }
  const UnixSeconds now = NowUnix();
  int troubled = 0;
  for (const auto& r : *reports) {
    const ExportCheck c = CheckExport(r, *latest, now);
    troubled += NeedsAttention(c) ? 1 : 0;
    std::cout << Describe(r, c, now) << "\n";
  }
  return troubled > 0 ? kExitExportTrouble : kExitOk;
}

}  // namespace

void AddExportStatusCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "export-status",
      "Whether each static export is up to date (exit 12 if one is failing, not pushed or silent)");
  cmd->add_option("--data", *data, "Data directory")->required();
  AddDatabaseOption(cmd, database.get());
  cmd->callback([data, database, exit_code] { *exit_code = Run(*data, *database); });
}

}  // namespace procura::app
