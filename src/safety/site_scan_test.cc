// ScanPublished over a real SQLite file: the same findings, in the same
// order, whether one thread or several check the articles, and progress
// reported on the calling thread up to (total, total).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>

#include "safety/site_scan.h"

namespace procura::safety {
namespace {

namespace fs = std::filesystem;

TEST(ScanPublished, SeveralThreadsFindWhatOneFinds) {
  const fs::path dir =
      fs::temp_directory_path() / ("procura-scan-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  {
    auto storage = std::move(OpenSqliteStorage(dir)).value();
    ColumnRecord c;
    c.slug = "news";
    c.name = "News";
    const auto col = *storage->content().InsertColumn(c);
    ASSERT_TRUE(storage->InTransaction([&](Storage& tx) -> Status {
      for (int i = 0; i < 1000; ++i) {
        ArticleRecord a;
        a.column_id = col;
        a.title = "工作动态 " + std::to_string(i);
        a.body_md = i % 7 == 0 ? "本文件属 機 . 密 材料。" : "支部书记培训班开班。";
        a.status = i % 10 == 9 ? kStatusDraft : kStatusPublished;
        if (a.status == kStatusPublished) a.published_at = 1600000000 + i;
        auto id = tx.content().InsertArticle(a);
        if (!id.ok()) return id.status();
      }
      return Status::Ok();
    }).ok());
    WordEntryRecord e;
    e.category = "confidential";
    e.word = "机密";
    e.level = "block";
    const WordScanner scanner({e});
    std::vector<std::int64_t> one, many;
    for (unsigned threads : {1u, 4u}) {
      std::size_t last_done = 0, last_total = 0;
      const auto caller = std::this_thread::get_id();
      bool off_thread = false;
      auto found = ScanPublished(
          *storage, scanner,
          [&](std::size_t done, std::size_t total) {
            off_thread |= std::this_thread::get_id() != caller;
            last_done = done;
            last_total = total;
          },
          threads);
      ASSERT_TRUE(found.ok()) << found.status().message();
      EXPECT_FALSE(off_thread) << "progress comes on the calling thread";
      EXPECT_EQ(last_done, 900u);
      EXPECT_EQ(last_total, 900u);
      for (const auto& f : *found) (threads == 1 ? one : many).push_back(f.id);
    }
    // i % 7 == 0 and published (i % 10 != 9): 143 multiples of 7 below
    // 1000, less the 14 that end in 9.
    EXPECT_EQ(one.size(), 129u);
    EXPECT_EQ(one, many);
    EXPECT_TRUE(std::is_sorted(one.rbegin(), one.rend())) << "newest first";
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace procura::safety
