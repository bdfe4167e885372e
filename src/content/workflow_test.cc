#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>

#include "content/body_backfill.h"
#include "content/body_rerender.h"
#include "content/diff.h"
#include "content/markdown.h"
#include "content/workflow.h"
#include "core/clock.h"

namespace procura {
namespace {

namespace fs = std::filesystem;
using auth::Principal;
using auth::Role;

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-wf-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    ColumnRecord c;
    c.slug = "party-building";
    c.name = "Party Building";
    party_ = *storage_->content().InsertColumn(c);
    c.slug = "notices";
    c.name = "Notices";
    notices_ = *storage_->content().InsertColumn(c);
    audit_ = std::make_unique<auth::Audit>(storage_->audit());
    wf_ = std::make_unique<ArticleWorkflow>(*storage_, *audit_, bus_, renderer_);
    bus_.Subscribe([this](const ContentChanged&) { ++public_changes_; });
    auto user = [&](const char* name) {
      UserRecord u;
      u.name = name;
      u.password_hash = "$argon2id$unused";
      return *storage_->users().InsertUser(u);
    };
    editor_ = {user("ed"), "ed", {Role::kEditor}, {}};
    reviewer_ = {user("rev"), "rev", {Role::kReviewer}, {party_}};
    admin_ = {user("adm"), "adm", {Role::kAdmin}, {}};
    other_ = {user("rev2"), "rev2", {Role::kReviewer}, {notices_}};
  }
  void TearDown() override {
    wf_.reset();
    storage_.reset();
    fs::remove_all(dir_);
  }
  ArticleInput Input(std::string title = "Branch secretaries trained") {
    ArticleInput in;
    in.column_id = party_;
    in.title = std::move(title);
    in.body_md = "The class was held.";
    return in;
  }
  ArticleRecord Get(std::int64_t id) { return **storage_->content().GetArticle(id); }
  std::int64_t V(std::int64_t id) { return Get(id).version; }
  // A second reviewer of the party column.
  Principal other_with_party() {
    Principal p = other_;
    p.reviewer_columns.insert(party_);
    return p;
  }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<auth::Audit> audit_;
  SandboxedRenderer renderer_;
  EventBus bus_;
  std::unique_ptr<ArticleWorkflow> wf_;
  int public_changes_ = 0;
  std::int64_t party_ = 0, notices_ = 0;
  Principal editor_, reviewer_, admin_, other_;
  auth::Actor actor_{std::nullopt, "t", "127.0.0.1"};
};

TEST_F(WorkflowTest, ValidationNamesTheField) {
  auto in = Input("");
  EXPECT_EQ(wf_->Validate(in).message(), "Title: please fill this in.");
  EXPECT_EQ(wf_->Validate(in).field(), "title");
  EXPECT_EQ(wf_->Validate(in).msgid(), "{field_label}: please fill this in.");
  in = Input(std::string(201, 'x'));
  EXPECT_EQ(wf_->Validate(in).message(), "Title: too long, at most 200 characters.");
  in = Input();
  in.column_id = 999;
  EXPECT_EQ(wf_->Validate(in).field(), "column_id");
  in = Input();
  in.scheduled_for = "2020-01-01 09:00";
  EXPECT_NE(wf_->Validate(in).message().find("never back-dated"), std::string::npos);
  in = Input();
  in.scheduled_for = "tomorrow";
  EXPECT_NE(wf_->Validate(in).message().find("publish time"), std::string::npos);
  in = Input();
  in.lead_media_id = 42;
  EXPECT_NE(wf_->Validate(in).message().find("lead image"), std::string::npos);
}

