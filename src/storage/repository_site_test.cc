// The repository suite, third part: what the newsroom's site keeps beside
// its articles (content-check word lists, leaders, the review record, the
// public mailbox, inspections). Run on every backend like repository_test.cc.
#include <sqlite3.h>

#include "storage/repository_fixture.h"

namespace procura {
namespace {

// The content checks' word lists: insert, the (category, word) key, update,
// delete, and a revision that changes with every write.
TEST_P(RepositoryTest, WordListEntriesAndTheirRevision) {
  auto& s = db().safety();
  EXPECT_EQ(*s.WordListsRevision(), "");
  WordEntryRecord e;
  e.category = "typo";
  e.word = "再接再励";
  e.level = "warn";
  e.replacement = "再接再厉";
  e.updated_at = 10;
  auto id = s.InsertWordEntry(e);
  ASSERT_TRUE(id.ok()) << id.status().message();
  const std::string r1 = *s.WordListsRevision();
  EXPECT_FALSE(r1.empty());
  EXPECT_EQ(s.InsertWordEntry(e).status().code(), Status::Code::kAlreadyExists);
  e.category = "sensitive";
  e.word = "示例";
  e.level = "block";
  e.replacement = "";
  e.whole_word = true;
  e.is_sample = true;
  auto id2 = s.InsertWordEntry(e);
  ASSERT_TRUE(id2.ok());
  auto all = s.ListWordEntries();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].category, "sensitive");  // ordered by category
  EXPECT_TRUE((*all)[0].whole_word);
  EXPECT_TRUE((*all)[0].is_sample);
  EXPECT_EQ((*all)[1].replacement, "再接再厉");
  auto one = s.GetWordEntry(*id2);
  ASSERT_TRUE(one.ok() && one->has_value());
  EXPECT_EQ((*one)->word, "示例");
  EXPECT_TRUE((*one)->whole_word);
  EXPECT_FALSE(s.GetWordEntry(999)->has_value());
  e.id = *id2;
  e.level = "warn";
  ASSERT_TRUE(s.UpdateWordEntry(e).ok());
  EXPECT_NE(*s.WordListsRevision(), r1);
  e.id = 999;
  EXPECT_EQ(s.UpdateWordEntry(e).code(), Status::Code::kNotFound);
  e.level = "maybe";  // the schema refuses what the service would
  EXPECT_FALSE(s.InsertWordEntry(e).ok());
  ASSERT_TRUE(s.DeleteWordEntry(*id).ok());
  EXPECT_EQ(s.ListWordEntries()->size(), 1u);
  EXPECT_EQ(s.ListWordEntries()->front().level, "warn");
}

TEST_P(RepositoryTest, LeadersKeepTheirTitlesAndOrder) {
  auto& s = db().safety();
  const std::string r0 = *s.WordListsRevision();
  auto second = s.InsertLeader({0, "李强", {"副检察长"}, 2, 5});
  auto first = s.InsertLeader({0, "王伟", {"党组书记", "检察长"}, 1, 5});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*s.WordListsRevision(), r0) << "a leader changes what the checks find";
  EXPECT_EQ(s.InsertLeader({0, "王伟", {"检察长"}, 3, 5}).status().code(),
            Status::Code::kAlreadyExists);
  auto all = s.ListLeaders();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "王伟");  // by precedence
  EXPECT_EQ((*all)[0].titles, (std::vector<std::string>{"党组书记", "检察长"}));
  ASSERT_TRUE(s.DeleteLeader(*second).ok());
  EXPECT_EQ(s.ListLeaders()->size(), 1u);
}

