// The repository suite, media part: files and attachments, where a file
// is used (articles, meeting and class photos), the media library's pages,
// and releasing private photos. Run on every backend like repository_test.cc.
#include <functional>

#include "storage/repository_fixture.h"

namespace procura {
namespace {

TEST_P(RepositoryTest, MediaAndAttachmentsSettle) {
  const auto col = Column("news");
  const auto art = Article(col, "附件");
  const auto m1 = Media("a.jpg");
  const auto m2 = Media("b.pdf");
  EXPECT_EQ(db().content().InsertMedia({0, "a.jpg", "image/jpeg"}).status().code(),
            Status::Code::kAlreadyExists);
  ASSERT_TRUE(db().content().AddAttachment({art, m1, 0, ""}).ok());
  ASSERT_TRUE(db().content().AddAttachment({art, m1, 0, ""}).ok());  // twice is once
  ASSERT_TRUE(db().content().AddAttachment({art, m2, 1, "add"}).ok());
  EXPECT_EQ(db().content().ListAttachments()->size(), 2u);
  EXPECT_FALSE(db().content().DeleteMedia(m1).ok());  // in use
  ASSERT_TRUE(db().content().SetAttachmentPending(art, m1, "remove").ok());
  ASSERT_TRUE(db().content().SettlePendingAttachments(art, /*apply=*/true).ok());
  auto left = db().content().ListAttachmentsOf(art);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].media_id, m2);
  EXPECT_EQ((*left)[0].pending, "");
  ASSERT_TRUE(db().content().RemoveAttachment(art, m2).ok());
  ASSERT_TRUE(db().content().DeleteMedia(m1).ok());
  EXPECT_EQ(db().content().ListMedia()->size(), 1u);
}

TEST_P(RepositoryTest, AMediaItemsAltTextIsReplaced) {
  const auto image = Media("00112233445566778899aabb.jpg");
  ASSERT_TRUE(db().content().SetMediaAlt(image, "党支部书记培训班合影").ok());
  EXPECT_EQ((**db().content().GetMedia(image)).alt_text, "党支部书记培训班合影");
  ASSERT_TRUE(db().content().SetMediaAlt(image, "").ok());
  EXPECT_EQ((**db().content().GetMedia(image)).alt_text, "");
  EXPECT_EQ(db().content().SetMediaAlt(image + 1000, "x").code(), Status::Code::kNotFound);
}

// Where a file is used, so that deleting it is refused: an article's lead
// image, a body that names it or one of its sizes, an attachment, a
// pending revision, a meeting's photos; nothing else matches.
TEST_P(RepositoryTest, MediaUsesAreFoundWhereverAFileIsShown) {
  const auto col = Column("news");
  const auto image = Media("0123456789abcdef01234567.jpg");
  const auto other = Media("fedcba9876543210fedcba98.jpg");
  const auto stem = std::string("0123456789abcdef01234567");
  const auto uses = [&](std::int64_t id, const std::string& s) {
    auto found = db().content().FindMediaUses(id, s, 100);
    EXPECT_TRUE(found.ok()) << found.status().message();
    std::vector<std::string> out;
    if (found.ok())
      for (const auto& u : *found) out.push_back(u.kind + ":" + u.title);
    return out;
  };
  EXPECT_TRUE(uses(image, stem).empty());
  const auto update = [&](std::int64_t id, const std::function<void(ArticleRecord&)>& change) {
    auto a = **db().content().GetArticle(id);
    change(a);
    ASSERT_TRUE(db().articles().UpdateArticle(a).ok());
  };
  const auto lead = Article(col, "题图");
  update(lead, [&](ArticleRecord& a) { a.lead_media_id = image; });
  const auto body = Article(col, "正文");
  update(body, [&](ArticleRecord& a) { a.body_md = "图：![讲课](/media/" + stem + "-w640.jpg)"; });
  const auto attached = Article(col, "附件");
  ASSERT_TRUE(db().content().AddAttachment({attached, image, 0, "add"}).ok());
  const auto pending = Article(col, "待审修改");
  RevisionRecord r;
  r.article_id = pending;
  r.column_id = col;
  r.title = "待审修改";
  r.lead_media_id = image;
  auto rev = db().articles().InsertRevision(r);
  ASSERT_TRUE(rev.ok());
  update(pending, [&](ArticleRecord& a) { a.pending_revision = *rev; });
  const auto old_revision_only = Article(col, "旧修订");
  r.article_id = old_revision_only;
  ASSERT_TRUE(db().articles().InsertRevision(r).ok());  // not pending: not a use
  const auto branch = Unit("branch", "第一支部");
  MeetingRecord m;
  m.branch_id = branch;
  m.kind = "committee";
  m.held_on = "2026-03-31";
  m.starts_at = "14:30";
  m.topic = "支委会";
  m.created_at = 1;
  m.photos = std::to_string(other) + "," + std::to_string(image);
  ASSERT_TRUE(db().branch_life().InsertMeeting(m).ok());
  m.topic = "另一次会议";
  m.photos = std::to_string(image) + "0";  // another id's digits
  ASSERT_TRUE(db().branch_life().InsertMeeting(m).ok());
  ClassRecord c;
  c.title = "支部书记培训班";
  c.start_date = c.end_date = "2026-05-01";
  auto cid = db().training().InsertClass(c);
  ASSERT_TRUE(cid.ok()) << cid.status().message();
  ASSERT_TRUE(db().training().SetClassPhotos(*cid, "", std::to_string(image)).ok());
  c.title = "另一个培训班";
  auto other_class = db().training().InsertClass(c);
  ASSERT_TRUE(other_class.ok());
  ASSERT_TRUE(db().training().SetClassPhotos(*other_class, "", "1" + std::to_string(image)).ok());
  EXPECT_EQ(uses(image, stem), (std::vector<std::string>{"article:题图", "article:正文", "article:附件",
                                                          "article:待审修改", "class:支部书记培训班",
                                                          "meeting:支委会"}));
  EXPECT_EQ(uses(other, "fedcba9876543210fedcba98"), (std::vector<std::string>{"meeting:支委会"}));
  auto two = db().content().FindMediaUses(image, stem, 2);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->size(), 2u) << "at most the limit";
  EXPECT_EQ(uses(image, "").size(), 5u) << "no stem: bodies are not searched";
  EXPECT_TRUE(uses(other + 1000, "%").empty()) << "% is a character";
}

