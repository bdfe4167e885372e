// Renders stored article bodies again with the current renderer. A change
// to the Markdown rules (CJK emphasis, a line break in Chinese text) used
// to reach an article only when it was next saved; `procura rerender`
// brings every stored body up to date at once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "content/markdown_sandbox.h"
#include "storage/storage.h"

namespace procura {

struct RerenderResult {
  std::size_t checked = 0;  // rendered bodies read
  std::size_t changed = 0;  // whose new rendering differs (stored unless a dry run)
  std::size_t failed = 0;   // the renderer refused (the old rendering stays)
  std::size_t skipped = 0;  // saved meanwhile: that save stored its own rendering
  bool stopped = false;      // `go_on` said no before every body was read
};

struct RerenderOptions {
  bool dry_run = false;  // count and report only; store nothing
  // Told each article whose rendering changes (or would), with its title.
  std::function<void(std::int64_t id, const std::string& title)> on_changed;
  // Told how many bodies were read of how many there are, after each batch.
  std::function<void(std::size_t done, std::size_t total)> on_progress;
  // Asked before each batch; false ends the pass early (result.stopped).
  // It may wait first, to pace a pass that runs beside a serving server.
  std::function<bool()> go_on;
};

// Renders every article that has a rendering again and stores those that
// differ, each in one transaction with a change-log row ("article"), so
// every node's pages, caches, search and a following export take it up.
// Versions and dates stay: the Markdown is the same, only its HTML is
// new. Safe while the server runs: an article saved meanwhile is skipped.
Result<RerenderResult> RerenderBodies(Storage& storage, const MarkdownRenderer& renderer,
                                      const RerenderOptions& options);

// Brings the stored renderings up to kMarkdownRules once: nullopt, having
// read nothing else, when the database records those rules or newer (an
// older binary never re-renders what a newer one made); otherwise
// RerenderBodies (never a dry run), and then the rules are recorded unless
// the pass was stopped. Several nodes may run it at once: each stores only
// renderings that still differ.
Result<std::optional<RerenderResult>> RerenderIfRulesChanged(Storage& storage,
                                                             const MarkdownRenderer& renderer,
                                                             RerenderOptions options);

}  // namespace procura
