#include "content/export_health.h"

#include <gtest/gtest.h>

namespace procura {
namespace {

ExportReport Following(std::int64_t seq, UnixSeconds checked_at) {
  return {.name = "web:/srv/export", .seq = seq, .following = true, .checked_at = checked_at};
}

TEST(ExportHealth, AFollowerWithEveryChangeIsUpToDate) {
  const auto c = CheckExport(Following(40, 1000), 40, 1030);
  EXPECT_EQ(c.health, ExportHealth::kUpToDate);
  EXPECT_EQ(c.changes_waiting, 0);
  EXPECT_EQ(c.silent_for, 30);
  EXPECT_FALSE(NeedsAttention(c));
}

TEST(ExportHealth, AFollowerBehindIsCatchingUpUntilItFallsSilent) {
  EXPECT_EQ(CheckExport(Following(38, 1000), 40, 1010).health, ExportHealth::kCatchingUp);
  EXPECT_EQ(CheckExport(Following(38, 1000), 40, 1010).changes_waiting, 2);
  const auto silent = CheckExport(Following(40, 1000), 40, 1000 + kExportSilentAfter);
  EXPECT_EQ(silent.health, ExportHealth::kSilent) << "even with nothing waiting: nobody would apply the next";
  EXPECT_TRUE(NeedsAttention(silent));
  EXPECT_EQ(CheckExport(Following(40, 1000), 40, 999 + kExportSilentAfter).health,
            ExportHealth::kUpToDate);
}

TEST(ExportHealth, AOneOffExportIsNeverSilentButChangesWait) {
  ExportReport r{.name = "web:/srv/export", .seq = 40, .checked_at = 1000};
  EXPECT_EQ(CheckExport(r, 40, 1000 + 86400).health, ExportHealth::kUpToDate);
  const auto c = CheckExport(r, 45, 1000 + 86400);
  EXPECT_EQ(c.health, ExportHealth::kNotFollowing);
  EXPECT_EQ(c.changes_waiting, 5);
  EXPECT_FALSE(NeedsAttention(c));
}

TEST(ExportHealth, APassUnderWayIsUpdatingUntilItFallsSilent) {
  // A one-off export's long first pass: it follows nothing, yet it works.
  ExportReport r{.name = "web:/srv/export", .seq = -1, .checked_at = 1000, .pass_done = 4500,
                 .pass_total = 10532};
  EXPECT_EQ(CheckExport(r, 40, 1005).health, ExportHealth::kCatchingUp);
  const auto dead = CheckExport(r, 40, 1000 + kExportSilentAfter);
  EXPECT_EQ(dead.health, ExportHealth::kSilent) << "killed mid-pass: nothing will finish it";
  EXPECT_TRUE(NeedsAttention(dead));
  // A follower's full pass after a settings change: updating, even though
  // its position already is the newest change's.
  r = Following(40, 1000);
  r.pass_done = 10;
  r.pass_total = 10532;
  EXPECT_EQ(CheckExport(r, 40, 1005).health, ExportHealth::kCatchingUp);
  r.pass_done = r.pass_total = 0;
  EXPECT_EQ(CheckExport(r, 40, 1005).health, ExportHealth::kUpToDate) << "the pass ended";
}

TEST(ExportHealth, AnErrorOutweighsEverythingElse) {
  ExportReport r = Following(40, 1000);
  r.error = "/srv/export is not writable.";
  const auto c = CheckExport(r, 40, 1001);
  EXPECT_EQ(c.health, ExportHealth::kFailing);
  EXPECT_TRUE(NeedsAttention(c));
}

TEST(ExportHealth, AnExportThatNeverFinishedHoldsNothing) {
  ExportReport r = Following(-1, 1000);
  EXPECT_EQ(CheckExport(r, 0, 1001).health, ExportHealth::kCatchingUp) << "an empty site, not yet exported";
  EXPECT_EQ(CheckExport(r, 7, 1001).changes_waiting, 7);
  EXPECT_TRUE(ExportHolds(Following(7, 0), 7));
  EXPECT_FALSE(ExportHolds(Following(6, 0), 7));
}

TEST(ExportHealth, AnArticlesStaticCopyIsTheWorstOfEveryExport) {
  EXPECT_EQ(StaticCopyOf({}, 40, 30, 1000), StaticCopy::kNoExport);
  std::vector<ExportReport> two{Following(40, 1000), Following(35, 1000)};
  EXPECT_EQ(StaticCopyOf(two, 40, 30, 1010), StaticCopy::kCurrent);
  EXPECT_EQ(StaticCopyOf(two, 40, 38, 1010), StaticCopy::kWaiting) << "the second is behind it";
  EXPECT_EQ(StaticCopyOf(two, 40, 38, 1000 + kExportSilentAfter), StaticCopy::kTrouble);
  EXPECT_EQ(StaticCopyOf(two, 40, 30, 1000 + kExportSilentAfter), StaticCopy::kCurrent)
      << "a silent export that holds the change still holds it";
  two[1].error = "disk full";
  EXPECT_EQ(StaticCopyOf(two, 40, 38, 1010), StaticCopy::kTrouble);
  EXPECT_EQ(StaticCopyOf(two, 40, std::nullopt, 1010), StaticCopy::kCurrent) << "swept: old";
  two[1].seq = -1;
  EXPECT_EQ(StaticCopyOf(two, 40, std::nullopt, 1010), StaticCopy::kTrouble) << "it holds nothing";
}

TEST(ExportHealth, AnExportThatPushesIsOnlyAsCurrentAsItsLastGoodPush) {
  ExportReport r = Following(40, 1000);
  r.pushes = true;
  EXPECT_EQ(PublicSeq(r), -1) << "written, never pushed";
  EXPECT_EQ(CheckExport(r, 40, 1001).health, ExportHealth::kCatchingUp) << "its push comes next";
  EXPECT_EQ(CheckExport(r, 40, 1001).changes_waiting, 40);
  EXPECT_FALSE(ExportHolds(r, 7));
  r.pushed_seq = 38;
  EXPECT_EQ(CheckExport(r, 40, 1001).changes_waiting, 2);
  EXPECT_TRUE(ExportHolds(r, 38));
  EXPECT_FALSE(ExportHolds(r, 39)) << "written beside the CMS, not yet on the web server";
  r.pushed_seq = 40;
  EXPECT_EQ(CheckExport(r, 40, 1001).health, ExportHealth::kUpToDate);

  r.push_error = "ssh: connect to host dmz-web port 22: Connection refused";
  const auto failing = CheckExport(r, 40, 1001);
  EXPECT_EQ(failing.health, ExportHealth::kPushFailing);
  EXPECT_TRUE(NeedsAttention(failing));
  r.error = "disk full";
  EXPECT_EQ(CheckExport(r, 40, 1001).health, ExportHealth::kFailing) << "writing comes first";
  r.error.clear();

  // A one-off export whose push failed leaves its changes on the CMS side.
  r.following = false;
  r.seq = 45;
  EXPECT_EQ(CheckExport(r, 45, 1000 + 86400).health, ExportHealth::kPushFailing);
  r.push_error.clear();
  EXPECT_EQ(CheckExport(r, 45, 1000 + 86400).health, ExportHealth::kNotFollowing);

  std::vector<ExportReport> one{r};
  one[0].push_error = "rsync error";
  EXPECT_EQ(StaticCopyOf(one, 45, 42, 1001), StaticCopy::kTrouble);
  EXPECT_EQ(StaticCopyOf(one, 45, 40, 1001), StaticCopy::kCurrent) << "pushed before the failure";
}

}  // namespace
}  // namespace procura
