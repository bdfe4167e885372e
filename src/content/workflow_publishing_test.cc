// The workflow's checks before publishing, the private photos a publish
// releases, pinning, and stored bodies rendered again or in a batch.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "content/body_backfill.h"
#include "content/body_rerender.h"
#include "content/checks.h"
#include "content/markdown.h"
#include "content/workflow_test_fixture.h"
#include "core/clock.h"

namespace procura {
namespace {

namespace fs = std::filesystem;
using auth::Principal;
using auth::Role;
using testing_support::WorkflowTest;

TEST(ContentChecks, FindsImagesWithoutAltText) {
  auto f = CheckContent("Text.\n\n![](/media/a.jpg)\n\n![Lecture](/m.jpg)");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].problem, "an image without alt text");
  EXPECT_EQ(f[0].masked, "![](/media/a.jpg)");
  EXPECT_TRUE(CheckContent("Call 13812345678. ![Lecture](/m.jpg)").empty())
      << "numbers are the safety checks' (safety/personal_data.h)";
}

// A personal number stops the article at submission, whatever the field,
// with the masked form to write; an image without alt text at approval.
TEST_F(WorkflowTest, PersonalNumbersAndImagesWithoutAltTextKeepAnArticleBack) {
  auto in = Input();
  in.lead_alt = "Call the secretary on 13912345678";
  auto id = *wf_->Create(in, editor_, actor_);
  Status s = wf_->Submit(id, editor_, actor_);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "Alt text contains “13912345678” (a mobile phone number), which cannot be published: "
            "write “139****5678”.");
  EXPECT_EQ(Get(id).status, kStatusDraft);

  in = Input();
  in.body_md = "The lecture.\n\n![](/media/a.jpg)";
  id = *wf_->Create(in, editor_, actor_);
  s = wf_->Submit(id, editor_, actor_, /*keep_dead_links=*/true);
  ASSERT_TRUE(s.ok()) << s.message();
  s = wf_->Approve(id, V(id), reviewer_, actor_);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("Text contains an image without alt text (![](/media/a.jpg))"),
            std::string::npos) << s.message();
  EXPECT_EQ(Get(id).status, kStatusSubmitted);
}

TEST_F(WorkflowTest, PublishingReleasesThePrivateMeetingPhotosTheArticleShows) {
  const auto insert = [&](const std::string& stem, bool is_private) {
    MediaRecord m{0, stem + ".jpg", "image/jpeg"};
    m.variants = "480:" + stem + "-w480.jpg";
    m.is_private = is_private;
    return *storage_->content().InsertMedia(m);
  };
  const auto lead = insert("lead", true), inline_photo = insert("inline", true),
             untouched = insert("other", true);
  const auto is_private = [&](std::int64_t id) {
    const auto all = storage_->content().ListMedia();  // kept alive for the loop
    for (const auto& m : *all)
      if (m.id == id) return m.is_private;
    return false;
  };
  ArticleInput in = Input();
  in.lead_media_id = lead;
  in.lead_alt = "会场";
  in.body_md = "The class was held.\n\n![合影](/media/inline-w480.jpg)";
  auto id = wf_->Create(in, editor_, actor_);
  ASSERT_TRUE(id.ok()) << id.status().message();
  const Status submitted = wf_->Submit(*id, editor_, actor_);
  ASSERT_TRUE(submitted.ok()) << submitted.message();
  EXPECT_TRUE(is_private(lead) && is_private(inline_photo)) << "a draft releases nothing";
  const auto before = *storage_->changes().Latest();
  ASSERT_TRUE(wf_->Approve(*id, V(*id), reviewer_, actor_).ok());
  EXPECT_FALSE(is_private(lead));
  EXPECT_FALSE(is_private(inline_photo));
  EXPECT_TRUE(is_private(untouched));
  // Each release is in the change log (so snapshots re-read the media) and audited.
  int media_rows = 0;
  const auto changes = storage_->changes().Since(before, 100);
  for (const auto& c : *changes) media_rows += c.kind == "media";
  EXPECT_EQ(media_rows, 2);
  EXPECT_EQ(storage_->audit().Query({.action = "media.release"})->size(), 2u);
  // A withdrawal does not make them private again: they have been public.
  ASSERT_TRUE(wf_->Withdraw(*id, "Outdated", reviewer_, actor_).ok());
  EXPECT_FALSE(is_private(lead));
}

