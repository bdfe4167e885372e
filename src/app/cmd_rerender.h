// `procura rerender --data DIR [--dry-run]`: renders every stored article
// body again with this build's Markdown rules, stores the renderings that
// changed, and lists those articles. It may run while the server serves:
// each article is its own transaction with a change-log row, so the pages,
// caches and a following export take it up; an article saved meanwhile is
// left as that save stored it. Exit 0 when done, 1 on a database error.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddRerenderCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
