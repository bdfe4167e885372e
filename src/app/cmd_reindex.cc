#include "app/cmd_reindex.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/paths.h"
#include "app/progress.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace procura::app {

void AddReindexCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("reindex", "Rebuild the search index from the database");
  cmd->add_option("--data", *data, "Data directory")->required();
  AddDatabaseOption(cmd, database.get());
  cmd->callback([data, database, exit_code] {
    if (Status s = CheckDataDir(*data); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitDataDir;
      return;
    }
    if (Status s = LockDataDir(*data); !s.ok()) {  // the server owns the index while it runs
      std::cerr << "procura: " << s.message() << " Stop the server first.\n";
      *exit_code = kExitDataDir;
      return;
    }
    auto storage = OpenDatabase(*database, *data);
    if (!storage.ok()) {
      std::cerr << "procura: " << storage.status().message() << "\n";
      *exit_code = ExitCodeForDatabase(storage.status());
      return;
    }
    search::SearchIndex index(**storage, std::filesystem::path(*data) / "search");
    const bool tty = isatty(STDERR_FILENO);
    ProgressLine progress("reindex", "articles", tty);
    Status s = index.Rebuild([&progress](std::size_t d, std::size_t t) {
      progress(d, t);
      // At 100% the shards are merged, which takes a while on a big site.
      if (d == t) std::fputs("reindex: merging into one index...\n", stderr);
    });
    if (!s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::cout << "search index rebuilt\n";
    *exit_code = kExitOk;
  });
}

}  // namespace procura::app
