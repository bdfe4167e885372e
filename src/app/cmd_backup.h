// `procura backup --data DIR --out FILE` (online, while the server runs)
// and `procura restore --from FILE --data DIR [--replace]` (server stopped).
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddBackupCommands(CLI::App& app, int* exit_code);

}  // namespace procura::app
