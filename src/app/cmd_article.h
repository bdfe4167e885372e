// `procura article withdraw|republish --data DIR --id N`: take an article
// off the public site (or put it back) from the command line, for an
// operator who must act when nobody can sign in. The change goes through
// the same workflow as the newsroom's button: audited as "cli", logged in
// the change log, and a running server shows it within a second.
#pragma once

#include <CLI/CLI.hpp>

namespace procura::app {

void AddArticleCommand(CLI::App& app, int* exit_code);

}  // namespace procura::app