// 三审三校: a column needing three steps takes three different reviewers,
// each holding that step's right; an edit restarts the chain; every step,
// return and restart is a row of the append-only record.
TEST_F(WorkflowTest, ThreeStepReviewTakesThreeDifferentPeople) {
  ColumnRecord col = storage_->content().ListColumns()->at(0);
  ASSERT_EQ(col.id, party_);
  col.review_steps = 3;
  ASSERT_TRUE(storage_->articles().UpdateColumn(col).ok());
  auto user = [&](const char* name) {
    UserRecord u;
    u.name = name;
    u.password_hash = "$argon2id$unused";
    return *storage_->users().InsertUser(u);
  };
  Principal first = {user("chu"), "chu", {Role::kReviewer}, {party_}};
  first.review_rights[party_] = 1;  // 初审 only
  Principal second = {user("fu"), "fu", {Role::kReviewer}, {party_}};
  second.review_rights[party_] = 2 | 1;
  Principal final_ = {user("zhong"), "zhong", {Role::kReviewer}, {party_}};
  final_.review_rights[party_] = 4;

  auto id = wf_->Create(Input(), editor_, actor_);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(wf_->Submit(*id, editor_, actor_).ok());
  // The final reviewer cannot take the first step.
  EXPECT_EQ(wf_->Approve(*id, V(*id), final_, actor_).code(), Status::Code::kDenied);
  ASSERT_TRUE(wf_->Approve(*id, V(*id), first, actor_).ok());
  EXPECT_EQ(Get(*id).status, kStatusSubmitted);
  EXPECT_EQ(public_changes_, 0);
  // Step 2: the same person cannot take it, even though `second` could.
  Principal both = first;
  both.review_rights[party_] = 7;
  Status again = wf_->Approve(*id, V(*id), both, actor_);
  EXPECT_EQ(again.code(), Status::Code::kDenied);
  EXPECT_NE(again.message().find("earlier step"), std::string::npos) << again.message();
  ASSERT_TRUE(wf_->Approve(*id, V(*id), second, actor_).ok());
  EXPECT_EQ(Get(*id).status, kStatusSubmitted);
  auto chain = wf_->ReviewState(*id);
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain->next_step(), 3);
  EXPECT_TRUE(chain->next_is_final());

  // An edit now restarts the chain: back to draft, a restart row, and the
  // first reviewer's step no longer counts.
  auto in = Input("Branch secretaries trained (corrected)");
  ASSERT_TRUE(wf_->Save(*id, in, V(*id), editor_, actor_).ok());
  ASSERT_TRUE(wf_->Submit(*id, editor_, actor_).ok());
  EXPECT_EQ(wf_->ReviewState(*id)->next_step(), 1);
  EXPECT_EQ(wf_->Approve(*id, V(*id), final_, actor_).code(), Status::Code::kDenied);
  ASSERT_TRUE(wf_->Approve(*id, V(*id), first, actor_).ok());
  ASSERT_TRUE(wf_->Approve(*id, V(*id), second, actor_).ok());
  ASSERT_TRUE(wf_->Approve(*id, V(*id), final_, actor_).ok());
  EXPECT_EQ(Get(*id).status, kStatusPublished);
  EXPECT_EQ(public_changes_, 1);

  auto record = storage_->articles().ReviewStepsOf(*id);
  ASSERT_TRUE(record.ok());
  std::vector<std::string> outcomes;
  for (const auto& r : *record) outcomes.push_back(r.outcome + ":" + std::to_string(r.step) + ":" + r.reviewer_name);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"pass:1:chu", "pass:2:fu", "restart:0:ed",
                                                "pass:1:chu", "pass:2:fu", "publish:3:zhong"}));
  // Each step records the text it reviewed: the last three the corrected
  // text, the first two the original.
  EXPECT_EQ(record->at(0).text_hash, record->at(1).text_hash);
  EXPECT_NE(record->at(1).text_hash, record->at(3).text_hash);
  EXPECT_EQ(record->at(3).text_hash, record->at(5).text_hash);
  EXPECT_EQ(record->at(5).text_hash.size(), 64u);
  EXPECT_GT(record->at(5).revision_number, record->at(1).revision_number);
  // The record is append-only, at the database itself.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &raw), SQLITE_OK);
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(raw, "UPDATE review_steps SET reviewer_name = 'x'", nullptr, nullptr, &err),
            SQLITE_OK);
  sqlite3_free(err);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM review_steps", nullptr, nullptr, &err), SQLITE_OK);
  sqlite3_free(err);
  sqlite3_close(raw);
}

// A return ends the chain: the steps before it no longer count.
TEST_F(WorkflowTest, AReturnEndsTheChain) {
  ColumnRecord col = storage_->content().ListColumns()->at(0);
  col.review_steps = 2;
  ASSERT_TRUE(storage_->articles().UpdateColumn(col).ok());
  auto id = wf_->Create(Input(), editor_, actor_);
  ASSERT_TRUE(wf_->Submit(*id, editor_, actor_).ok());
  ASSERT_TRUE(wf_->Approve(*id, V(*id), reviewer_, actor_).ok());
  EXPECT_EQ(wf_->ReviewState(*id)->next_step(), 2);
  ASSERT_TRUE(wf_->Return(*id, V(*id), "Check the names", other_with_party(), actor_).ok());
  ASSERT_TRUE(wf_->Submit(*id, editor_, actor_).ok());
  EXPECT_EQ(wf_->ReviewState(*id)->next_step(), 1);
  auto record = *storage_->articles().ReviewStepsOf(*id);
  ASSERT_EQ(record.size(), 2u);
  EXPECT_EQ(record[1].outcome, kReviewReturn);
  EXPECT_EQ(record[1].step, 2);
  EXPECT_EQ(record[1].note, "Check the names");
}

