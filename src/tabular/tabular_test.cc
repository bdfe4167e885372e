#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tabular/table.h"

namespace procura::tabular {
namespace {

TEST(Csv, EscapesFormulasAndQuotes) {
  EXPECT_EQ(CsvField("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvField("a,\"b\""), "\"a,\"\"b\"\"\"");
  // Where ";" or a tab separates fields, a formula after it must stay text.
  EXPECT_EQ(CsvField("x;=1+1"), "\"x;=1+1\"");
  EXPECT_EQ(CsvField("x\t=1+1"), "\"x\t=1+1\"");
  EXPECT_EQ(CsvField("\t=1"), "\"'\t=1\"");
  EXPECT_EQ(CsvField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvField("+1"), "'+1");
  Sheet s{"x", {"name", "hours"}, {{std::string("-1+1"), 2.5}}};
  EXPECT_EQ(ToCsv(s), "\xEF\xBB\xBFname,hours\r\n'-1+1,2.5\r\n");
}

TEST(Csv, ParsesQuotesNewlinesAndBom) {
  auto rows =
      ParseCsv("\xEF\xBB\xBFname,note\r\n\"Li, Hua\",\"two\nlines\"\n\nWang,\"say \"\"hi\"\"\"");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[1][0], "Li, Hua");
  EXPECT_EQ((*rows)[1][1], "two\nlines");
  EXPECT_EQ((*rows)[2][1], "say \"hi\"");
}

TEST(Csv, RefusesWhatItCannotRead) {
  EXPECT_EQ(ParseCsv("a,\"b\nc").status().message(), "Line 2: a quoted cell is never closed.");
  EXPECT_FALSE(ParseCsv("\xff\xfe").ok());
  std::string huge = "h\n";
  for (std::size_t i = 0; i < kMaxImportRows + 1; ++i) huge += "x\n";
  EXPECT_NE(ParseCsv(huge).status().message().find("More than"), std::string::npos);
  EXPECT_TRUE(ParseCsv("").value().empty());
}

TEST(Xlsx, RoundTripsTextAndNumbers) {
  Sheet s{"Hours", {"姓名", "学时"}, {{std::string("王芳"), 4.0}, {std::string("=1+1"), 0.5}}};
  auto bytes = ToXlsx({s});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto rows = ReadXlsx(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0][0], "姓名");
  EXPECT_EQ((*rows)[1][0], "王芳");
  EXPECT_EQ((*rows)[1][1], "4");
  EXPECT_EQ((*rows)[2][0], "=1+1");  // text, not a formula
  EXPECT_EQ((*rows)[2][1], "0.5");
}

TEST(Xlsx, TitleRowAndRealDates) {
  Sheet s{"Attendance", {"姓名", "签到时间", "日期"}};
  s.title = "机关党支部书记培训班";
  s.kinds = {ColumnKind::kGeneral, ColumnKind::kDateTime, ColumnKind::kDate};
  s.rows = {{std::string("王芳"), std::string("2022-07-14 09:05"), std::string("2022-07-14")},
            {std::string("李明"), std::string(""), std::string("not a date")}};
  auto bytes = ToXlsx({s});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto rows = ReadXlsx(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0][0], "机关党支部书记培训班");  // the title row
  EXPECT_EQ((*rows)[1][1], "签到时间");               // then the header
  EXPECT_EQ(ExcelSerialToDate((*rows)[2][2]), "2022-07-14");  // a real date
  EXPECT_EQ((*rows)[2][1].substr(0, 5), "44756");              // a serial with the time
  EXPECT_EQ((*rows)[3][2], "not a date");                     // kept as text
}

TEST(Xlsx, RefusesNonWorkbooks) {
  EXPECT_FALSE(ReadXlsx("not a zip").ok());
  EXPECT_FALSE(ReadXlsx(std::string("PK\x03\x04garbage", 11)).ok());
}

// A workbook whose parts are given as (name, XML), zipped with minizip.
std::string Workbook(const std::vector<std::pair<std::string, std::string>>& parts) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("procura-xlsx-" + std::to_string(::getpid()))).string();
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, xml] : parts) {
    zipOpenNewFileInZip64(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                          Z_DEFAULT_COMPRESSION, 0);
    zipWriteInFileInZip(z, xml.data(), static_cast<unsigned>(xml.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

// The audit's 8 KiB file: an internal entity in sharedStrings.xml used
// millions of times (1.9 GiB). Any DOCTYPE or entity declaration is refused.
TEST(Xlsx, RefusesDoctypesAndEntitiesBeforeExpandingThem) {
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"" + std::string(1000, 'x') +
                       "\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst><si><t>";
  for (int i = 0; i < 1000; ++i) laughs += "&b;";
  laughs += "</t></si></sst>";
  const std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
  auto rows = ReadXlsx(Workbook({{"xl/sharedStrings.xml", laughs}, {"xl/worksheets/sheet1.xml", sheet}}));
  EXPECT_EQ(rows.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(rows.status().message().find("DOCTYPE"), std::string::npos);
  const std::string doctype_sheet = "<!DOCTYPE worksheet SYSTEM \"x\">" + sheet;
  EXPECT_FALSE(ReadXlsx(Workbook({{"xl/worksheets/sheet1.xml", doctype_sheet}})).ok());
  // Without the declarations the same workbook reads.
  auto plain = ReadXlsx(Workbook({{"xl/sharedStrings.xml", "<sst><si><t>王芳</t></si></sst>"},
                                  {"xl/worksheets/sheet1.xml", sheet}}));
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ((*plain)[0][0], "王芳");
}

TEST(Xlsx, ConvertsSerialDates) {
  EXPECT_EQ(ExcelSerialToDate("44756"), "2022-07-14");
  EXPECT_EQ(ExcelSerialToDate("abc"), "");
}

TEST(Tabular, DateCellsAsChineseRecordsWriteThem) {
  for (const auto& [cell, day] : std::vector<std::pair<const char*, const char*>>{
           {"44756", "2022-07-14"},            // an Excel serial
           {"1985-03-02", "1985-03-02"},       // already
           {"1985-3-2", "1985-03-02"},
           {"1985/3/2", "1985-03-02"},
           {" 1985.03.02 ", "1985-03-02"},
           {"1985年3月2日", "1985-03-02"},
           {"1938年05月20日", "1938-05-20"},  // before 1970
           {"19850302", "1985-03-02"},
           {"1985/3/2 0:00:00", "1985-03-02"},  // Excel's CSV
           {"１９８５年３月２日", "1985-03-02"},    // typed in full-width (全角)
           {"１９８５－０３－０２", "1985-03-02"},
       })
    EXPECT_EQ(CellToDate(cell), day) << cell;
  // Not a day: back unchanged (trimmed), for the import to name.
  for (const char* cell : {"", "1985", "1985.3", "1985年3月", "1985-02-30", "19850230", "soon",
                           "1985/3/2x", "1985-3-2-1", "12345678901", "1985--3", "2022.5", "2999"})
    EXPECT_EQ(CellToDate(cell), cell) << cell;
}

}  // namespace
}  // namespace procura::tabular

namespace procura::tabular {
namespace {
TEST(Columns, LettersAsSpreadsheetsNameThem) {
  EXPECT_EQ(ColumnLetter(0), "A");
  EXPECT_EQ(ColumnLetter(25), "Z");
  EXPECT_EQ(ColumnLetter(26), "AA");
  EXPECT_EQ(ColumnLetter(27), "AB");
  EXPECT_EQ(ColumnLetter(701), "ZZ");
  EXPECT_EQ(ColumnLetter(702), "AAA");
}
}  // namespace
}  // namespace procura::tabular
