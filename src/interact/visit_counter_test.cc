#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "interact/access_log.h"
#include "interact/visit_counter.h"
#include "interact/visitor_sketch.h"

namespace procura::interact {
namespace {

namespace fs = std::filesystem;

VisitorSketch SketchOf(std::uint64_t seed, int n) {
  std::mt19937_64 random(seed);
  VisitorSketch s;
  for (int i = 0; i < n; ++i) s.Add(random());
  return s;
}

TEST(VisitorSketch, SmallCountsAreExactAndLargeOnesClose) {
  EXPECT_EQ(VisitorSketch{}.Estimate(), 0);
  for (int n : {1, 2, 3, 17, 120, 400, 1000, 3000}) EXPECT_EQ(SketchOf(n, n).Estimate(), n) << n;
  EXPECT_FALSE(SketchOf(3000, 3000).dense()) << "3,000 visitors fit in 12 KB exactly";
  EXPECT_TRUE(SketchOf(3100, 3100).dense());
  for (int n : {5'000, 60'000, 400'000}) {
    const double e = static_cast<double>(SketchOf(n, n).Estimate());
    EXPECT_NEAR(e / n, 1.0, 0.03) << n << " estimated as " << e;
  }
  VisitorSketch twice = SketchOf(7, 1000);
  const std::int64_t once = twice.Estimate();
  std::mt19937_64 again(7);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(twice.Add(again())) << "a visitor seen is not new";
  EXPECT_EQ(twice.Estimate(), once);
}

TEST(VisitorSketch, MergedSketchesCountTheUnion) {
  // 30,000 visitors on one node, 20,000 on another, 10,000 of them on both.
  VisitorSketch a, b;
  std::mt19937_64 random(42);
  for (int i = 0; i < 40'000; ++i) {
    const std::uint64_t h = random();
    if (i < 30'000) a.Add(h);
    if (i >= 20'000) b.Add(h);
  }
  a.Merge(b);
  EXPECT_NEAR(static_cast<double>(a.Estimate()) / 40'000, 1.0, 0.03);
  VisitorSketch same = a;
  same.Merge(a);
  EXPECT_EQ(same.Bytes(), a.Bytes()) << "merging is idempotent";
  // Two sparse halves merge into the sketch that saw them all: the sparse
  // entries become the same registers as hashes added to a dense sketch.
  VisitorSketch first, second, all;
  std::mt19937_64 more(9);
  for (int i = 0; i < 4000; ++i) {
    const std::uint64_t h = more();
    (i < 2000 ? first : second).Add(h);
    all.Add(h);
  }
  ASSERT_FALSE(first.dense());
  first.Merge(second);
  EXPECT_TRUE(first.dense());
  EXPECT_EQ(first.Bytes(), all.Bytes());
}

TEST(VisitorSketch, BytesRoundTripAndBadBytesAreRefused) {
  const VisitorSketch sparse = SketchOf(3, 250), dense = SketchOf(4, 9000);
  VisitorSketch back;
  ASSERT_TRUE(back.FromBytes(dense.Bytes()));
  EXPECT_EQ(back.Estimate(), dense.Estimate());
  ASSERT_TRUE(back.FromBytes(sparse.Bytes()));
  EXPECT_EQ(back.Estimate(), 250);
  EXPECT_EQ(back.Bytes(), sparse.Bytes());
  EXPECT_EQ(sparse.Bytes().size(), 1 + 4 * 250u);
  for (std::string bad : {std::string(), std::string("x"), std::string("s123"),
                          dense.Bytes().substr(0, 100)})
    EXPECT_FALSE(back.FromBytes(bad)) << bad.size();
  std::string too_high = dense.Bytes();
  too_high[5] = static_cast<char>(60);  // no 64-bit hash has a run that long
  EXPECT_FALSE(back.FromBytes(too_high));
  std::string wide = sparse.Bytes();
  wide[wide.size() - 1] = static_cast<char>(0x80);  // the last bucket beyond 2^25: a register past the end
  EXPECT_FALSE(back.FromBytes(wide));
  std::string unsorted = sparse.Bytes();
  std::swap_ranges(unsorted.begin() + 1, unsorted.begin() + 5, unsorted.begin() + 5);
  EXPECT_FALSE(back.FromBytes(unsorted));
  EXPECT_EQ(back.Estimate(), 250) << "a refused sketch changes nothing";
}

class VisitCounterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-visits-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
  }
  void TearDown() override {
    storage_.reset();
    fs::remove_all(dir_);
  }
  std::int64_t VisitorsOn(const std::string& day) {
    auto rows = storage_->inspection().Visitors(day);
    return rows.ok() && !rows->empty() ? rows->front().second : -1;
  }
  fs::path dir_;
  std::unique_ptr<Storage> storage_;
};

constexpr UnixSeconds kNoonNov30 = 1'796'011'200;  // 2026-11-30 12:00 in Beijing (+08:00)
constexpr int kBeijing = 8 * 60;

TEST_F(VisitCounterTest, OnePersonServedByTwoNodesIsOneVisitor) {
  auto secret = VisitorSecret(*storage_);
  ASSERT_TRUE(secret.ok()) << secret.status().message();
  EXPECT_EQ(*VisitorSecret(*storage_), *secret) << "every node gets the stored secret";
  VisitCounter node1(kBeijing, *secret), node2(kBeijing, *secret);
  node1.Count("home", 0, "198.51.100.7", "Phone A", kNoonNov30);
  node2.Count("article", 38, "198.51.100.7", "Phone A", kNoonNov30 + 60);  // the same reader
  node2.Count("home", 0, "198.51.100.8", "Phone B", kNoonNov30 + 61);
  node1.Count("home", 0, "198.51.100.9", "Phone C", kNoonNov30 + 62);
  ASSERT_TRUE(node1.Flush(*storage_).ok());
  EXPECT_EQ(VisitorsOn("2026-11-30"), 2);
  ASSERT_TRUE(node2.Flush(*storage_).ok());
  EXPECT_EQ(VisitorsOn("2026-11-30"), 3);
  // A third node with another secret (a misconfigured one) cannot lower it.
  VisitCounter stray(kBeijing, "another secret");
  stray.Count("home", 0, "198.51.100.7", "Phone A", kNoonNov30 + 70);
  ASSERT_TRUE(stray.Flush(*storage_).ok());
  EXPECT_EQ(VisitorsOn("2026-11-30"), 4) << "its reader hashes apart, so counts again";
  auto views = storage_->inspection().PageViews("2026-11-30");
  ASSERT_TRUE(views.ok());
  std::int64_t total = 0;
  for (const auto& v : *views) total += v.views;
  EXPECT_EQ(total, 5);
}

TEST_F(VisitCounterTest, ANewDayHasANewKeyAndOldSketchesAreDeleted) {
  VisitCounter node(kBeijing, "secret");
  node.Count("home", 0, "198.51.100.7", "Phone A", kNoonNov30);
  ASSERT_TRUE(node.Flush(*storage_).ok());
  // Unflushed visits of the 30th are stored under the 30th after midnight.
  node.Count("home", 0, "198.51.100.8", "Phone B", kNoonNov30 + 11 * 3600 + 59 * 60);
  node.Count("home", 0, "198.51.100.7", "Phone A", kNoonNov30 + 12 * 3600 + 10);  // 1 December
  ASSERT_TRUE(node.Flush(*storage_).ok());
  EXPECT_EQ(VisitorsOn("2026-11-30"), 2);
  EXPECT_EQ(VisitorsOn("2026-12-01"), 1);
  EXPECT_EQ(storage_->inspection().VisitorSketches("2026-11-30")->size(), 1u) << "kept until yesterday ends";
  node.Count("home", 0, "198.51.100.7", "Phone A", kNoonNov30 + 2 * 86400);  // 2 December
  ASSERT_TRUE(node.Flush(*storage_).ok());
  EXPECT_TRUE(storage_->inspection().VisitorSketches("2026-11-30")->empty());
  EXPECT_EQ(storage_->inspection().VisitorSketches("2026-12-01")->size(), 1u);
  EXPECT_EQ(VisitorsOn("2026-11-30"), 2) << "the count outlives its sketches";
}

}  // namespace
}  // namespace procura::interact

namespace procura::interact {
namespace {

TEST(AccessLog, CombinedLinesAreReadAndBadOnesRefused) {
  auto r = ParseCombinedLogLine(
      R"(198.51.100.7 - - [01/Dec/2026:08:15:02 +0800] "GET /articles/38/?from=feed HTTP/1.1" 200 5123 "https://example.gov.cn/" "Mozilla/5.0 (Linux; Android 13) \"quoted\"")");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->client, "198.51.100.7");
  EXPECT_EQ(r->at, 1'796'084'102);  // 2026-12-01 00:15:02 UTC
  EXPECT_EQ(r->method, "GET");
  EXPECT_EQ(r->target, "/articles/38/?from=feed");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->user_agent, R"(Mozilla/5.0 (Linux; Android 13) \"quoted\")");
  auto west = ParseCombinedLogLine(R"(::1 - - [30/Nov/2026:19:15:02 -0500] "GET / HTTP/2.0" 304 0 "-" "curl")");
  ASSERT_TRUE(west);
  EXPECT_EQ(west->at, 1'796'084'102);
  for (const char* bad : {"", "garbage", R"(1.2.3.4 - - [31/Feb/2026:08:15:02 +0800] "GET / HTTP/1.1" 200 1 "-" "x")",
                          R"(1.2.3.4 - - [01/Dec/2026:08:15:02] "GET / HTTP/1.1" 200 1 "-" "x")",
                          R"(1.2.3.4 - - [01/Dec/2026:08:15:02 +0800] "" 400 0 "-" "-")",
                          R"(1.2.3.4 - - [01/Dec/2026:08:15:02 +0800] "GET / HTTP/1.1" ok 1 "-" "x")",
                          R"(1.2.3.4 - - [01/Dec/2026:08:15:02 +0800] "GET / HTTP/1.1" 200 1 "-" "unterminated)"})
    EXPECT_FALSE(ParseCombinedLogLine(bad)) << bad;
}

TEST(AccessLog, PagesCountAsTheServerCountsThem) {
  const std::map<std::string, std::int64_t> columns{{"highlights", 2}};
  auto hit = [&](std::string target, int status = 200, std::string method = "GET") {
    LogRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.status = status;
    auto p = PageViewOf(r, columns);
    return p ? std::string(p->kind) + ":" + std::to_string(p->id) : std::string("-");
  };
  EXPECT_EQ(hit("/"), "home:0");
  EXPECT_EQ(hit("/index.html"), "home:0");
  EXPECT_EQ(hit("/en/"), "home:0");
  EXPECT_EQ(hit("/articles/38/"), "article:38");
  EXPECT_EQ(hit("/zh/articles/38/index.html?x=1"), "article:38");
  EXPECT_EQ(hit("/columns/highlights/"), "column:2");
  EXPECT_EQ(hit("/columns/highlights/page/3/"), "column:2");
  EXPECT_EQ(hit("/articles/38/", 304), "article:38");
  for (const char* other : {"/articles/38", "/articles/x/", "/columns/nope/", "/columns/highlights/page/x/",
                            "/feed.xml", "/static/css/site.css", "/media/a.jpg", "/search?q=1", "/fr/"})
    EXPECT_EQ(hit(other), "-") << other;
  EXPECT_EQ(hit("/articles/38/", 404), "-");
  EXPECT_EQ(hit("/articles/38/", 200, "HEAD"), "-");
}

}  // namespace
}  // namespace procura::interact