TEST_F(WorkflowTest, DraftSubmitReturnApproveWithdrawRepublish) {
  auto id = wf_->Create(Input(), editor_, actor_);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(Get(*id).status, kStatusDraft);
  EXPECT_FALSE(wf_->Approve(*id, V(*id), reviewer_, actor_).ok());  // not submitted yet
  ASSERT_TRUE(wf_->Submit(*id, editor_, actor_).ok());
  EXPECT_EQ(wf_->Return(*id, V(*id), "", reviewer_, actor_).message(), "Reason: please fill this in.");
  ASSERT_TRUE(wf_->Return(*id, V(*id), "Fix the title", reviewer_, actor_).ok());
  EXPECT_EQ(Get(*id).status, kStatusDraft);
  EXPECT_EQ(Get(*id).status_reason, "Fix the title");
  ASSERT_TRUE(wf_->Submit(*id, editor_, actor_).ok());
  EXPECT_EQ(public_changes_, 0);
  ASSERT_TRUE(wf_->Approve(*id, V(*id), reviewer_, actor_).ok());
  const auto published = Get(*id);
  EXPECT_EQ(published.status, kStatusPublished);
  ASSERT_TRUE(published.published_at.has_value());
  EXPECT_EQ(public_changes_, 1);
  ASSERT_TRUE(wf_->Withdraw(*id, "Outdated", reviewer_, actor_).ok());
  EXPECT_EQ(Get(*id).status, kStatusWithdrawn);
  ASSERT_TRUE(wf_->Republish(*id, reviewer_, actor_).ok());
  EXPECT_EQ(Get(*id).published_at, published.published_at) << "the date is never rewritten";
  EXPECT_EQ(public_changes_, 3);
  EXPECT_FALSE(wf_->Submit(*id, editor_, actor_).ok());
  auto log = storage_->audit().Query({.action = "article."});
  EXPECT_EQ(log->size(), 7u);  // create, submit, return, submit, publish, withdraw, republish
}

TEST_F(WorkflowTest, PermissionsAreEnforcedByTheServer) {
  auto id = *wf_->Create(Input(), editor_, actor_);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  EXPECT_EQ(wf_->Approve(id, V(id), editor_, actor_).code(), Status::Code::kDenied);
  EXPECT_EQ(wf_->Approve(id, V(id), admin_, actor_).code(), Status::Code::kDenied);
  EXPECT_EQ(wf_->Approve(id, V(id), other_, actor_).code(), Status::Code::kDenied);
  EXPECT_EQ(wf_->Create(Input(), admin_, actor_).status().code(), Status::Code::kDenied);
  EXPECT_EQ(Get(id).status, kStatusSubmitted);
}

TEST_F(WorkflowTest, EditingAPublishedArticleNeedsReReview) {
  auto id = *wf_->Create(Input("Original title"), editor_, actor_);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  ASSERT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
  const auto live = Get(id);
  ASSERT_TRUE(wf_->Save(id, Input("Edited title"), live.version, editor_, actor_).ok());
  EXPECT_EQ(Get(id).title, "Original title") << "the live text stays until approved";
  EXPECT_TRUE(Get(id).pending_revision.has_value());
  EXPECT_EQ(wf_->Save(id, Input("x"), live.version, editor_, actor_).code(),
            Status::Code::kConflict);
  // The edit was rendered when it was saved; approved after an upgrade of
  // the Markdown rules, it goes live with this binary's rendering.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE article_revisions SET body_html = '<p>older rules</p>'",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  ASSERT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
  EXPECT_EQ(*Get(id).body_html, "<p>The class was held.</p>\n");
  EXPECT_EQ(Get(id).title, "Edited title");
  EXPECT_FALSE(Get(id).pending_revision.has_value());
  EXPECT_EQ(Get(id).published_at, live.published_at);
  EXPECT_EQ(storage_->articles().ListRevisions(id)->size(), 2u);
}

