#include <gtest/gtest.h>
#include <sqlite3.h>

#include "content/diff.h"
#include "content/workflow_test_fixture.h"

namespace procura {
namespace {

namespace fs = std::filesystem;
using auth::Principal;
using auth::Role;
using testing_support::WorkflowTest;

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
