// `procura stats import-log --data DIR FILE...`: counts the visits in a
// web server's access logs (combined format) for the annual report's
// statistics, for a site also served as a static export from another
// server (interact/access_log.h). Each log is counted once (by its
// SHA-256); import rotated logs, not the one being written.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddStatsCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