// Bodies are looked up in the index written with each article: a file
// taken out of the body stops being a use, one named only in a pending
// revision's body is one. An article stored before the index (marked
// unindexed) is found by scanning its body until IndexMediaRefs records it.
TEST_P(RepositoryTest, MediaUsesInBodiesFollowEachSaveAndOldRowsAreIndexed) {
  const auto col = Column("news");
  const auto image = Media("aaaabbbbccccddddeeeeffff.jpg");
  const std::string stem = "aaaabbbbccccddddeeeeffff";
  const auto titles = [&] {
    std::vector<std::string> out;
    for (const auto& u : *db().content().FindMediaUses(image, stem, 100)) out.push_back(u.title);
    return out;
  };
  const auto id = Article(col, "讲课");
  auto a = **db().content().GetArticle(id);
  a.body_md = "![讲课](/media/" + stem + "-w480.jpg)";
  ASSERT_TRUE(db().articles().UpdateArticle(a).ok());
  EXPECT_EQ(titles(), std::vector<std::string>{"讲课"});
  a = **db().content().GetArticle(id);
  a.body_md = "图已删去。";
  ASSERT_TRUE(db().articles().UpdateArticle(a).ok());
  EXPECT_TRUE(titles().empty()) << "out of the body, out of the index";

  RevisionRecord r;
  r.article_id = id;
  r.column_id = col;
  r.title = "讲课";
  r.body_md = "新图：[原图](/media/" + stem + ".jpg)";
  auto rev = db().articles().InsertRevision(r);
  ASSERT_TRUE(rev.ok());
  a = **db().content().GetArticle(id);
  a.pending_revision = *rev;
  ASSERT_TRUE(db().articles().UpdateArticle(a).ok());
  EXPECT_EQ(titles(), std::vector<std::string>{"讲课"}) << "the pending revision's body";

  // Rows from before the index: nothing recorded, marked unindexed.
  const auto old = Article(col, "旧文章");
  RawExec("DELETE FROM article_media_refs; UPDATE articles SET media_indexed = 0; "
          "UPDATE articles SET body_md = '旧图 /media/" + stem + ".jpg' WHERE id = " +
          std::to_string(old));
  EXPECT_EQ(titles(), (std::vector<std::string>{"讲课", "旧文章"})) << "found by scanning";
  auto indexed = db().articles().IndexMediaRefs(1);
  ASSERT_TRUE(indexed.ok()) << indexed.status().message();
  EXPECT_EQ(*indexed, 1) << "at most the limit";
  EXPECT_EQ(*db().articles().IndexMediaRefs(100), 1);
  EXPECT_EQ(*db().articles().IndexMediaRefs(100), 0) << "all indexed";
  RawExec("UPDATE articles SET body_md = '' WHERE id = " + std::to_string(old));
  EXPECT_EQ(titles(), (std::vector<std::string>{"讲课", "旧文章"}))
      << "now read from the index (a raw write is not seen)";
}

