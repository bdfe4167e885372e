// An uploaded table, CSV or XLSX (in a file of its own: the fuzz targets
// build the CSV and XLSX readers each alone).
#include "tabular/table.h"

namespace procura::tabular {

Result<Rows> ParseTable(std::string_view bytes) {
  if (bytes.substr(0, 2) == "PK") return ReadXlsx(bytes);
  return ParseCsv(bytes);
}

std::string ColumnLetter(std::size_t index) {
  std::string s;
  for (++index; index; index = (index - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (index - 1) % 26));
  return s;
}

}  // namespace procura::tabular