// The review record (审核记录): rows in order, by article and by period;
// the schema itself refuses to change or delete one.
TEST_P(RepositoryTest, TheReviewRecordIsAppendOnly) {
  const auto col = Column("news");
  ColumnRecord c = db().content().ListColumns()->front();
  c.review_steps = 3;
  ASSERT_TRUE(db().articles().UpdateColumn(c).ok());
  EXPECT_EQ(db().content().ListColumns()->front().review_steps, 3);
  c.review_steps = 4;
  EXPECT_FALSE(db().articles().UpdateColumn(c).ok()) << "1 to 3 steps";
  const auto id = Article(col, "标题");
  EXPECT_EQ(*db().articles().LatestRevisionNumber(id), 0);
  RevisionRecord r;
  r.article_id = id;
  r.column_id = col;
  r.title = "标题";
  ASSERT_TRUE(db().articles().InsertRevision(r).ok());
  ASSERT_TRUE(db().articles().InsertRevision(r).ok());
  EXPECT_EQ(*db().articles().LatestRevisionNumber(id), 2);
  const auto reviewer = User("chu", {"reviewer"});
  ReviewStepRecord step;
  step.article_id = id;
  step.step = 1;
  step.steps_needed = 3;
  step.outcome = kReviewPass;
  step.reviewer_id = reviewer;
  step.reviewer_name = "chu";
  step.at = 1000;
  step.revision_number = 2;
  step.text_hash = std::string(64, 'a');
  step.findings = "warn 学习总书记";
  step.override_reason = "正确用法";
  ASSERT_TRUE(db().articles().AppendReviewStep(step).ok());
  step.step = 2;
  step.outcome = kReviewReturn;
  step.at = 2000;
  step.note = "核对姓名";
  ASSERT_TRUE(db().articles().AppendReviewStep(step).ok());
  step.outcome = "maybe";
  EXPECT_FALSE(db().articles().AppendReviewStep(step).ok()) << "the schema checks outcomes";
  auto rows = db().articles().ReviewStepsOf(id);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].outcome, kReviewPass);
  EXPECT_EQ((*rows)[0].findings, "warn 学习总书记");
  EXPECT_EQ((*rows)[0].override_reason, "正确用法");
  EXPECT_EQ((*rows)[0].reviewer_id, reviewer);
  EXPECT_EQ((*rows)[1].note, "核对姓名");
  EXPECT_EQ(db().articles().ReviewStepsBetween(1500, 2500)->size(), 1u);
  EXPECT_EQ(db().articles().ReviewStepsBetween(0, 5000)->size(), 2u);
  // Straight at the database: no update, no delete.
  const char* change[] = {"UPDATE review_steps SET reviewer_name = 'x'", "DELETE FROM review_steps"};
  for (const char* sql : change) {
    if (GetParam() == "postgresql") {
      PGconn* conn = PQconnectdb(PgUrl().c_str());
      PGresult* res = PQexec(conn, sql);
      EXPECT_NE(PQresultStatus(res), PGRES_COMMAND_OK) << sql;
      PQclear(res);
      PQfinish(conn);
    } else {
      sqlite3* raw = nullptr;
      ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &raw), SQLITE_OK);
      EXPECT_NE(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
      sqlite3_close(raw);
    }
  }
  EXPECT_EQ(db().articles().ReviewStepsOf(id)->size(), 2u);
}

// The message boxes: the four shipped boxes, messages with optimistic
// versions, rate-limit windows and the calendar, the same on both backends.
TEST_P(RepositoryTest, MessagesBoxesLimitsAndTheCalendar) {
  auto& m = db().mailbox();
  auto boxes = m.ListBoxes();
  ASSERT_TRUE(boxes.ok()) << boxes.status().message();
  ASSERT_EQ(boxes->size(), 4u);
  EXPECT_EQ((*boxes)[0].slug, "chief");
  EXPECT_EQ((*boxes)[0].name, "检察长信箱");
  EXPECT_EQ((*boxes)[3].deadline_days, 3);
  MessageBoxRecord b = (*boxes)[1];
  b.deadline_days = 91;
  EXPECT_FALSE(m.UpdateBox(b).ok()) << "the schema bounds the deadline";
  b.deadline_days = 7;
  ASSERT_TRUE(m.UpdateBox(b).ok());
  EXPECT_EQ(m.ListBoxes()->at(1).deadline_days, 7);

  MessageRecord msg;
  msg.box_id = (*boxes)[0].id;
  msg.code_hash = std::string(64, 'c');
  msg.title = "咨询";
  msg.body = "正文";
  msg.phone = "13812345678";
  msg.received_at = 1000;
  msg.due_day = "2026-12-01";
  auto id = m.InsertMessage(msg);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_FALSE(m.InsertMessage(msg).ok()) << "query codes are unique";
  auto found = m.FindMessageByCode(std::string(64, 'c'));
  ASSERT_TRUE(found.ok() && found->has_value());
  MessageRecord first = **found, second = **found;
  first.state = kMsgAccepted;
  first.department = "控告申诉检察部";
  ASSERT_TRUE(m.UpdateMessage(first).ok());
  second.state = kMsgRejected;
  EXPECT_EQ(m.UpdateMessage(second).code(), Status::Code::kConflict);
  EXPECT_EQ((**m.GetMessage(*id)).state, kMsgAccepted);
  first.state = "lost";
  first.version += 1;
  EXPECT_FALSE(m.UpdateMessage(first).ok()) << "the schema checks states";
  EXPECT_EQ(m.ListMessages({.state = kMsgAccepted})->size(), 1u);
  EXPECT_TRUE(m.ListMessages({.published_only = true})->empty());

  EXPECT_EQ(*m.CountHit("k", 3600), 1);
  EXPECT_EQ(*m.CountHit("k", 3600), 2);
  EXPECT_EQ(*m.CountHit("k", 7200), 1) << "a new window starts again";

  ASSERT_TRUE(m.ReplaceCalendar({{"2026-10-01", "holiday", "国庆节"}, {"2026-10-10", "workday", ""}}).ok());
  EXPECT_EQ(m.ListCalendar()->size(), 2u);
  EXPECT_FALSE(m.ReplaceCalendar({{"2026-10-01", "maybe", ""}}).ok());
  EXPECT_EQ(m.ListCalendar()->size(), 2u) << "a refused calendar changes nothing";
}

