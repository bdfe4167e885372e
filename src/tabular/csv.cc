#include <fmt/format.h>

#include "core/text.h"
#include "tabular/table.h"

namespace procura::tabular {

std::string CsvField(std::string_view v) {
  std::string s(v);
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(s.begin(), '\'');
  // Quote any field holding a separator of any locale (comma, semicolon,
  // tab), so that "x;=1+1" stays one text cell where ";" separates fields.
  if (s.find_first_of(",;\t\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string ToCsv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const auto& cells, auto&& text) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + text(cells[i]);
    out += "\r\n";
  };
  line(sheet.header, [](const std::string& h) { return CsvField(h); });
  for (const auto& row : sheet.rows)
    line(row, [](const Cell& c) {
      if (const auto* d = std::get_if<double>(&c)) return fmt::format("{:g}", *d);
      return CsvField(std::get<std::string>(c));
    });
  return out;
}

Result<Rows> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!IsValidUtf8(text))
    return Status::Invalid(N_("The file is not UTF-8 text; save it as \"CSV UTF-8\"."));
  Rows rows;
  std::vector<std::string> row;
  std::string cell;
  std::size_t line = 1, i = 0;
  bool quoted = false, any = false;
  auto end_cell = [&]() -> Status {
    if (cell.size() > kMaxCellBytes)
      return Status::Invalid(N_("Line {line}: a cell is longer than {max} bytes."),
                             {{"line", std::to_string(line)}, {"max", std::to_string(kMaxCellBytes)}});
    row.push_back(std::move(cell));
    cell.clear();
    if (row.size() > kMaxImportColumns)
      return Status::Invalid(N_("Line {line}: more than {max} columns."),
                             {{"line", std::to_string(line)}, {"max", std::to_string(kMaxImportColumns)}});
    return Status::Ok();
  };
  auto end_row = [&]() -> Status {
    PROCURA_RETURN_IF_ERROR(end_cell());
    const bool blank = row.size() == 1 && row[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
    if (rows.size() > kMaxImportRows + 1)  // + the header
      return Status::Invalid(N_("More than {max} rows; split the file."),
                             {{"max", std::to_string(kMaxImportRows)}});
    return Status::Ok();
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        cell += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        cell += c, line += c == '\n';
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == ',') {
      PROCURA_RETURN_IF_ERROR(end_cell());
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      PROCURA_RETURN_IF_ERROR(end_row());
      ++line;
      any = false;
    } else {
      cell += c;
    }
  }
  if (quoted) return Status::Invalid(N_("Line {line}: a quoted cell is never closed."),
                             {{"line", std::to_string(line)}});
  if (any) PROCURA_RETURN_IF_ERROR(end_row());
  return rows;
}

}  // namespace procura::tabular
