#include "app/cmd_check.h"

#include <iostream>

#include "app/exit_codes.h"
#include "app/paths.h"
#include "storage/storage.h"

namespace procura::app {

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check the database's integrity (safe while the server runs; it only reads)");
  cmd->add_option("--data", *data, "Data directory")->required();
  cmd->callback([data, exit_code] {
    if (Status s = CheckDataDir(*data); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitDataDir;
      return;
    }
    auto storage = OpenSqliteStorage(*data, {.check_integrity = false});
    if (!storage.ok()) {
      std::cerr << "procura: " << storage.status().message() << "\n";
      *exit_code = kExitDatabase;
      return;
    }
    if (Status s = (*storage)->CheckIntegrity(); !s.ok()) {
      std::cerr << "procura: check: " << s.message() << "\n";
      *exit_code = s.code() == Status::Code::kCorruption ? kExitDatabase : kExitFailure;
      return;
    }
    std::cout << "check: " << *data << "/procura.db is ok\n";
  });
}

}  // namespace procura::app
