// `procura inspect --data DIR [--database URL] [--external] [--xlsx FILE]
// [--slow-ms N]`:
// the site against the national indicators for government sites (safe
// while the server runs). Prints each indicator with its rule, result and
// offending items, keeps the summary in the history, and writes the report
// as XLSX if asked. Exit 0 when no veto fails, 11 when one does.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddInspectCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
