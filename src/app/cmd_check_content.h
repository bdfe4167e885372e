// `procura check-content --data DIR [--database URL]`: the word lists over
// every published article (safe while the server runs; it only reads).
// Prints each article the lists flag with its findings; exit 0 when none
// is flagged, 11 when some are, as other failures otherwise.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddCheckContentCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
