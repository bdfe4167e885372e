// The repository suite, fifth part: what the change log tells its readers
// apart from the changes themselves: an entity's newest change and the
// static exports' reports of themselves. Run on every backend like
// repository_test.cc.
#include "storage/repository_fixture.h"

namespace procura {
namespace {

TEST_P(RepositoryTest, TheChangeLogFindsAnEntitysNewestChange) {
  auto& log = db().changes();
  const auto a = log.Append({0, "article", 7, {3}, 100});
  const auto b = log.Append({0, "article", 8, {3}, 100});
  const auto c = log.Append({0, "article", 7, {3, 4}, 200});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*log.LatestFor("article", 7), std::optional<std::int64_t>(*c));
  EXPECT_EQ(*log.LatestFor("article", 8), std::optional<std::int64_t>(*b));
  EXPECT_EQ(*log.LatestFor("column", 7), std::nullopt) << "another kind's row is not the article's";
  EXPECT_EQ(*log.LatestFor("article", 9), std::nullopt);
  ASSERT_TRUE(log.Sweep(*c, 1000).ok());
  EXPECT_EQ(*log.LatestFor("article", 7), std::nullopt) << "swept rows are gone";
}

TEST_P(RepositoryTest, ExportReportsAreKeptOnePerExport) {
  auto& log = db().changes();
  EXPECT_TRUE(log.ExportReports()->empty());
  ExportReport r{.name = "web1:/srv/export", .seq = 12, .pages = 340, .following = true,
                 .started_at = 100, .checked_at = 160, .wrote_at = 150, .written = 4,
                 .deleted = 1};
  ASSERT_TRUE(log.PutExportReport(r).ok());
  ASSERT_TRUE(log.PutExportReport({.name = "a:/other", .seq = -1}).ok());
  r.seq = 15;
  r.checked_at = 220;
  r.error = "/srv/export is not writable.";
  r.error_at = 220;
  ASSERT_TRUE(log.PutExportReport(r).ok()) << "a second report of the same export replaces the first";
  auto all = log.ExportReports();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "a:/other") << "by name";
  EXPECT_EQ((*all)[0].seq, -1);
  EXPECT_FALSE((*all)[0].following);
  const ExportReport& got = (*all)[1];
  EXPECT_EQ(got.seq, 15);
  EXPECT_EQ(got.pages, 340);
  EXPECT_TRUE(got.following);
  EXPECT_EQ(got.started_at, 100);
  EXPECT_EQ(got.checked_at, 220);
  EXPECT_EQ(got.wrote_at, 150);
  EXPECT_EQ(got.written, 4);
  EXPECT_EQ(got.deleted, 1);
  EXPECT_EQ(got.error, "/srv/export is not writable.");
  EXPECT_EQ(got.error_at, 220);

  EXPECT_EQ(log.PutExportReport({.name = ""}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(log.PutExportReport({.name = std::string(kMaxExportReportName + 1, 'x')}).code(),
            Status::Code::kInvalidArgument);
  // A long error is cut at a character, never inside one.
  std::string long_error;
  while (long_error.size() < kMaxExportReportError + 10) long_error += "磁盘已满";
  ASSERT_TRUE(log.PutExportReport({.name = "a:/other", .error = long_error}).ok());
  const std::string kept = (*log.ExportReports())[0].error;
  EXPECT_LE(kept.size(), kMaxExportReportError);
  EXPECT_EQ(kept.size() % 3, 0u) << "whole three-byte characters";
  EXPECT_TRUE(long_error.starts_with(kept));

  // A pass under way: how far it has come, and nothing impossible.
  r.pass_done = 4500;
  r.pass_total = 10532;
  ASSERT_TRUE(log.PutExportReport(r).ok());
  EXPECT_EQ((*log.ExportReports())[1].pass_done, 4500);
  EXPECT_EQ((*log.ExportReports())[1].pass_total, 10532);
  r.pass_done = r.pass_total + 1;
  EXPECT_EQ(log.PutExportReport(r).code(), Status::Code::kInvalidArgument) << "more done than the pass holds";
  r.pass_done = -1;
  EXPECT_EQ(log.PutExportReport(r).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ((*log.ExportReports())[1].pass_done, 4500) << "a refused report changes nothing";
  r.pass_done = r.pass_total = 0;
  ASSERT_TRUE(log.PutExportReport(r).ok());
  EXPECT_EQ((*log.ExportReports())[1].pass_total, 0) << "the pass ended";

  // A push to the web server: what it carried, and its error.
  EXPECT_FALSE((*log.ExportReports())[1].pushes);
  EXPECT_EQ((*log.ExportReports())[1].pushed_seq, -1) << "never pushed";
  r.pushes = true;
  r.pushed_seq = 11;
  r.pushed_at = 1700000100;
  r.push_error = "ssh: connect to host dmz-web port 22: 拒绝连接";
  r.push_error_at = 1700000200;
  r.push_key = "0123456789abcdef";
  ASSERT_TRUE(log.PutExportReport(r).ok());
  const ExportReport pushed = (*log.ExportReports())[1];
  EXPECT_EQ(pushed.push_key, "0123456789abcdef");
  EXPECT_TRUE(pushed.pushes);
  EXPECT_EQ(pushed.pushed_seq, 11);
  EXPECT_EQ(pushed.pushed_at, 1700000100);
  EXPECT_EQ(pushed.push_error, r.push_error);
  EXPECT_EQ(pushed.push_error_at, 1700000200);
  r.pushed_seq = -2;
  EXPECT_EQ(log.PutExportReport(r).code(), Status::Code::kInvalidArgument);
  r.pushed_seq = 11;
  r.push_key = std::string(kMaxExportReportPushKey + 1, 'k');
  EXPECT_EQ(log.PutExportReport(r).code(), Status::Code::kInvalidArgument) << "a push key too long";
  r.push_key = "";
  r.pushes = false;
  EXPECT_EQ(log.PutExportReport(r).code(), Status::Code::kInvalidArgument)
      << "a pushed change without a push";
  r.pushed_seq = -1;
  r.push_key = "0123456789abcdef";
  EXPECT_EQ(log.PutExportReport(r).code(), Status::Code::kInvalidArgument)
      << "a push key without a push";
  r.pushed_seq = 11;
  r.push_key = "";
  EXPECT_EQ((*log.ExportReports())[1].pushed_seq, 11) << "a refused report changes nothing";
  r.push_error = std::string(kMaxExportReportError + 50, 'e');
  r.pushes = true;
  ASSERT_TRUE(log.PutExportReport(r).ok());
  EXPECT_EQ((*log.ExportReports())[1].push_error.size(), kMaxExportReportError);

  ASSERT_TRUE(log.DeleteExportReport("a:/other").ok());
  EXPECT_EQ(log.DeleteExportReport("a:/other").code(), Status::Code::kNotFound);
  EXPECT_EQ(log.ExportReports()->size(), 1u);
}

}  // namespace
}  // namespace procura
