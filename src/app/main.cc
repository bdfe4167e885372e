// procura: the command-line entry point. Each subcommand lives in its own
// cmd_*.cc file; this file only wires them up.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "app/cmd_export.h"
#include "app/cmd_export_status.h"
#include "app/cmd_migrate.h"
#include "app/cmd_reindex.h"
#include "app/cmd_rerender.h"
#include "app/cmd_stats.h"
#include "app/cmd_serve.h"
#include <sys/stat.h>

#include "app/cmd_article.h"
#include "app/cmd_backup.h"
#include "app/cmd_check.h"
#include "app/cmd_check_content.h"
#include "app/cmd_inspect.h"
#include "app/cmd_remind.h"
#include "app/cmd_user.h"
#include "app/exit_codes.h"

int main(int argc, char** argv) {
  // Personal data at rest: everything procura creates (the data dir's
  // database, media, materials, imports, keys) is readable by its owner only.
  ::umask(077);
  auto err = spdlog::stderr_logger_mt("procura");
  spdlog::set_default_logger(err);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  CLI::App app{"procura: publishing and party-building records for public institutions"};
  app.set_version_flag("--version", std::string("procura ") + PROCURA_VERSION);
  app.require_subcommand(1);
  int exit_code = procura::app::kExitOk;
  procura::app::AddServeCommand(app, &exit_code);
  procura::app::AddUserCommand(app, &exit_code);
  procura::app::AddReindexCommand(app, &exit_code);
  procura::app::AddRerenderCommand(app, &exit_code);
  procura::app::AddStatsCommand(app, &exit_code);
  procura::app::AddExportCommand(app, &exit_code);
  procura::app::AddExportStatusCommand(app, &exit_code);
  procura::app::AddBackupCommands(app, &exit_code);
  procura::app::AddCheckCommand(app, &exit_code);
  procura::app::AddCheckContentCommand(app, &exit_code);
  procura::app::AddInspectCommand(app, &exit_code);
  procura::app::AddRemindCommand(app, &exit_code);
  procura::app::AddArticleCommand(app, &exit_code);
  procura::app::AddMigrateCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return procura::app::kExitUsage;
  }
  return exit_code;
}
