// `procura export-status --data DIR`: each static export's last report
// (content/export_health.h), one line each, for an operator or a
// monitoring check: exit 12 when one is failing or not responding.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddExportStatusCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
