// `procura migrate`: brings a database's schema up to this build's.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddMigrateCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
