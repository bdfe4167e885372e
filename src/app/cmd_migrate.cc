#include "app/cmd_migrate.h"

#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/paths.h"
#include "storage/storage.h"

namespace procura::app {
namespace {

struct MigrateOptions {
  std::string database;
  std::string data_dir;
};

int MigratePostgresCommand(const std::string& url) {
  auto report = MigratePostgres(url);
  if (!report.ok()) {
    std::cerr << "procura: " << RedactedUrl(url) << ": " << report.status().message() << "\n";
    return ExitCodeForDatabase(report.status());
  }
  if (report->from == report->to)
    std::cout << "migrate: the schema is at version " << report->to << "; nothing to do\n";
  else
    std::cout << "migrate: schema version " << report->from << " -> " << report->to << "\n";
  return kExitOk;
}

// SQLite databases migrate when opened; this opens one and says where it is.
int MigrateSqliteCommand(const std::string& data_dir) {
  if (Status s = CheckDataDir(data_dir); !s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return kExitDataDir;
  }
  auto storage = OpenSqliteStorage(data_dir, {.check_integrity = false});
  if (!storage.ok()) {
    std::cerr << "procura: " << storage.status().message() << "\n";
    return ExitCodeForDatabase(storage.status());
  }
  std::cout << "migrate: the schema is at version " << (*storage)->SchemaVersion() << "\n";
  return kExitOk;
}

}  // namespace

void AddMigrateCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<MigrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "migrate",
      "Apply pending schema migrations (PostgreSQL: run once, from one place, before starting "
      "the nodes; they wait behind an advisory lock if two run)");
  AddDatabaseOption(cmd, &opt->database);
  cmd->add_option("--data", opt->data_dir, "Data directory (SQLite; used without --database)");
  cmd->callback([opt, exit_code] {
    if (!opt->database.empty()) {
      if (!opt->database.starts_with("postgresql://") && !opt->database.starts_with("postgres://")) {
        std::cerr << "procura: --database must be a postgresql:// URL\n";
        *exit_code = kExitUsage;
        return;
      }
      *exit_code = MigratePostgresCommand(opt->database);
    } else if (!opt->data_dir.empty()) {
      *exit_code = MigrateSqliteCommand(opt->data_dir);
    } else {
      std::cerr << "procura: migrate needs --database URL (or PROCURA_DATABASE_URL), or --data "
                   "DIR\n";
      *exit_code = kExitUsage;
    }
  });
}

}  // namespace procura::app