TEST_F(WorkflowTest, ScheduledPublishesWhenItsTimeComes) {
  auto in = Input();
  in.scheduled_for = FormatRfc3339(NowUnix() + 3600, 480).substr(0, 16);
  auto id = *wf_->Create(in, editor_, actor_);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  ASSERT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
  EXPECT_EQ(Get(id).status, kStatusScheduled);
  EXPECT_EQ(*wf_->PublishDue(NowUnix()), 0);
  EXPECT_EQ(*wf_->PublishDue(NowUnix() + 7200), 1);
  EXPECT_EQ(Get(id).status, kStatusPublished);
}

TEST_F(WorkflowTest, RestoreAndDateCorrectionAreAudited) {
  auto id = *wf_->Create(Input("v1"), editor_, actor_);
  ASSERT_TRUE(wf_->Save(id, Input("v2"), Get(id).version, editor_, actor_).ok());
  auto revs = *storage_->articles().ListRevisions(id);
  ASSERT_EQ(revs.size(), 2u);
  ASSERT_TRUE(wf_->Restore(id, revs.back().id, editor_, actor_).ok());
  EXPECT_EQ(Get(id).title, "v1");
  EXPECT_EQ(storage_->articles().ListRevisions(id)->size(), 3u);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  ASSERT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
  EXPECT_EQ(wf_->CorrectPublishedDate(id, 1657728000, editor_, actor_).code(),
            Status::Code::kDenied);
  ASSERT_TRUE(wf_->CorrectPublishedDate(id, 1657728000, admin_, actor_).ok());
  auto log = *storage_->audit().Query({.action = "article.correct-date"});
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].detail.find("-> 2022-07-14T00:00:00+08:00"), std::string::npos);
}

TEST_F(WorkflowTest, TheReviewerApprovesTheVersionTheyRead) {
  auto id = *wf_->Create(Input("Seen title"), editor_, actor_);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  const std::int64_t seen = V(id);
  // The editor changes the submitted text after the reviewer opened it.
  ASSERT_TRUE(wf_->Save(id, Input("Unseen title"), seen, editor_, actor_).ok());
  EXPECT_EQ(Get(id).status, kStatusDraft) << "an edit after submission needs a new submit";
  EXPECT_EQ(wf_->Approve(id, seen, reviewer_, actor_).code(), Status::Code::kConflict);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  EXPECT_EQ(wf_->Approve(id, seen, reviewer_, actor_).code(), Status::Code::kConflict);
  EXPECT_EQ(wf_->Return(id, seen, "why", reviewer_, actor_).code(), Status::Code::kConflict);
  ASSERT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
  EXPECT_EQ(Get(id).title, "Unseen title");
  EXPECT_EQ(Get(id).status, kStatusPublished);
}

TEST_F(WorkflowTest, EditorsChangeOnlyTheirOwnArticlesUnlessARuleAllows) {
  Principal ed2{*storage_->users().InsertUser({.name = "ed2", .password_hash = "$argon2id$x"}),
                "ed2", {Role::kEditor}, {}};
  auto id = *wf_->Create(Input("Mine"), editor_, actor_);
  EXPECT_EQ(wf_->Save(id, Input("Theirs"), V(id), ed2, actor_).code(), Status::Code::kDenied);
  EXPECT_EQ(wf_->Submit(id, ed2, actor_).code(), Status::Code::kDenied);
  auto revs = *storage_->articles().ListRevisions(id);
  EXPECT_EQ(wf_->Restore(id, revs.back().id, ed2, actor_).code(), Status::Code::kDenied);
  EXPECT_EQ(Get(id).title, "Mine");
  // The column's reviewer may, and so may an editor the admin named for the column.
  EXPECT_TRUE(wf_->Save(id, Input("By the reviewer"), V(id), reviewer_, actor_).ok());
  ed2.editor_columns.insert(party_);
  EXPECT_TRUE(wf_->Save(id, Input("By the column editor"), V(id), ed2, actor_).ok());
  ed2.editor_columns.clear();
  ed2.editor_columns.insert(notices_);
  EXPECT_EQ(wf_->Save(id, Input("x"), V(id), ed2, actor_).code(), Status::Code::kDenied);
}

