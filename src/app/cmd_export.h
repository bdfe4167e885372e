// `procura export --data DIR --out OUT [--base-url URL] [--follow]`: the
// public site as static files (docs/deploy.md).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "publish/push_command.h"

namespace procura::app {

void AddExportCommand(CLI::App& app, int* exit_code);

// --push-command CMD and --push-timeout SECONDS, for `export` and `serve
// --export-to` (docs/deploy.md, "Push to the DMZ"); a bad value is a usage
// error naming the option.
struct PushOptions {
  std::string command;
  int timeout_s = static_cast<int>(publish::kDefaultPushTimeout.count());
  publish::PushCommand Command() const { return {command, std::chrono::seconds(timeout_s)}; }
};
CLI::Option* AddPushOptions(CLI::App* cmd, PushOptions* push);

}  // namespace procura::app
