// Bounds on the work a Markdown text may ask of the parser, checked in one
// linear pass before cmark-gfm sees the text. Debian's cmark-gfm 0.29 pads
// every table row to the header's width (CVE-2023-37463) and is quadratic on
// some bracket and emphasis inputs, so these limits hold whatever the
// library version does; the sandbox (markdown_sandbox.h) bounds the rest.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace procura {

struct MarkdownBudget {
  std::size_t max_table_columns = 64;      // columns in any one table
  std::size_t max_table_cells = 50'000;    // rows × columns, all tables together
  std::size_t max_brackets = 4'000;        // '[' in the text (links, images)
  std::size_t max_emphasis_runs = 20'000;  // runs of '*', '_' or '~'
  std::size_t max_nesting = 32;            // block quotes and list indentation
  std::size_t max_link_definitions = 500;  // "[label]: url" lines
  std::size_t max_backtick_runs = 10'000;  // runs of '`'
};

// Ok, or Invalid with a message for people naming the limit that was
// passed (for example "a table has 1,000 columns; at most 64").
Status CheckMarkdownBudget(std::string_view markdown, const MarkdownBudget& budget = {});

}  // namespace procura
