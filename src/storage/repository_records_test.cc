// The repository suite, second half: party records (org, training,
// attendance) and what several nodes share (secrets, files, leadership).
// Run on every backend like repository_test.cc.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include <sqlite3.h>

#include "storage/repository_fixture.h"

namespace procura {
namespace {

TEST_P(RepositoryTest, MembersComeByBranchThenInPinyinOrder) {
  const auto committee = Unit("committee", "机关党委");
  const auto b1 = Unit("branch", "第一支部", committee);
  const auto b2 = Unit("branch", "第二支部", committee);
  for (const char* name : {"许慧强", "吕红磊", "李静慧", "吴兰磊"}) Member(name, b1);
  Member("安然", b2);
  Member("尤丽慧", b1);
  std::vector<std::string> names;
  for (const auto& m : db().org().ListMembers(b1).value()) names.push_back(m.name);
  // li, lü, wu, xu, you: not the code points' order (吕 U+5415 < 李 U+674E).
  EXPECT_EQ(names, (std::vector<std::string>{"李静慧", "吕红磊", "吴兰磊", "许慧强", "尤丽慧"}));
  names.clear();
  for (const auto& m : db().org().ListMembers(std::nullopt).value()) names.push_back(m.name);
  EXPECT_EQ(names, (std::vector<std::string>{"李静慧", "吕红磊", "吴兰磊", "许慧强", "尤丽慧", "安然"}))
      << "by branch first";
}

TEST_P(RepositoryTest, ADissolvedBranchIsKeptWithItsDayAndNote) {
  const auto committee = Unit("committee", "机关党委");
  const auto b1 = Unit("branch", "第一支部", committee);
  const auto b2 = Unit("branch", "第二支部", committee);
  for (const auto& u : db().org().ListUnits().value()) {
    EXPECT_FALSE(u.dissolved()) << u.name;
    EXPECT_EQ(u.standing_branch(), u.kind == "branch");
  }
  ASSERT_TRUE(db().org().DissolveUnit(b1, "2026-03-31", "机关党委〔2026〕5号").ok());
  EXPECT_EQ(db().org().DissolveUnit(9999, "2026-03-31", "").code(), Status::Code::kNotFound);
  // A rename afterwards leaves the dissolution alone.
  ASSERT_TRUE(db().org().UpdateUnit({b1, {}, "branch", "第一支部（旧）", "", 3}).ok());
  int seen = 0;
  for (const auto& u : db().org().ListUnits().value()) {
    if (u.id == b1) {
      ++seen;
      EXPECT_EQ(u.dissolved_on, "2026-03-31");
      EXPECT_EQ(u.dissolved_note, "机关党委〔2026〕5号");
      EXPECT_EQ(u.name, "第一支部（旧）");
      EXPECT_TRUE(u.dissolved());
      EXPECT_FALSE(u.standing_branch());
    }
    if (u.id == b2) {
      ++seen;
      EXPECT_TRUE(u.standing_branch());
    }
  }
  EXPECT_EQ(seen, 2);
}

TEST_P(RepositoryTest, OrgUnitsMembersPostsAndTransfers) {
  const auto inst = Unit("institution", "省院");
  const auto committee = Unit("committee", "机关党委", inst);
  const auto b1 = Unit("branch", "第一支部", committee);
  const auto b2 = Unit("branch", "第二支部", committee);
  EXPECT_FALSE(db().org().InsertUnit({0, {}, "club", "x", "", 0}).ok());
  EXPECT_EQ(db().org().ListUnits()->size(), 4u);
  // A unit renamed and moved keeps its kind and parent.
  ASSERT_TRUE(db().org().UpdateUnit({b2, {}, "club", "第二支部（改）", "政治部", 7}).ok());
  for (const auto& u : db().org().ListUnits().value())
    if (u.id == b2) {
      EXPECT_EQ(u.name, "第二支部（改）");
      EXPECT_EQ(u.department, "政治部");
      EXPECT_EQ(u.position, 7);
      EXPECT_EQ(u.kind, "branch");
      EXPECT_EQ(u.parent_id, committee);
    }
  EXPECT_EQ(db().org().UpdateUnit({9999, {}, "branch", "x", "", 0}).code(), Status::Code::kNotFound);
  const auto m = Member("张三", b1);
  Member("李四", b2);
  EXPECT_EQ(db().org().ListMembers(b1)->size(), 1u);
  EXPECT_EQ(db().org().ListMembers(std::nullopt)->size(), 2u);
  auto got = **db().org().GetMember(m);
  got.branch_id = b2;
  got.phone = "13800000000";
  got.full_date = "2021-07-01";
  ASSERT_TRUE(db().org().UpdateMember(got).ok());
  EXPECT_EQ((**db().org().GetMember(m)).branch_id, b2);
  EXPECT_EQ((**db().org().GetMember(m)).full_date, "2021-07-01");
  MemberRecord full{0, "王五", "male", "1980-01-01", "2000-07-01", b1, "", "full"};
  full.full_date = "2001-07-01";
  full.full_approved_on = "2001-08-15";
  const auto w = *db().org().InsertMember(full);
  EXPECT_EQ((**db().org().GetMember(w)).full_date, "2001-07-01");
  EXPECT_EQ((**db().org().GetMember(w)).full_approved_on, "2001-08-15");
  EXPECT_EQ((**db().org().GetMember(m)).full_approved_on, "");
  got.full_approved_on = "2021-09-01";
  ASSERT_TRUE(db().org().UpdateMember(got).ok());
  EXPECT_EQ((**db().org().GetMember(m)).full_approved_on, "2021-09-01");
  ASSERT_TRUE(db().org().AddPost({m, b2, "secretary", "2026-05-04"}).ok());
  ASSERT_TRUE(db().org().AddPost({m, b2, "secretary", "2026-06-01"}).ok());  // twice is once
  ASSERT_EQ(db().org().ListPosts()->size(), 1u);
  EXPECT_EQ(db().org().ListPosts()->front().since, "2026-05-04") << "the first day kept";
  ASSERT_TRUE(db().org().RemovePosts(m, b2).ok());
  EXPECT_TRUE(db().org().ListPosts()->empty());
  ASSERT_TRUE(db().org().InsertTransfer({0, m, b1, b2, 100, {}, "调动"}).ok());
  auto moves = db().org().ListTransfers(m);
  ASSERT_EQ(moves->size(), 1u);
  EXPECT_EQ((*moves)[0].note, "调动");
  const auto u = User("member-user");
  got = **db().org().GetMember(m);
  got.user_id = u;
  ASSERT_TRUE(db().org().UpdateMember(got).ok());
  EXPECT_EQ((**db().org().MemberForUser(u)).id, m);
  EXPECT_FALSE(*db().org().MemberForUser(424242));
}

TEST_P(RepositoryTest, PartyApplicantsAreKeptThroughTheirStages) {
  const auto b1 = Unit("branch", "第一支部");
  const auto b2 = Unit("branch", "第二支部");
  ApplicantRecord a{0, "赵六", "female", "2000-05-10", b1, "13800000000", "2023-03-01"};
  a.created_at = 100;
  const auto id = *db().org().InsertApplicant(a);
  ApplicantRecord early = a;
  early.name = "钱七", early.branch_id = b2, early.applied_on = "2022-01-01";
  const auto id2 = *db().org().InsertApplicant(early);
  EXPECT_FALSE(db().org().InsertApplicant(ApplicantRecord{0, "", "female", "", b1}).ok());
  auto all = *db().org().ListApplicants(std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, id2);  // by application date
  ASSERT_EQ(db().org().ListApplicants(b1)->size(), 1u);
  auto got = **db().org().GetApplicant(id);
  EXPECT_EQ(got.phone, "13800000000");
  EXPECT_EQ(got.activist_on, "");
  EXPECT_FALSE(got.member_id);
  EXPECT_EQ(got.created_at, 100);
  const auto m = Member("赵六", b1);
  got.activist_on = "2023-06-01", got.candidate_on = "2024-06-01", got.admitted_on = "2025-01-10";
  got.member_id = m;
  got.sponsor1_id = Member("孙一", b1), got.sponsor2_id = Member("孙二", b1);
  ASSERT_TRUE(db().org().UpdateApplicant(got).ok());
  EXPECT_EQ((**db().org().GetApplicant(id)).sponsor2_id, got.sponsor2_id);
  auto stopped = **db().org().GetApplicant(id2);
  stopped.stopped_on = "2023-01-01", stopped.stop_reason = "本人撤回申请";
  ASSERT_TRUE(db().org().UpdateApplicant(stopped).ok());
  EXPECT_EQ((**db().org().GetApplicant(id2)).stop_reason, "本人撤回申请");
  got = **db().org().GetApplicant(id);
  EXPECT_EQ(got.candidate_on, "2024-06-01");
  EXPECT_EQ(got.admitted_on, "2025-01-10");
  EXPECT_EQ(got.member_id, m);
  EXPECT_FALSE(*db().org().GetApplicant(424242));
}

TEST_P(RepositoryTest, ApplicantStepsAreRecordedOncePerStep) {
  const auto b1 = Unit("branch", "第一支部");
  const auto b2 = Unit("branch", "第二支部");
  ApplicantRecord a{0, "赵六", "female", "2000-05-10", b1, "", "2023-03-01", "2023-06-01"};
  const auto id = *db().org().InsertApplicant(a);
  a.branch_id = b2;
  const auto other = *db().org().InsertApplicant(a);
  const auto c1 = Member("孙一", b1), c2 = Member("孙二", b1);
  ASSERT_TRUE(db().org().PutApplicantStep({id, "contacts", "2023-06-05", "", c1, c2}).ok());
  ASSERT_TRUE(db().org().PutApplicantStep({id, "talk", "2023-03-20", "支部书记谈话", c1}).ok());
  ASSERT_TRUE(db().org().PutApplicantStep({other, "talk", "2023-03-10", ""}).ok());
  auto steps = *db().org().StepsOfApplicant(id);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].step, "talk");  // by date
  EXPECT_EQ(steps[0].note, "支部书记谈话");
  EXPECT_EQ(steps[0].person1_id, c1);
  EXPECT_FALSE(steps[0].person2_id);
  EXPECT_EQ(steps[1].person2_id, c2);
  // Recording a step again replaces it.
  ASSERT_TRUE(db().org().PutApplicantStep({id, "talk", "2023-03-25", "", std::nullopt}).ok());
  steps = *db().org().StepsOfApplicant(id);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].done_on, "2023-03-25");
  EXPECT_FALSE(steps[0].person1_id);
  EXPECT_EQ(db().org().ListApplicantSteps(b1)->size(), 2u);
  EXPECT_EQ(db().org().ListApplicantSteps(b2)->size(), 1u);
  EXPECT_EQ(db().org().ListApplicantSteps(std::nullopt)->size(), 3u);
  EXPECT_FALSE(db().org().PutApplicantStep({424242, "talk", "2023-03-25", ""}).ok());
  ASSERT_TRUE(db().org().DeleteApplicantStep(id, "talk").ok());
  ASSERT_TRUE(db().org().DeleteApplicantStep(id, "talk").ok());  // nothing left to remove
  steps = *db().org().StepsOfApplicant(id);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].step, "contacts");
}