TEST_F(WorkflowTest, FourEyesKeepsWritersFromApprovingTheirOwnText) {
  // A reviewer who writes may not approve their own article in a four-eyes column...
  auto id = *wf_->Create(Input(), reviewer_, actor_);
  ASSERT_TRUE(wf_->Submit(id, reviewer_, actor_).ok());
  Status s = wf_->Approve(id, V(id), reviewer_, actor_);
  EXPECT_EQ(s.code(), Status::Code::kDenied);
  EXPECT_NE(s.message().find("other than the person who wrote"), std::string::npos);
  // ...nor one they edited last.
  auto other = *wf_->Create(Input(), editor_, actor_);
  ASSERT_TRUE(wf_->Save(other, Input("fixed"), V(other), reviewer_, actor_).ok());
  ASSERT_TRUE(wf_->Submit(other, editor_, actor_).ok());
  EXPECT_EQ(wf_->Approve(other, V(other), reviewer_, actor_).code(), Status::Code::kDenied);
  // With the setting off, they may.
  auto cols = *storage_->content().ListColumns();
  for (auto c : cols) {
    c.four_eyes = false;
    ASSERT_TRUE(storage_->articles().UpdateColumn(c).ok());
  }
  EXPECT_TRUE(wf_->Approve(id, V(id), reviewer_, actor_).ok());
}

TEST_F(WorkflowTest, TheBodyIsRenderedWhenSavedAndOverBudgetTextIsRefused) {
  auto in = Input();
  in.body_md = "第一段 **粗体**";
  auto id = *wf_->Create(in, editor_, actor_);
  ASSERT_TRUE(Get(id).body_html.has_value());
  EXPECT_EQ(*Get(id).body_html, "<p>第一段 <strong>粗体</strong></p>\n");
  in.body_md = "|";
  for (int i = 0; i < 100; ++i) in.body_md += "a|";
  in.body_md += "\n|";
  for (int i = 0; i < 100; ++i) in.body_md += "-|";
  Status s = wf_->Save(id, in, V(id), editor_, actor_);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "A table has 100 columns; at most 64.");
  EXPECT_EQ(*Get(id).body_html, "<p>第一段 <strong>粗体</strong></p>\n") << "nothing stored";
}

// A change that happened always has its audit row: an audit write that
// fails (injected with a trigger) rolls the change back.
TEST_F(WorkflowTest, AFailedAuditWriteUndoesTheChange) {
  auto id = *wf_->Create(Input(), editor_, actor_);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log BEGIN "
                         "SELECT RAISE(ABORT, 'injected audit failure'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  Status s = wf_->Submit(id, editor_, actor_);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Get(id).status, kStatusDraft) << "not submitted without its audit row";
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_fails", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(wf_->Submit(id, editor_, actor_).ok());
  EXPECT_EQ(storage_->audit().Query({.action = "article.submit"})->size(), 1u);
}

TEST(Diff, LineDiff) {
  auto d = DiffLines("a\nb\nc", "a\nc\nd");
  std::string s;
  for (const auto& l : d) s += std::string(1, l.op) + l.text + "|";
  EXPECT_EQ(s, " a|-b| c|+d|");
}

// The spans of a line as "same[changed]same".
std::string Spans(const DiffLine& l) {
  std::string s;
  for (const auto& span : l.spans) s += span.changed ? "[" + span.text + "]" : span.text;
  return s;
}

TEST(Diff, MarksChangedCharactersWithinPairedLines) {
  auto d = DiffLines("标题\n机关党委举办支部书记培训班\n结尾",
                     "标题\n机关党委举办党支部书记培训班。\n结尾");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[1].op, '-');
  EXPECT_EQ(d[2].op, '+');
  EXPECT_EQ(Spans(d[1]), "机关党委举办支部书记培训班");  // nothing removed
  EXPECT_EQ(Spans(d[2]), "机关党委举办[党]支部书记培训班[。]");
  EXPECT_TRUE(d[0].spans.empty());  // unchanged lines have no spans
}

TEST(Diff, UnpairedLinesStayWhole) {
  auto d = DiffLines("a", "a\nnew line");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].op, '+');
  EXPECT_TRUE(d[1].spans.empty());
  // Two removed, one added: only the first pair is marked.
  auto e = DiffLines("x1\nx2", "y1");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(Spans(e[0]), "[x]1");
  EXPECT_EQ(Spans(e[2]), "[y]1");
  EXPECT_TRUE(e[1].spans.empty());
}

}  // namespace
}  // namespace procura

#include "content/checks.h"

namespace procura {
namespace {

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
