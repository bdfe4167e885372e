// `procura check --data DIR`: SQLite's quick_check on the database; exit 4
// with what it found if the file is damaged.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddCheckCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