TEST_P(RepositoryTest, TrainingClassesSessionsAndEnrollment) {
  const auto branch = Unit("branch", "支部");
  const auto m = Member("王五", branch);
  ClassRecord c;
  c.title = "党支部书记培训班";
  c.start_date = "2026-05-01";
  c.end_date = "2026-05-02";
  c.required_hours = 12.5;
  c.capacity = 29;
  auto cid = db().training().InsertClass(c);
  ASSERT_TRUE(cid.ok()) << cid.status().message();
  ASSERT_TRUE(db().training().UpdateClassStatus(*cid, "enrolling").ok());
  EXPECT_FALSE(db().training().UpdateClassStatus(*cid, "bogus").ok());
  auto got = **db().training().GetClass(*cid);
  EXPECT_EQ(got.status, "enrolling");
  EXPECT_DOUBLE_EQ(got.required_hours, 12.5);
  got.venue = "三楼会议室";
  ASSERT_TRUE(db().training().UpdateClass(got).ok());
  EXPECT_EQ(db().training().ListClasses()->size(), 1u);
  const auto col = Column("news");
  const auto art = Article(col, "培训班新闻");
  ASSERT_TRUE(db().training().SetClassArticle(*cid, art).ok());
  EXPECT_EQ((**db().training().ClassForArticle(art)).id, *cid);
  SessionRow s{0, *cid, "2026-05-01 09:00", "礼堂", 3.5, "lecture", "专题党课", "主任"};
  auto sid = db().training().InsertSession(s);
  ASSERT_TRUE(sid.ok()) << sid.status().message();
  auto srow = **db().training().GetSession(*sid);
  EXPECT_DOUBLE_EQ(srow.hours, 3.5);
  srow.topic = "经验交流";
  srow.type = "exchange";
  ASSERT_TRUE(db().training().UpdateSession(srow).ok());
  EXPECT_EQ(db().training().ListSessions(*cid)->front().topic, "经验交流");
  ASSERT_TRUE(db().training().Enroll(*cid, m, 10).ok());
  ASSERT_TRUE(db().training().Withdraw(*cid, m, 20).ok());
  auto enr = db().training().ListEnrollments(*cid);
  ASSERT_EQ(enr->size(), 1u);
  EXPECT_EQ(*(*enr)[0].withdrawn_at, 20);
  ASSERT_TRUE(db().training().DeleteSession(*sid).ok());
  EXPECT_TRUE(db().training().ListSessions(*cid)->empty());
}