TEST_F(WorkflowTest, PinningIsAReviewersAuditedChangeThatLeavesTheVersionAlone) {
  auto publish = [&](const std::string& title) {
    auto id = *wf_->Create(Input(title), editor_, actor_);
    EXPECT_TRUE(wf_->Submit(id, editor_, actor_).ok());
    EXPECT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
    return id;
  };
  const auto draft = *wf_->Create(Input("draft"), editor_, actor_);
  EXPECT_EQ(wf_->Pin(draft, std::nullopt, reviewer_, actor_).code(), Status::Code::kInvalidArgument);
  const auto id = publish("pinned");
  EXPECT_EQ(wf_->Pin(id, std::nullopt, editor_, actor_).code(), Status::Code::kDenied);
  EXPECT_EQ(wf_->Pin(id, std::nullopt, other_, actor_).code(), Status::Code::kDenied);
  const Status past = wf_->Pin(id, NowUnix() - 1, reviewer_, actor_);
  EXPECT_EQ(past.field(), "pinned_until");
  const auto version = V(id);
  const int changes = public_changes_;
  ASSERT_TRUE(wf_->Pin(id, NowUnix() + 3600, reviewer_, actor_).ok());
  EXPECT_TRUE(Get(id).pinned_at.has_value());
  EXPECT_EQ(V(id), version) << "an editor's open form stays valid";
  EXPECT_EQ(public_changes_, changes + 1);
  // Pinning again changes the end, not the start.
  const auto since = *Get(id).pinned_at;
  ASSERT_TRUE(wf_->Pin(id, std::nullopt, reviewer_, actor_).ok());
  EXPECT_EQ(*Get(id).pinned_at, since);
  EXPECT_FALSE(Get(id).pinned_until.has_value());
  // At most five in a column.
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(wf_->Pin(publish("more " + std::to_string(i)), std::nullopt, reviewer_, actor_).ok());
  const Status sixth = wf_->Pin(publish("sixth"), std::nullopt, reviewer_, actor_);
  EXPECT_EQ(sixth.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(sixth.message(), "This column already has 5 pinned articles: unpin one first.");
  // The other language's list pages have their own five.
  ArticleInput other_lang = Input("In the other language");
  other_lang.lang = Get(id).lang == "en" ? "zh-CN" : "en";
  const auto translated = *wf_->Create(other_lang, editor_, actor_);
  ASSERT_TRUE(wf_->Submit(translated, editor_, actor_).ok());
  ASSERT_TRUE(wf_->Approve(translated, V(translated), reviewer_, actor_).ok());
  ASSERT_TRUE(wf_->Pin(translated, std::nullopt, reviewer_, actor_).ok());
  ASSERT_TRUE(wf_->Unpin(translated, reviewer_, actor_).ok());
  ASSERT_TRUE(wf_->Unpin(id, reviewer_, actor_).ok());
  EXPECT_FALSE(Get(id).pinned_at.has_value());
  EXPECT_EQ(wf_->Unpin(id, reviewer_, actor_).code(), Status::Code::kInvalidArgument);
  // The scheduler ends a pin whose time is up; a withdrawal ends it too.
  ASSERT_TRUE(wf_->Pin(id, NowUnix() + 60, reviewer_, actor_).ok());
  EXPECT_EQ(*wf_->UnpinDue(NowUnix()), 0);
  EXPECT_EQ(*wf_->UnpinDue(NowUnix() + 61), 1);
  EXPECT_FALSE(Get(id).pinned_at.has_value());
  ASSERT_TRUE(wf_->Pin(id, std::nullopt, reviewer_, actor_).ok());
  ASSERT_TRUE(wf_->Withdraw(id, "Outdated", reviewer_, actor_).ok());
  EXPECT_FALSE(Get(id).pinned_at.has_value());
  ASSERT_TRUE(wf_->Republish(id, reviewer_, actor_).ok());
  EXPECT_FALSE(Get(id).pinned_at.has_value()) << "not pinned again by itself";
  auto log = storage_->audit().Query({.action = "article.pin"});
  EXPECT_EQ(log->size(), 9u);
  auto ended = storage_->audit().Query({.action = "article.unpin"});
  EXPECT_EQ(ended->size(), 3u);
}

// After an upgrade of the Markdown rules, stored renderings are brought up
// to date once; a stopped pass leaves the rules unrecorded to go on later.
TEST_F(WorkflowTest, StoredBodiesAreRenderedAgainOnceWhenTheRulesChange) {
  auto id = wf_->Create(Input(), editor_, actor_);
  ASSERT_TRUE(id.ok()) << id.status().message();
  const std::string fresh = *Get(*id).body_html;
  ASSERT_TRUE(*storage_->articles().ReplaceRendering(*id, V(*id), "<p>made by an older binary</p>"));
  RerenderOptions stopping;
  stopping.go_on = [] { return false; };
  auto stopped = RerenderIfRulesChanged(*storage_, renderer_, stopping);
  ASSERT_TRUE(stopped.ok() && stopped->has_value());
  EXPECT_TRUE((*stopped)->stopped);
  EXPECT_EQ(*storage_->articles().RenderingRules(), 0) << "a stopped pass records nothing";
  EXPECT_EQ(*Get(*id).body_html, "<p>made by an older binary</p>");
  auto ran = RerenderIfRulesChanged(*storage_, renderer_, {});
  ASSERT_TRUE(ran.ok() && ran->has_value()) << ran.status().message();
  EXPECT_EQ((*ran)->changed, 1u);
  EXPECT_EQ(*Get(*id).body_html, fresh);
  EXPECT_EQ(*storage_->articles().RenderingRules(), kMarkdownRules);
  ASSERT_TRUE(*storage_->articles().ReplaceRendering(*id, V(*id), "<p>stale again</p>"));
  auto again = RerenderIfRulesChanged(*storage_, renderer_, {});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value()) << "the rules are recorded: nothing is read";
  EXPECT_EQ(*Get(*id).body_html, "<p>stale again</p>");
}

