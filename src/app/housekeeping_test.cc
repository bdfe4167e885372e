// The sweepers on a real SQLite file with rows dated in the past.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "app/housekeeping.h"

namespace procura::app {
namespace {

namespace fs = std::filesystem;

TEST(Housekeeping, SweepsWhatHasExpiredAndKeepsTheRest) {
  const fs::path dir = fs::temp_directory_path() / ("procura-sweep-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir / "imports");
  auto storage = std::move(OpenSqliteStorage(dir)).value();
  const UnixSeconds now = NowUnix();  // previews are judged by their real file times
  UserRecord u;
  u.name = "ed";
  u.password_hash = "$argon2id$x";
  u.roles = {"editor"};
  const auto uid = *storage->users().InsertUser(u);
  auth::SessionPolicy sp;
  // Sessions: one idle too long, one past its absolute limit, one live.
  ASSERT_TRUE(storage->users().InsertSession({"idle", uid, "c", now - 3600, now - sp.idle_seconds - 1, ""}).ok());
  ASSERT_TRUE(storage->users().InsertSession({"old", uid, "c", now - sp.absolute_seconds - 1, now, ""}).ok());
  ASSERT_TRUE(storage->users().InsertSession({"live", uid, "c", now - 60, now - 60, ""}).ok());
  // Throttle rows and second-step tickets: one old, one recent each.
  ASSERT_TRUE(storage->users().RecordLoginFailure("a", "1.1.1.1", now - sp.failure_memory_seconds - 1).ok());
  ASSERT_TRUE(storage->users().RecordLoginFailure("b", "1.1.1.1", now - 10).ok());
  ASSERT_TRUE(storage->users().InsertMfaTicket("t-old", uid, now - auth::kMfaTicketSeconds - 1).ok());
  ASSERT_TRUE(storage->users().InsertMfaTicket("t-new", uid, now - 10).ok());
  // Change log: five rows, the reader has applied three.
  // Change log: five rows (four old enough to sweep), the reader has applied three.
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(storage->changes()
                    .Append({0, "article", 1, {}, i < 4 ? now - kChangeLogRetentionSeconds - 1 : now})
                    .ok());
  // Import previews: one two hours old, one fresh.
  for (const char* name : {"old-preview", "new-preview"}) std::ofstream(dir / "imports" / name) << "x";
  fs::last_write_time(dir / "imports" / "old-preview",
                      fs::file_time_type::clock::now() - std::chrono::hours(2));

  auto n = SweepExpired(*storage, sp, 3, dir / "imports", now);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->sessions, 2);
  EXPECT_EQ(n->throttle_rows, 1);
  EXPECT_EQ(n->mfa_tickets, 1);
  EXPECT_EQ(n->changes, 3);
  EXPECT_EQ(n->import_previews, 1);
  EXPECT_TRUE(storage->users().FindSession("live")->has_value());
  EXPECT_FALSE(storage->users().FindSession("idle")->has_value());
  EXPECT_EQ(storage->users().LoginFailures("b", "1.1.1.1")->first, 1);
  EXPECT_TRUE(storage->users().FindMfaTicket("t-new")->has_value());
  EXPECT_EQ(*storage->changes().Latest(), 5) << "the log keeps its position";
  EXPECT_EQ(storage->changes().Since(0, 100)->size(), 2u);
  EXPECT_TRUE(fs::exists(dir / "imports" / "new-preview"));
  // Everything applied: the recent row stays for running readers, and
  // numbering goes on past the swept rows.
  n = SweepExpired(*storage, sp, 5, dir / "imports", now);
  EXPECT_EQ(n->changes, 1);
  EXPECT_EQ(*storage->changes().Latest(), 5);
  EXPECT_EQ(*storage->changes().Append({0, "site", 0, {}, now}), 6);
  storage.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace procura::app
