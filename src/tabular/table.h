// Tables in and out: formula-safe CSV, XLSX written with libxlsxwriter,
// and CSV / XLSX read into rows of text for imports. Readers are bounded:
// they refuse input over the caps below instead of reading it.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace procura::tabular {

inline constexpr const char* kCsvMediaType = "text/csv; charset=utf-8";
inline constexpr const char* kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A cell is text or a number (written as a number in XLSX).
using Cell = std::variant<std::string, double>;

// How a column's cells are shown in XLSX (CSV writes them as they are).
enum class ColumnKind {
  kGeneral,   // text as text, numbers as numbers
  kPercent,   // a number that is a fraction (0.069), shown as "6.9%"
  kDate,      // text "2022-07-14", written as a real date
  kDateTime,  // text "2022-07-14 09:00", written as a real date and time
};

struct Sheet {
  std::string name;  // ≤ 31 characters, as Excel requires
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  // XLSX only: a title row above the header (what the report is, for
  // which class or period); empty for none, as in sheets meant to be
  // imported back.
  std::string title;
  // XLSX only: the kind of each column; missing ones are kGeneral.
  std::vector<ColumnKind> kinds;
};

// Escapes one CSV field: quotes when needed, and prefixes a leading
// = + - @ tab or CR with ' so spreadsheets do not run it as a formula.
std::string CsvField(std::string_view value);

// The sheet as CSV: a UTF-8 byte-order mark (so Excel reads Chinese
// correctly), the header, then the rows, CRLF line ends, formula-safe.
std::string ToCsv(const Sheet& sheet);

// The sheets as an XLSX workbook (bytes). The title (if any) is a merged
// bold row; the header is bold, frozen, filterable and repeated on every
// printed page; columns are as wide as their text (CJK counted double,
// 6 to 60 characters); cells follow their column's kind (a date text that
// does not parse stays text). Text is written as text, never as a formula.
Result<std::string> ToXlsx(const std::vector<Sheet>& sheets);

inline constexpr std::size_t kMaxImportRows = 5000, kMaxImportColumns = 50, kMaxCellBytes = 1000;
inline constexpr std::size_t kMaxXlsxPartBytes = 32 << 20;  // one unzipped XML part

using Rows = std::vector<std::vector<std::string>>;

// Parses RFC 4180 CSV (UTF-8, optional BOM; CRLF or LF). Invalid with the
// line of the problem for an unterminated quote, invalid UTF-8, or more
// than kMaxImportRows rows / kMaxImportColumns columns / kMaxCellBytes.
Result<Rows> ParseCsv(std::string_view text);

// Reads the first worksheet of an XLSX workbook as text: shared and inline
// strings as they are, numbers as written in the file. Gaps are "". Same
// caps as ParseCsv; Invalid for anything that is not a readable workbook.
Result<Rows> ReadXlsx(std::string_view bytes);

// An uploaded table: XLSX by its zip signature, otherwise CSV.
Result<Rows> ParseTable(std::string_view bytes);

// "2022-07-14" for an Excel serial day number (1900 date system), or "".
std::string ExcelSerialToDate(std::string_view serial);

// A date cell as "YYYY-MM-DD": an Excel serial (from 3000, 1908-03-18:
// "1985.3" is a year and month, not a serial), or a day written the ways
// Chinese records write it — "1985-3-2", "1985/3/2", "1985.03.02",
// "1985年3月2日", "19850302" — with a time after it ("1985/3/2 0:00:00", as Excel
// saves CSV) ignored, in half- or full-width (全角) digits. Anything else
// comes back trimmed and unchanged (full-width forms made ASCII), for
// the import's own check to name.
std::string CellToDate(std::string_view cell);

// A problem an import found in a table: its row (the header is 1; 0 for
// the whole file), its column letter ("" when no one column is at fault)
// and what is wrong.
struct CellProblem {
  std::size_t line = 0;
  std::string column;
  Status problem;
};

// A spreadsheet's name for the column at `index` (0 → "A", 25 → "Z",
// 26 → "AA"), for problems that name the cell.
std::string ColumnLetter(std::size_t index);

}  // namespace procura::tabular
