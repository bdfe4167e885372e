// `procura serve`: the portal server.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

// Adds the `serve` subcommand to `app`; when it is chosen, the callback
// runs the server and stores the process exit code in `*exit_code`.
void AddServeCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
