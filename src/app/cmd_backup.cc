#include "app/cmd_backup.h"

#include <fmt/format.h>

#include <iostream>

#include "app/backup.h"
#include "app/exit_codes.h"
#include "app/paths.h"

namespace procura::app {
namespace {

int ExitFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kAlreadyExists:
    case Status::Code::kInvalidArgument:
      return kExitUsage;
    case Status::Code::kCorruption:
    case Status::Code::kVersion:
      return kExitDatabase;
    default:
      return kExitDataDir;
  }
}

}  // namespace

void AddBackupCommands(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto replace = std::make_shared<bool>(false);

  CLI::App* backup = app.add_subcommand(
      "backup", "Write a consistent backup (database, media, materials) while the server runs");
  backup->add_option("--data", *data, "Data directory")->required();
  backup->add_option("--out", *file, "Backup file to create (must not exist)")->required();
  backup->callback([data, file, exit_code] {
    if (Status s = CheckDataDir(*data); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitDataDir;
      return;
    }
    auto sum = WriteBackup(*data, *file);
    if (!sum.ok()) {
      std::cerr << "procura: backup: " << sum.status().message() << "\n";
      *exit_code = ExitFor(sum.status());
      return;
    }
    std::cout << fmt::format("backup: {} (database and {} files, {} bytes)\n", *file, sum->files,
                             sum->bytes);
  });

  CLI::App* restore =
      app.add_subcommand("restore", "Restore a backup into a data dir (the server must be stopped)");
  restore->add_option("--from", *file, "Backup file")->required()->check(CLI::ExistingFile);
  restore->add_option("--data", *data, "Data directory to restore into")->required();
  restore->add_flag("--replace", *replace, "Replace the database already in the data dir");
  restore->callback([data, file, replace, exit_code] {
    if (Status s = CheckDataDir(*data); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitDataDir;
      return;
    }
    if (Status s = LockDataDir(*data); !s.ok()) {
      std::cerr << "procura: " << s.message() << " Stop the server first.\n";
      *exit_code = kExitDataDir;
      return;
    }
    auto sum = RestoreBackup(*file, *data, *replace);
    if (!sum.ok()) {
      std::cerr << "procura: restore: " << sum.status().message() << "\n";
      *exit_code = ExitFor(sum.status());
      return;
    }
    std::cout << fmt::format(
        "restored {} into {} (database and {} files); the search index is rebuilt at the next "
        "start\n",
        *file, *data, sum->files);
  });
}

}  // namespace procura::app