// The media library's pages: newest first, by kind and by text in the
// name or alt text (any case, no pattern characters), with the total.
TEST_P(RepositoryTest, MediaLibraryPagesFilterAndCount) {
  auto add = [&](std::string stored, std::string kind, std::string name, std::string alt) {
    MediaRecord m{0, std::move(stored), kind == "image" ? "image/jpeg" : "application/pdf"};
    m.kind = std::move(kind);
    m.original_name = std::move(name);
    m.alt_text = std::move(alt);
    return *db().content().InsertMedia(m);
  };
  const auto lecture = add("l.jpg", "image", "Lecture.JPG", "政治部主任授课");
  const auto exchange = add("e.jpg", "image", "exchange.jpg", "支部书记交流发言");
  const auto plan = add("p.pdf", "document", "培训方案.pdf", "");
  const auto percent = add("x.jpg", "image", "100%_done.jpg", "");
  auto page = db().content().FindMedia({"image", "", 0, 2});
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, percent) << "newest first";
  EXPECT_EQ(page->items[1].id, exchange);
  auto second = db().content().FindMedia({"image", "", 2, 2});
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].id, lecture);
  auto found = db().content().FindMedia({"", "lecture", 0, 50});
  ASSERT_EQ(found->items.size(), 1u) << "any case";
  EXPECT_EQ(found->items[0].id, lecture);
  EXPECT_EQ(db().content().FindMedia({"", "书记", 0, 50})->items.at(0).id, exchange) << "alt text";
  EXPECT_EQ(db().content().FindMedia({"document", "", 0, 50})->items.at(0).id, plan);
  EXPECT_EQ(db().content().FindMedia({"", "%", 0, 50})->total, 1) << "% is a character";
  EXPECT_EQ(db().content().FindMedia({"", "_", 0, 50})->total, 1) << "_ is a character";
  EXPECT_EQ(db().content().FindMedia({"", "'; DROP TABLE media; --", 0, 50})->total, 0);
  auto one = db().content().GetMedia(plan);
  ASSERT_TRUE(one.ok()) << one.status().message();
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ((*one)->original_name, "培训方案.pdf");
  EXPECT_EQ((*one)->kind, "document");
  EXPECT_FALSE(db().content().GetMedia(plan + 1000)->has_value());
  auto counted = db().content().FindMedia({"", "", 0, 0});
  EXPECT_EQ(counted->total, 4);
  EXPECT_TRUE(counted->items.empty()) << "limit 0: only the total";
  EXPECT_TRUE(db().content().FindMedia({"image", "", 40, 20})->items.empty());
}

TEST_P(RepositoryTest, PrivateMediaAreReleasedOnceByIdOrName) {
  const auto open = Media("open.jpg");
  MediaRecord photo{0, "meeting.jpg", "image/jpeg"};
  photo.is_private = true;
  const auto by_id = *db().content().InsertMedia(photo);
  photo.stored_name = "meeting2.jpg";
  const auto by_name = *db().content().InsertMedia(photo);
  const auto private_ids = [&] {
    std::vector<std::int64_t> ids;
    const auto all = db().content().ListMedia();  // kept alive for the loop
    for (const auto& m : *all)
      if (m.is_private) ids.push_back(m.id);
    return ids;
  };
  EXPECT_EQ(private_ids(), (std::vector<std::int64_t>{by_id, by_name}));
  const std::vector<std::int64_t> ids = {open, by_id, 9999};
  const std::vector<std::string> names = {"meeting2.jpg", "open.jpg", "nothing.jpg"};
  auto released = db().content().ReleaseMedia(ids, names);
  ASSERT_TRUE(released.ok()) << released.status().message();
  EXPECT_EQ(*released, (std::vector<std::int64_t>{by_id, by_name}));  // the public one is not listed
  EXPECT_TRUE(private_ids().empty());
  released = db().content().ReleaseMedia(ids, names);  // once only
  ASSERT_TRUE(released.ok());
  EXPECT_TRUE(released->empty());
}

}  // namespace
}  // namespace procura
