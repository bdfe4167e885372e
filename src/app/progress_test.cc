// The progress reporter's lines, on a time that the test moves.
#include "app/progress.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace procura::app {
namespace {

using namespace std::chrono_literals;
using Clock = ProgressLine::Clock;

// What `report` wrote through a memory stream.
template <typename Fn>
std::string Captured(Fn report) {
  char* buf = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buf, &size);
  report(f);
  std::fclose(f);
  std::string out(buf, size);
  std::free(buf);
  return out;
}

TEST(ProgressLine, PlainLinesEveryTenthAndEveryMinuteWithTheTimeLeftAndTaken) {
  const Clock::time_point t0{};
  const std::string out = Captured([&](std::FILE* f) {
    ProgressLine p("export", "pages", false, f, t0);
    for (int i = 1; i <= 50; ++i) p.Report(i, 1000, t0 + i * 4s);  // 5% in 200 s: lines by the minute
    for (int i = 51; i <= 1000; ++i) p.Report(i, 1000, t0 + 200s + (i - 50) * 100ms);
    p.Report(1000, 1000, t0 + 300s);  // told twice: said once
  });
  EXPECT_NE(out.find("export: 15/1000 pages (1%), about 1h05m left\n"), std::string::npos) << out;
  EXPECT_NE(out.find("export: 30/1000 pages (3%), about 1h04m left\n"), std::string::npos) << out;
  EXPECT_NE(out.find("export: 100/1000 pages (10%), about "), std::string::npos) << out;
  EXPECT_NE(out.find("export: 1000/1000 pages (100%) in 4m55s\n"), std::string::npos) << out;
  std::size_t lines = 0;
  for (char c : out) lines += c == '\n';
  EXPECT_EQ(lines, 3u + 9u + 1u) << "by the minute three times, each tenth, the end once: " << out;
}

TEST(ProgressLine, ATerminalBarIsRedrawnAtMostTenTimesASecond) {
  const Clock::time_point t0{};
  const std::string out = Captured([&](std::FILE* f) {
    ProgressLine p("export", "pages", true, f, t0);
    for (int i = 1; i <= 10000; ++i) p.Report(i, 10000, t0 + i * 1ms);  // 10 s
  });
  std::size_t draws = 0;
  for (char c : out) draws += c == '\r';
  EXPECT_LE(draws, 101u);
  EXPECT_GE(draws, 90u);
  EXPECT_NE(out.find("[####################] 100% 10000/10000 in 10s"), std::string::npos) << out;
  EXPECT_NE(out.find("[##########----------]  50% 5000/10000, about 6s left"), std::string::npos);
}

TEST(ProgressLine, DurationsReadLikeAClock) {
  EXPECT_EQ(FormatDuration(45s), "45s");
  EXPECT_EQ(FormatDuration(125s), "2m05s");
  EXPECT_EQ(FormatDuration(3720s), "1h02m");
}

}  // namespace
}  // namespace procura::app
