#include "app/cmd_rerender.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/progress.h"
#include "content/body_rerender.h"
#include "content/markdown.h"

namespace procura::app {

void AddRerenderCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "rerender", "Render every stored article body again with this version's Markdown rules");
  cmd->add_option("--data", *data, "Data directory");
  AddDatabaseOption(cmd, database.get());
  cmd->add_flag("--dry-run", *dry_run, "List the articles whose rendering would change; store nothing");
  cmd->callback([data, database, dry_run, exit_code] {
    auto storage = OpenForCommand(*database, *data, {.check_integrity = false}, exit_code);
    if (!storage) return;
    ProgressLine progress("rerender", "articles", isatty(STDERR_FILENO));
    RerenderOptions options;
    options.dry_run = *dry_run;
    options.on_changed = [&](std::int64_t id, const std::string& title) {
      std::cout << fmt::format("article {} \"{}\"{}\n", id, title, *dry_run ? " would change" : " re-rendered");
    };
    options.on_progress = std::ref(progress);
    SandboxedRenderer renderer;  // as `serve` renders what editors write
    auto result = RerenderBodies(*storage, renderer, options);
    if (!result.ok()) {
      std::cerr << "procura: " << result.status().message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    if (!*dry_run) {
      // Every body now has this binary's rendering: a server need not
      // render them again at its next start.
      if (Status s = storage->articles().RecordRenderingRules(kMarkdownRules); !s.ok()) {
        std::cerr << "procura: " << s.message() << "\n";
        *exit_code = kExitFailure;
        return;
      }
    }
    std::cout << fmt::format("{} articles checked, {} {}, {} could not be rendered, {} saved meanwhile\n",
                             result->checked, result->changed,
                             *dry_run ? "would change" : "re-rendered", result->failed,
                             result->skipped);
    *exit_code = kExitOk;
  });
}

}  // namespace procura::app
