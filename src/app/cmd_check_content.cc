#include "app/cmd_check_content.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/progress.h"
#include "safety/personal_data.h"
#include "safety/site_scan.h"

namespace procura::app {

void AddCheckContentCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "check-content",
      "Check every published article against the word lists (after a list changes)");
  cmd->add_option("--data", *data, "Data directory");
  AddDatabaseOption(cmd, database.get());
  cmd->callback([data, database, exit_code] {
    auto storage = OpenForCommand(*database, *data, {.check_integrity = false}, exit_code);
    if (!storage) return;
    safety::WordCheck check(storage->safety());
    auto scanner = check.Current();
    if (!scanner.ok()) {
      std::cerr << "procura: " << scanner.status().message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    ProgressLine progress("check-content", "articles", isatty(STDERR_FILENO));
    auto flagged = safety::ScanPublished(*storage, **scanner, std::ref(progress));
    if (!flagged.ok()) {
      std::cerr << "procura: " << flagged.status().message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::size_t blocking = 0;
    for (const auto& article : *flagged) {
      std::cout << fmt::format("article {} \"{}\":\n", article.id, article.title);
      for (const auto& found : article.findings) {
        const safety::WordFinding f = safety::MaskedForReport(found);
        blocking += f.blocks();
        std::cout << fmt::format("  {} \"{}\" in {} ({} list{})\n", f.entry.level, f.matched,
                                 f.field, f.entry.category,
                                 f.entry.replacement.empty() ? "" : ": write \"" + f.entry.replacement + "\"");
      }
    }
    std::cout << fmt::format("{} published articles flagged by {} list entries ({} blocking findings)\n",
                             flagged->size(), (*scanner)->size(), blocking);
    *exit_code = flagged->empty() ? kExitOk : kExitFindings;
  });
}

}  // namespace procura::app
