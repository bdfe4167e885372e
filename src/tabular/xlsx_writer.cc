// XLSX through libxlsxwriter, which writes to a file: the workbook goes to
// a private temporary file that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "tabular/table.h"

namespace procura::tabular {
namespace {

std::string SheetName(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name)  // Excel forbids []:*?/\ in sheet names
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out += c;
  if (out.empty()) out = "Sheet" + std::to_string(index + 1);
  return out.substr(0, 31);  // ASCII names only reach this length in practice
}

// How many character widths `text` takes: CJK and other wide characters
// (3- and 4-byte UTF-8) count two.
std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

// "2022-07-14" or "2022-07-14 09:00" as a spreadsheet date.
std::optional<lxw_datetime> ParseDateCell(const std::string& text, bool with_time) {
  lxw_datetime d{};
  int consumed = 0;
  const int want = with_time ? 5 : 3;
  const int got = with_time ? std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d%n", &d.year,
                                          &d.month, &d.day, &d.hour, &d.min, &consumed)
                            : std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &d.year, &d.month,
                                          &d.day, &consumed);
  if (got != want || static_cast<std::size_t>(consumed) != text.size()) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.min > 59)
    return std::nullopt;
  return d;
}

struct Formats {
  lxw_format *title, *header, *percent, *date, *datetime;
};

Formats AddFormats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.0%");
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "yyyy-mm-dd");
  f.datetime = workbook_add_format(wb);
  format_set_num_format(f.datetime, "yyyy-mm-dd hh:mm");
  return f;
}

void WriteCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell, ColumnKind kind,
               const Formats& f) {
  if (const auto* number = std::get_if<double>(&cell)) {
    worksheet_write_number(ws, row, col, *number, kind == ColumnKind::kPercent ? f.percent : nullptr);
    return;
  }
  const std::string& text = std::get<std::string>(cell);
  if (kind == ColumnKind::kDate || kind == ColumnKind::kDateTime) {
    const bool with_time = kind == ColumnKind::kDateTime;
    if (auto d = ParseDateCell(text, with_time)) {
      worksheet_write_datetime(ws, row, col, &*d, with_time ? f.datetime : f.date);
      return;
    }
  }
  worksheet_write_string(ws, row, col, text.c_str(), nullptr);
}

// Each column as wide as its widest cell (numbers as about 8 characters).
std::vector<double> ColumnWidths(const Sheet& sheet) {
  std::vector<double> widths(sheet.header.size(), 6);
  auto widen = [&](std::size_t c, std::size_t w) {
    if (c < widths.size()) widths[c] = std::clamp<double>(std::max<double>(widths[c], w + 2), 6, 60);
  };
  for (std::size_t c = 0; c < sheet.header.size(); ++c) widen(c, DisplayWidth(sheet.header[c]));
  for (const auto& row : sheet.rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widen(c, std::holds_alternative<double>(row[c]) ? 8
                                                       : DisplayWidth(std::get<std::string>(row[c])));
  return widths;
}

void WriteSheet(lxw_worksheet* ws, const Sheet& sheet, const Formats& f) {
  const auto last_col = static_cast<lxw_col_t>(sheet.header.empty() ? 0 : sheet.header.size() - 1);
  lxw_row_t header_row = 0;
  if (!sheet.title.empty()) {
    if (last_col > 0)
      worksheet_merge_range(ws, 0, 0, 0, last_col, sheet.title.c_str(), f.title);
    else
      worksheet_write_string(ws, 0, 0, sheet.title.c_str(), f.title);
    worksheet_set_row(ws, 0, 24, nullptr);
    header_row = 1;
  }
  for (std::size_t c = 0; c < sheet.header.size(); ++c)
    worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(c), sheet.header[c].c_str(),
                           f.header);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  worksheet_repeat_rows(ws, header_row, header_row);
  for (std::size_t r = 0; r < sheet.rows.size(); ++r)
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const ColumnKind kind = c < sheet.kinds.size() ? sheet.kinds[c] : ColumnKind::kGeneral;
      WriteCell(ws, static_cast<lxw_row_t>(header_row + 1 + r), static_cast<lxw_col_t>(c),
                sheet.rows[r][c], kind, f);
    }
  if (!sheet.header.empty())
    worksheet_autofilter(ws, header_row, 0, static_cast<lxw_row_t>(header_row + sheet.rows.size()),
                         last_col);
  const auto widths = ColumnWidths(sheet);
  for (std::size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                         nullptr);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);  // as wide as one page, as long as it takes
}

}  // namespace

Result<std::string> ToXlsx(const std::vector<Sheet>& sheets) {
  std::string path = (std::filesystem::temp_directory_path() / "procura-xlsx-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Status::Io("xlsx: cannot create a temporary file");
  ::close(fd);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    std::filesystem::remove(path);
    return Status::Io("xlsx: cannot start a workbook");
  }
  const Formats formats = AddFormats(wb);
  for (std::size_t s = 0; s < sheets.size(); ++s)
    if (lxw_worksheet* ws = workbook_add_worksheet(wb, SheetName(sheets[s].name, s).c_str()))
      WriteSheet(ws, sheets[s], formats);
  const lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::filesystem::remove(path);
  if (err != LXW_NO_ERROR) return Status::Io(std::string("xlsx: ") + lxw_strerror(err));
  return bytes;
}

}  // namespace procura::tabular
