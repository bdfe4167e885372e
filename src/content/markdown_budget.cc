#include "content/markdown_budget.h"

#include <fmt/format.h>

#include <algorithm>

namespace procura {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The number of columns if `line` is a GFM table delimiter row ("|---|:-:|"),
// else 0.
std::size_t DelimiterRowColumns(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return 0;
  bool dash = false;
  for (char c : line) {
    if (c == '-') dash = true;
    else if (c != '|' && c != ':' && c != ' ' && c != '\t') return 0;
  }
  if (!dash || line.find('|') == std::string_view::npos) return 0;
  std::size_t cells = 1 + static_cast<std::size_t>(std::count(line.begin(), line.end(), '|'));
  if (line.front() == '|') --cells;
  if (line.size() > 1 && line.back() == '|') --cells;
  return cells;
}

// How deeply a line nests blocks: '>' markers and list indentation.
std::size_t Nesting(std::string_view line) {
  std::size_t quotes = 0, indent = 0;
  for (char c : line) {
    if (c == '>') ++quotes;
    else if (c == ' ') ++indent;
    else if (c == '\t') indent += 4;
    else break;
  }
  return quotes + indent / 2;
}

bool IsLinkDefinition(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] != '[') return false;
  const auto close = line.find("]:", i);
  return close != std::string_view::npos;
}

std::string Count(std::size_t n) { return std::to_string(n); }

}  // namespace

Status CheckMarkdownBudget(std::string_view md, const MarkdownBudget& b) {
  std::size_t brackets = 0, emphasis = 0, backticks = 0, definitions = 0, cells = 0;
  std::size_t table_columns = 0;  // of the table being read, 0 outside tables
  char prev = '\n';
  for (char c : md) {
    if (c == '[') ++brackets;
    if ((c == '*' || c == '_' || c == '~') && c != prev) ++emphasis;
    if (c == '`' && prev != '`') ++backticks;
    prev = c;
  }
  std::size_t pos = 0;
  while (pos <= md.size()) {
    std::size_t end = md.find('\n', pos);
    if (end == std::string_view::npos) end = md.size();
    const std::string_view line = md.substr(pos, end - pos);
    pos = end + 1;
    if (Nesting(line) > b.max_nesting)
      return Status::Invalid(N_("The text nests quotes or lists more than {max} levels deep."),
                             {{"max", std::to_string(b.max_nesting)}});
    if (IsLinkDefinition(line)) ++definitions;
    if (Trim(line).empty()) {
      table_columns = 0;
    } else if (std::size_t cols = DelimiterRowColumns(line); cols > 0) {
      if (cols > b.max_table_columns)
        return Status::Invalid(N_("A table has {n} columns; at most {max}."),
                               {{"n", Count(cols)}, {"max", std::to_string(b.max_table_columns)}});
      table_columns = cols;
      cells += 2 * cols;  // the header and the delimiter row
    } else {
      cells += table_columns;  // a body row is padded to the header's width
    }
    if (cells > b.max_table_cells)
      return Status::Invalid(N_("The tables hold more than {max} cells."),
                             {{"max", Count(b.max_table_cells)}});
    if (end == md.size()) break;
  }
  if (brackets > b.max_brackets)
    return Status::Invalid(N_("The text has {n} square brackets; at most {max}."),
                           {{"n", Count(brackets)}, {"max", Count(b.max_brackets)}});
  if (emphasis > b.max_emphasis_runs)
    return Status::Invalid(N_("The text has {n} emphasis marks (* _ ~); at most {max}."),
                           {{"n", Count(emphasis)}, {"max", Count(b.max_emphasis_runs)}});
  if (backticks > b.max_backtick_runs)
    return Status::Invalid(N_("The text has {n} code marks (`); at most {max}."),
                           {{"n", Count(backticks)}, {"max", Count(b.max_backtick_runs)}});
  if (definitions > b.max_link_definitions)
    return Status::Invalid(N_("The text defines {n} link references; at most {max}."),
                           {{"n", Count(definitions)}, {"max", std::to_string(b.max_link_definitions)}});
  return Status::Ok();
}

}  // namespace procura