TEST_P(RepositoryTest, AttendanceTokensMaterialsAndRequirements) {
  const auto branch = Unit("branch", "支部");
  const auto m = Member("赵六", branch);
  ClassRecord c;
  c.title = "班";
  c.start_date = c.end_date = "2026-05-01";
  c.late_credit = 0.5;
  const auto cid = *db().training().InsertClass(c);
  const auto sid =
      *db().training().InsertSession({0, cid, "2026-05-01 09:00", "", 2, "lecture", "", ""});
  ASSERT_TRUE(db().attendance().SetMark({sid, m, "late", "", "qr", 100, {}}).ok());
  ASSERT_TRUE(db().attendance().SetMark({sid, m, "present", "", "manual", 101, {}}).ok());
  EXPECT_FALSE(db().attendance().SetMark({sid, m, "asleep", "", "manual", 1, {}}).ok());
  EXPECT_EQ((**db().attendance().GetMark(sid, m)).mark, "present");
  EXPECT_EQ(db().attendance().ListMarks(sid)->size(), 1u);
  auto credit = db().attendance().CreditRows(2026, std::nullopt);
  ASSERT_TRUE(credit.ok()) << credit.status().message();
  ASSERT_EQ(credit->size(), 1u);
  EXPECT_DOUBLE_EQ((*credit)[0].late_credit, 0.5);
  EXPECT_TRUE(db().attendance().CreditRows(2025, std::nullopt)->empty());
  EXPECT_EQ(db().attendance().CreditRows(std::nullopt, cid)->size(), 1u);
  // A check-in token is spent once per member.
  ASSERT_TRUE(db().attendance().SpendToken(sid, 7, m, 100).ok());
  EXPECT_EQ(db().attendance().SpendToken(sid, 7, m, 101).code(), Status::Code::kAlreadyExists);
  MaterialRecord mat{0, cid, sid, "讲义", "讲义.pdf", "x1.pdf", "application/pdf", 99, 5, {}};
  auto mid = db().attendance().InsertMaterial(mat);
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ((**db().attendance().GetMaterial(*mid)).file_name, "讲义.pdf");
  EXPECT_EQ(db().attendance().ListMaterials(cid)->size(), 1u);
  ASSERT_TRUE(db().attendance().DeleteMaterial(*mid).ok());
  EXPECT_FALSE(*db().attendance().GetMaterial(*mid));
  EXPECT_FALSE(*db().attendance().Requirement(2026, "member"));
  ASSERT_TRUE(db().attendance().SetRequirement(2026, "member", 32).ok());
  ASSERT_TRUE(db().attendance().SetRequirement(2026, "member", 40).ok());
  EXPECT_DOUBLE_EQ(**db().attendance().Requirement(2026, "member"), 40);
  EXPECT_FALSE(db().attendance().SetRequirement(1999, "member", 1).ok());
}

