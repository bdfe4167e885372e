// XLSX through libxlsxwriter, which writes to a file: the workbook goes to
// a private temporary file that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

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
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    const Sheet& sheet = sheets[s];
    lxw_worksheet* ws = workbook_add_worksheet(wb, SheetName(sheet.name, s).c_str());
    if (!ws) continue;
    for (std::size_t c = 0; c < sheet.header.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto col = static_cast<lxw_col_t>(c);
        if (const auto* d = std::get_if<double>(&sheet.rows[r][c]))
          worksheet_write_number(ws, row, col, *d, nullptr);
        else
          worksheet_write_string(ws, row, col, std::get<std::string>(sheet.rows[r][c]).c_str(),
                                 nullptr);
      }
    }
    worksheet_set_column(ws, 0, static_cast<lxw_col_t>(sheet.header.size()), 16, nullptr);
  }
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
