// `procura user add|passwd|disable|list`: account administration from the
// command line. Passwords are read from stdin (or prompted for, without
// echo, on a terminal); never from the command line.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddUserCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