TEST_P(RepositoryTest, OneMemberPerAccount) {
  const auto branch = Unit("branch", "支部");
  const auto a = Member("甲", branch);
  const auto b = Member("乙", branch);
  const auto u = User("linked");
  auto ma = **db().org().GetMember(a);
  ma.user_id = u;
  ASSERT_TRUE(db().org().UpdateMember(ma).ok());
  auto mb = **db().org().GetMember(b);
  mb.user_id = u;
  EXPECT_EQ(db().org().UpdateMember(mb).code(), Status::Code::kAlreadyExists);
  mb.user_id.reset();  // any number of members without an account
  EXPECT_TRUE(db().org().UpdateMember(mb).ok());
}

TEST_P(RepositoryTest, SharedSecretsAreStoredOnceForEveryone) {
  int made = 0;
  auto make = [&] { return "secret-" + std::to_string(++made); };
  auto first = db().SharedSecret("checkin-key", make);
  auto again = db().SharedSecret("checkin-key", make);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(*first, "secret-1");
  EXPECT_EQ(*again, "secret-1");
  EXPECT_EQ(*db().SharedSecret("other", make), "secret-2");
}

TEST_P(RepositoryTest, SharedFilesHoldBinaryBytesWhereTheBackendSharesFiles) {
  const std::string bytes("\x00\xff\x7f\\x00 binary\n\x01", 17);
  if (!db().SharesFiles()) {  // SQLite: files stay in the data dir
    EXPECT_EQ(db().GetSharedFile("media/a.jpg").status().code(), Status::Code::kNotFound);
    return;
  }
  ASSERT_TRUE(db().PutSharedFile("media/a.jpg", bytes).ok());
  ASSERT_TRUE(db().PutSharedFile("imports/old", "x").ok());
  auto got = db().GetSharedFile("media/a.jpg");
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(*got, bytes);
  EXPECT_EQ(*db().SweepSharedFiles("imports/", NowUnix() - 3600), 0);  // not old yet
  EXPECT_EQ(*db().SweepSharedFiles("imports/", NowUnix() + 10), 1);
  EXPECT_TRUE(db().GetSharedFile("media/a.jpg").ok());  // another area is left alone
  ASSERT_TRUE(db().DeleteSharedFile("media/a.jpg").ok());
  EXPECT_EQ(db().GetSharedFile("media/a.jpg").status().code(), Status::Code::kNotFound);
}

