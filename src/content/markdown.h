// Markdown → HTML with cmark-gfm (GFM tables, strikethrough, autolinks).
//
// Raw HTML in the source is never passed through and dangerous link schemes
// (javascript:, vbscript:, file:, data: other than images) are dropped by
// cmark's safe mode. Debian's cmark-gfm 0.29 lacks upstream fixes for some
// polynomial-time inputs, so input is capped at kMaxMarkdownBytes and the
// renderer is fuzzed (tests/fuzz).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace procura {

inline constexpr std::size_t kMaxMarkdownBytes = 256 * 1024;

// The version of the rules below. Raise it with every change that alters
// the HTML of a body already stored (a new wrapper, a CJK rule): a server
// that finds the database's renderings made under older rules renders
// every stored body again once, in the background (content/body_rerender.h).
// 1: tables wrapped to scroll; Chinese lines as paragraphs; CJK emphasis.
inline constexpr int kMarkdownRules = 1;

// Renders `markdown` to an HTML fragment in this process. Invalid if it is
// larger than kMaxMarkdownBytes, not valid UTF-8, or over the parser budget
// (content/markdown_budget.h). The write side renders through a
// MarkdownRenderer (markdown_sandbox.h) and stores the HTML; readers never
// parse Markdown.
Result<std::string> RenderMarkdown(std::string_view markdown);

// A plain-text excerpt of at most `max_chars` code points, cut at a
// character boundary, with "…" appended if cut. Markdown syntax is removed.
std::string MarkdownExcerpt(std::string_view markdown, std::size_t max_chars);

// The text of an HTML fragment as this renderer writes it: tags become
// spaces, the five escaped characters are decoded. Linear time.
std::string HtmlToText(std::string_view html);

}  // namespace procura
