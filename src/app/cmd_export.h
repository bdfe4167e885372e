// `procura export --data DIR --out OUT [--base-url URL] [--follow]`: the
// public site as static files (docs/deploy.md).
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddExportCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