TEST_P(RepositoryTest, LeadershipIsHeldByOneClaimAtATime) {
  auto a = db().Elect("scheduler");
  auto b = db().Elect("scheduler");
  EXPECT_TRUE(a->Check());
  if (GetParam() == "postgresql") {
    EXPECT_FALSE(b->Check());  // a holds it
    a.reset();                 // a's process ends: its lock goes with its session
    // The server ends the session a moment after the client hangs up.
    bool taken = b->Check();
    for (int i = 0; i < 50 && !taken; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      taken = b->Check();
    }
    EXPECT_TRUE(taken);
  }
}

}  // namespace
}  // namespace procura

namespace procura {
namespace {

// Other nodes learn of a committed change at once (LISTEN/NOTIFY), not at
// their next poll; SQLite has no such wake-up (one process owns the file).
TEST_P(RepositoryTest, ACommittedChangeWakesTheListeners) {
  auto woken = std::make_shared<std::atomic<int>>(0);
  db().OnCommittedChange([woken] { ++*woken; });
  if (GetParam() != "postgresql") {  // nothing to wake: readers poll the file
    ASSERT_TRUE(db().InTransaction([&](Storage& tx) { return tx.changes().Append({0, "site", 1, {}, 1}).status(); }).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(woken->load(), 0);
    return;
  }
  // The listener wakes everyone once when it (re)connects: wait for that.
  for (int i = 0; i < 500 && woken->load() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_GT(woken->load(), 0) << "the listener did not start";
  const int before = woken->load();
  ASSERT_TRUE(db().InTransaction([&](Storage& tx) { return tx.changes().Append({0, "site", 1, {}, 1}).status(); }).ok());
  for (int i = 0; i < 500 && woken->load() == before; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GT(woken->load(), before) << "no wake-up within 5 s of the commit";
  // A rolled-back append announces nothing.
  const int after = woken->load();
  EXPECT_FALSE(db().InTransaction([&](Storage& tx) {
                 (void)tx.changes().Append({0, "site", 1, {}, 1});
                 return Status::Invalid("undo");
               }).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(woken->load(), after);
}

}  // namespace
}  // namespace procura

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
