#include "app/cmd_reindex.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "app/exit_codes.h"
#include "app/paths.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace procura::app {
namespace {

// "[#########-----------]  45% 4500/10000" redrawn in place on a terminal;
// a plain line every 10% otherwise (logs, CI). At 100% the shards are
// merged, which takes a while on a big site: it says so.
void Progress(std::size_t done, std::size_t total, bool tty) {
  const int pct = total ? static_cast<int>(done * 100 / total) : 100;
  if (tty) {
    const int bar = pct / 5;
    std::fprintf(stderr, "\r[%s%s] %3d%% %zu/%zu", std::string(bar, '#').c_str(),
                 std::string(20 - bar, '-').c_str(), pct, done, total);
    if (done == total) std::fputc('\n', stderr);
  } else {
    static int last = -1;
    if (pct / 10 != last / 10 || done == total) {
      std::fprintf(stderr, "reindex: %zu/%zu articles (%d%%)\n", done, total, pct);
      last = pct;
    }
  }
  if (done == total) std::fputs("reindex: merging into one index...\n", stderr);
}

}  // namespace

void AddReindexCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("reindex", "Rebuild the search index from the database");
  cmd->add_option("--data", *data, "Data directory")->required();
  cmd->callback([data, exit_code] {
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
    auto storage = OpenSqliteStorage(*data);
    if (!storage.ok()) {
      std::cerr << "procura: " << storage.status().message() << "\n";
      *exit_code = kExitDatabase;
      return;
    }
    search::SearchIndex index(**storage, std::filesystem::path(*data) / "search");
    const bool tty = isatty(STDERR_FILENO);
    Status s = index.Rebuild([tty](std::size_t d, std::size_t t) { Progress(d, t, tty); });
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