// Inspection history, probes and visit counts: add up per day, read by year.
TEST_P(RepositoryTest, InspectionRunsProbesAndVisitCounts) {
  auto& r = db().inspection();
  ASSERT_TRUE(r.AppendRun({0, 100, 2, 1, "home-page=fail"}).ok());
  ASSERT_TRUE(r.AppendRun({0, 200, 0, 0, "home-page=pass"}).ok());
  EXPECT_EQ(r.ListRuns(1)->front().summary, "home-page=pass");
  ASSERT_TRUE(r.AppendProbe({1000, 200, 120}).ok());
  ASSERT_TRUE(r.AppendProbe({2000, 0, 20000}).ok());
  EXPECT_EQ(r.ProbesSince(1500)->size(), 1u);
  ASSERT_TRUE(r.AddPageViews({{"2026-11-30", "article", 38, 2}, {"2026-11-30", "home", 0, 3}}).ok());
  ASSERT_TRUE(r.AddPageViews({{"2026-11-30", "article", 38, 1}, {"2025-12-31", "home", 0, 9}}).ok());
  EXPECT_FALSE(r.AddPageViews({{"2026-11-30", "page", 1, 1}}).ok()) << "the schema checks kinds";
  auto views = r.PageViews("2026");
  ASSERT_TRUE(views.ok()) << views.status().message();
  ASSERT_EQ(views->size(), 2u);
  EXPECT_EQ((*views)[0].kind, "article");
  EXPECT_EQ((*views)[0].views, 3);
  ASSERT_TRUE(r.RaiseVisitors("2026-11-30", 2).ok());
  ASSERT_TRUE(r.RaiseVisitors("2026-11-30", 1).ok());
  auto visitors = r.Visitors("2026-11");
  ASSERT_TRUE(visitors.ok()) << visitors.status().message();
  ASSERT_EQ(visitors->size(), 1u);
  EXPECT_EQ(visitors->front().second, 2) << "a lower count does not replace a higher one";
  ASSERT_TRUE(r.RaiseVisitors("2026-11-30", 5).ok());
  EXPECT_EQ(r.Visitors("2026-11")->front().second, 5);
  EXPECT_TRUE(r.Visitors("2025")->empty());
  // Visitor sketches: one per node and day, replaced by the node's next.
  const std::string bytes("\x00\x01\xff\x33", 4);
  ASSERT_TRUE(r.StoreVisitorSketch("2026-11-29", "node-a", "old").ok());
  ASSERT_TRUE(r.StoreVisitorSketch("2026-11-30", "node-a", "first").ok());
  ASSERT_TRUE(r.StoreVisitorSketch("2026-11-30", "node-a", bytes).ok());
  ASSERT_TRUE(r.StoreVisitorSketch("2026-11-30", "node-b", "b").ok());
  auto sketches = r.VisitorSketches("2026-11-30");
  ASSERT_TRUE(sketches.ok()) << sketches.status().message();
  EXPECT_EQ(*sketches, (std::vector<std::string>{bytes, "b"})) << "binary bytes come back whole";
  ASSERT_TRUE(r.DropVisitorSketchesBefore("2026-11-30").ok());
  // A web server log is counted once.
  EXPECT_TRUE(*r.ClaimLogImport("ab12", "access.log.1", 100));
  EXPECT_FALSE(*r.ClaimLogImport("ab12", "copy-of-access.log.1", 200));
  ASSERT_TRUE(r.ReleaseLogImport("ab12").ok());
  EXPECT_TRUE(*r.ClaimLogImport("ab12", "access.log.1", 300)) << "released: may be counted again";
  ASSERT_TRUE(*r.ClaimLogImport("cd34", "access.log.2", 250));
  auto logs = r.CountLogImports();
  ASSERT_TRUE(logs.ok()) << logs.status().message();
  EXPECT_EQ(logs->total, 2);
  EXPECT_EQ(logs->latest_name, "access.log.1");
  EXPECT_EQ(logs->latest_at, 300);
  EXPECT_TRUE(r.VisitorSketches("2026-11-29")->empty());
  EXPECT_EQ(r.VisitorSketches("2026-11-30")->size(), 2u);
}

}  // namespace
}  // namespace procura