// Bodies stored without a rendering (a bulk load) are rendered in batches;
// one the budget refuses is marked failed and does not stop the others.
TEST_F(WorkflowTest, UnrenderedBodiesAreRenderedInABatchAndARefusedOneIsMarked) {
  std::vector<std::int64_t> ids;
  for (const std::string& md : {std::string("第一篇 **粗体**"),
                                "|" + std::string(1000 * 2, 'a').replace(1, 1, "|") + "\n",
                                std::string("第三篇 *强调*")}) {
    ArticleRecord a;
    a.column_id = party_;
    a.title = "批量导入";
    a.body_md = md;
    a.created_at = a.updated_at = 1;
    ids.push_back(*storage_->content().InsertArticle(a));
  }
  std::string table = "|";
  for (int i = 0; i < 1000; ++i) table += "a|";
  table += "\n|";
  for (int i = 0; i < 1000; ++i) table += "-|";
  ASSERT_TRUE(*storage_->articles().ReplaceRendering(ids[1], V(ids[1]), "") || true);
  std::vector<std::int64_t> failed;
  auto r = RenderUnrenderedBodies(*storage_, renderer_,
                                  [&](std::int64_t id, const std::string&) { failed.push_back(id); });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*Get(ids[0]).body_html, *RenderMarkdown("第一篇 **粗体**"));
  EXPECT_EQ(*Get(ids[2]).body_html, *RenderMarkdown("第三篇 *强调*"));
  EXPECT_TRUE(storage_->articles().ListUnrendered(0, 10)->empty()) << "each tried once";
}

}  // namespace
}  // namespace procura
