// Renders Markdown in a forked child process under a CPU-time, wall-clock
// and memory budget, so that no input, whatever the cmark-gfm version does
// with it, can take the server's memory or hold a thread for long. The text
// must first pass CheckMarkdownBudget (RenderMarkdown checks it again in the
// child).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura {

struct RenderLimits {
  std::chrono::milliseconds wall{4000};           // killed after this long
  int cpu_seconds = 3;                            // RLIMIT_CPU in the child
  std::size_t extra_memory_bytes = 512u << 20;    // address space beyond the parent's
  std::size_t max_output_bytes = 8u << 20;        // HTML larger than this is refused
};

// Turns Markdown into HTML for the write side (saving, previews, backfill).
class MarkdownRenderer {
 public:
  virtual ~MarkdownRenderer() = default;
  // The HTML fragment, or Invalid (over the budget: a message for people)
  // or Unavailable (the render ran out of time or memory).
  virtual Result<std::string> Render(std::string_view markdown) const = 0;
  // Renders each of `texts` in order, each result what Render would give.
  // This default renders them one by one; the sandbox renders a batch in
  // one child process (a pass over every stored body pays one fork per
  // batch instead of one per body).
  virtual std::vector<Result<std::string>> RenderEach(
      const std::vector<std::string_view>& texts) const;
};

// Renders in this process (budget-checked only): for trusted text such as
// the demo data, and for tests.
class InProcessRenderer final : public MarkdownRenderer {
 public:
  Result<std::string> Render(std::string_view markdown) const override;
};

// Renders in a forked child with `limits`. Thread-safe.
class SandboxedRenderer final : public MarkdownRenderer {
 public:
  explicit SandboxedRenderer(RenderLimits limits = {}) : limits_(limits) {}
  Result<std::string> Render(std::string_view markdown) const override;
  // One child renders the batch under one budget of `limits` (its time and
  // memory, not multiplied); the texts it did not finish, the one that
  // broke the budget among them, are then rendered one by one as Render
  // would, each under the budget of its own.
  std::vector<Result<std::string>> RenderEach(
      const std::vector<std::string_view>& texts) const override;

 private:
  RenderLimits limits_;
};

}  // namespace procura
