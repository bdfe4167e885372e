// `procura reindex --data DIR`: rebuilds the search index from scratch.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddReindexCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
