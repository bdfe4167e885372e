#include <gtest/gtest.h>

#include "tabular/table.h"

namespace procura::tabular {
namespace {

TEST(Csv, EscapesFormulasAndQuotes) {
  EXPECT_EQ(CsvField("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvField("a,\"b\""), "\"a,\"\"b\"\"\"");
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
  EXPECT_EQ(ParseCsv("a,\"b\nc").status().message(), "line 2: a quoted cell is never closed");
  EXPECT_FALSE(ParseCsv("\xff\xfe").ok());
  std::string huge = "h\n";
  for (std::size_t i = 0; i < kMaxImportRows + 1; ++i) huge += "x\n";
  EXPECT_NE(ParseCsv(huge).status().message().find("more than"), std::string::npos);
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

TEST(Xlsx, RefusesNonWorkbooks) {
  EXPECT_FALSE(ReadXlsx("not a zip").ok());
  EXPECT_FALSE(ReadXlsx(std::string("PK\x03\x04garbage", 11)).ok());
}

TEST(Xlsx, ConvertsSerialDates) {
  EXPECT_EQ(ExcelSerialToDate("44756"), "2022-07-14");
  EXPECT_EQ(ExcelSerialToDate("abc"), "");
}

}  // namespace
}  // namespace procura::tabular
