// The repository suite, second half: party records (org, training,
// attendance) and what several nodes share (secrets, files, leadership).
// Run on every backend like repository_test.cc.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

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
  EXPECT_TRUE(db().org().ListFormerPosts(std::nullopt)->empty()) << "removed, not ended";
  // An ended post leaves the posts held and is kept with its days.
  ASSERT_TRUE(db().org().AddPost({m, b2, "secretary", "2024-03-01"}).ok());
  ASSERT_TRUE(db().org().AddPost({m, b2, "discipline-member", ""}).ok());
  ASSERT_TRUE(db().org().EndPost({m, b2, "secretary", "ignored"}, "2026-05-20").ok());
  ASSERT_TRUE(db().org().EndPost({m, b2, "deputy-secretary", ""}, "2026-05-20").ok()) << "not held";
  ASSERT_EQ(db().org().ListPosts()->size(), 1u);
  EXPECT_EQ(db().org().ListPosts()->front().post, "discipline-member");
  ASSERT_TRUE(db().org().EndPost({m, b2, "discipline-member", ""}, "2026-05-19").ok());
  auto former = *db().org().ListFormerPosts(m);
  ASSERT_EQ(former.size(), 2u);
  EXPECT_EQ(former[0].post, "discipline-member");  // by the day ended
  EXPECT_EQ(former[0].since, "");
  EXPECT_EQ(former[1].post, "secretary");
  EXPECT_EQ(former[1].since, "2024-03-01");
  EXPECT_EQ(former[1].ended_on, "2026-05-20");
  EXPECT_EQ(former[1].unit_id, b2);
  EXPECT_TRUE(db().org().ListFormerPosts(w)->empty());
  EXPECT_EQ(db().org().ListFormerPosts(std::nullopt)->size(), 2u);
  EXPECT_TRUE(db().org().ListPosts()->empty());
  // Given back: held again from its first day, no longer a former post.
  ASSERT_TRUE(db().org().ReinstatePost(former[1]).ok());
  ASSERT_TRUE(db().org().ReinstatePost({m, b1, "secretary", "", "2026-05-20"}).ok()) << "none such";
  ASSERT_EQ(db().org().ListPosts()->size(), 1u);
  EXPECT_EQ(db().org().ListPosts()->front().since, "2024-03-01");
  EXPECT_EQ(db().org().ListPosts()->front().unit_id, b2);
  ASSERT_EQ(db().org().ListFormerPosts(m)->size(), 1u);
  EXPECT_EQ(db().org().ListFormerPosts(m)->front().post, "discipline-member");
  // Recorded afterwards, from paper; and deleted by its id.
  auto paper = db().org().InsertFormerPost({m, b1, "publicity-member", "2015-01-10", "2018-06-30"});
  ASSERT_TRUE(paper.ok()) << paper.status().message();
  auto listed = *db().org().ListFormerPosts(m);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, *paper) << "the oldest end first, with its row";
  EXPECT_EQ(listed[0].since, "2015-01-10");
  EXPECT_GT(listed[1].id, 0);
  ASSERT_TRUE(db().org().DeleteFormerPost(*paper).ok());
  EXPECT_EQ(db().org().DeleteFormerPost(*paper).code(), Status::Code::kNotFound);
  ASSERT_EQ(db().org().ListFormerPosts(m)->size(), 1u);
  ASSERT_TRUE(db().org().InsertTransfer({0, m, b1, b2, 100, {}, "调动"}).ok());
  auto moves = db().org().ListTransfers(m);
  ASSERT_EQ(moves->size(), 1u);
  EXPECT_EQ((*moves)[0].note, "调动");
  ASSERT_TRUE(db().org().InsertTransfer({0, m, b2, b1, 50, {}, "早先"}).ok());
  ASSERT_TRUE(db().org().InsertTransfer({0, m, b1, b2, 200, {}, "再调"}).ok());
  auto out = *db().org().ListTransfersOutOf(b1);  // by time, only those out of b1
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].note, "调动");
  EXPECT_EQ(out[1].note, "再调");
  EXPECT_EQ(out[1].to_branch, b2);
  EXPECT_EQ(db().org().ListTransfersOutOf(b2)->size(), 1u);
  EXPECT_EQ(db().org().ListTransfers(m)->front().note, "早先");
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
  EXPECT_FALSE(got.online);
  got.venue = "三楼会议室";
  got.online = true;  // held online
  ASSERT_TRUE(db().training().UpdateClass(got).ok());
  EXPECT_TRUE((**db().training().GetClass(*cid)).online);
  EXPECT_EQ(db().training().ListClasses()->size(), 1u);
  const auto col = Column("news");
  const auto art = Article(col, "培训班新闻");
  ASSERT_TRUE(db().training().SetClassArticle(*cid, art).ok());
  EXPECT_EQ((**db().training().ClassForArticle(art)).id, *cid);
  EXPECT_EQ((**db().training().GetClass(*cid)).photos, "") << "a new class keeps no photos";
  ASSERT_TRUE(db().training().SetClassPhotos(*cid, "", "7,3").ok());
  const Status stale = db().training().SetClassPhotos(*cid, "", "9");
  EXPECT_EQ(stale.code(), Status::Code::kConflict) << "written over a list it did not read";
  EXPECT_EQ((**db().training().GetClass(*cid)).photos, "7,3") << "the stale write left it alone";
  got.venue = "礼堂";
  ASSERT_TRUE(db().training().UpdateClass(got).ok());
  EXPECT_EQ((**db().training().GetClass(*cid)).photos, "7,3") << "editing the class keeps its photos";
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
  EXPECT_FALSE((*credit)[0].online);
  auto online = **db().training().GetClass(cid);
  online.online = true;
  ASSERT_TRUE(db().training().UpdateClass(online).ok());
  EXPECT_TRUE(db().attendance().CreditRows(2026, std::nullopt)->front().online)
      << "a mark carries its class's being online";
  EXPECT_TRUE(db().attendance().CreditRows(2025, std::nullopt)->empty());
  EXPECT_EQ(db().attendance().CreditRows(std::nullopt, cid)->size(), 1u);
  EXPECT_EQ(db().attendance().MemberCreditRows(m)->size(), 1u);
  EXPECT_TRUE(db().attendance().MemberCreditRows(m + 1000)->empty());
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

TEST_P(RepositoryTest, OutsideTrainingByMemberAndYear) {
  const auto branch = Unit("branch", "支部");
  const auto a = Member("甲", branch), b = Member("乙", branch);
  OutsideTrainingRecord t{0, a, "基层党支部书记示范培训班", "市委党校", "centralized",
                          "2025-12-29", "2026-01-02", 24, "结业证书", 100, {}};
  auto first = db().attendance().InsertOutsideTraining(t);
  ASSERT_TRUE(first.ok()) << first.status().message();
  t.member_id = b, t.kind = "online", t.start_date = t.end_date = "2026-03-01", t.hours = 2.5;
  ASSERT_TRUE(db().attendance().InsertOutsideTraining(t).ok());
  auto got = db().attendance().GetOutsideTraining(*first);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->title, "基层党支部书记示范培训班");
  EXPECT_EQ((*got)->organizer, "市委党校");
  EXPECT_EQ((*got)->start_date, "2025-12-29");
  EXPECT_DOUBLE_EQ((*got)->hours, 24);
  EXPECT_EQ((*got)->note, "结业证书");
  // It counts in the year of its last day.
  EXPECT_EQ(db().attendance().ListOutsideTraining(std::nullopt, 2026)->size(), 2u);
  EXPECT_TRUE(db().attendance().ListOutsideTraining(std::nullopt, 2025)->empty());
  auto mine = db().attendance().ListOutsideTraining(b, std::nullopt);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].kind, "online");
  EXPECT_DOUBLE_EQ((*mine)[0].hours, 2.5);
  // The schema refuses what the service would: an unknown kind, no hours,
  // a last day before the first.
  t.kind = "holiday";
  EXPECT_FALSE(db().attendance().InsertOutsideTraining(t).ok());
  t.kind = "online", t.hours = 0;
  EXPECT_FALSE(db().attendance().InsertOutsideTraining(t).ok());
  t.hours = 1, t.end_date = "2026-02-01";
  EXPECT_FALSE(db().attendance().InsertOutsideTraining(t).ok());
  // An update rewrites what was typed; the member and the recording stay.
  OutsideTrainingRecord fixed = **got;
  fixed.title = "基层党支部书记轮训班", fixed.kind = "online", fixed.hours = 20.5;
  fixed.end_date = "2026-01-03", fixed.note = "", fixed.member_id = b, fixed.recorded_at = 7;
  ASSERT_TRUE(db().attendance().UpdateOutsideTraining(fixed).ok());
  auto again = db().attendance().GetOutsideTraining(*first);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->title, "基层党支部书记轮训班");
  EXPECT_EQ((*again)->kind, "online");
  EXPECT_DOUBLE_EQ((*again)->hours, 20.5);
  EXPECT_EQ((*again)->end_date, "2026-01-03");
  EXPECT_EQ((*again)->note, "");
  EXPECT_EQ((*again)->member_id, a);
  EXPECT_EQ((*again)->recorded_at, 100);
  fixed.hours = 0;  // the schema's checks hold for an update too
  EXPECT_FALSE(db().attendance().UpdateOutsideTraining(fixed).ok());
  EXPECT_DOUBLE_EQ((*db().attendance().GetOutsideTraining(*first))->hours, 20.5);
  fixed.id = 999999, fixed.hours = 1;
  EXPECT_EQ(db().attendance().UpdateOutsideTraining(fixed).code(), Status::Code::kNotFound);
  ASSERT_TRUE(db().attendance().DeleteOutsideTraining(*first).ok());
  EXPECT_FALSE(*db().attendance().GetOutsideTraining(*first));
  EXPECT_EQ(db().attendance().ListOutsideTraining(std::nullopt, std::nullopt)->size(), 1u);
}

TEST_P(RepositoryTest, ReportedTrainingWaitsForTheOfficerWithItsCertificate) {
  const auto branch = Unit("branch", "支部");
  const auto a = Member("甲", branch), b = Member("乙", branch);
  OutsideTrainingRecord t{0, a, "网络培训：党史专题", "干部网络学院", "online",
                          "2026-03-01", "2026-03-20", 12, "", 100, {}};
  EXPECT_EQ(t.state, "confirmed") << "what the officer enters counts as entered";
  ASSERT_TRUE(db().attendance().InsertOutsideTraining(t).ok());
  t.state = "reported", t.certificate = "0f0f.pdf", t.certificate_name = "结业证书.pdf";
  t.certificate_mime = "application/pdf", t.recorded_at = 200;
  auto reported = db().attendance().InsertOutsideTraining(t);
  ASSERT_TRUE(reported.ok()) << reported.status().message();
  t.member_id = b, t.recorded_at = 150;
  auto other = db().attendance().InsertOutsideTraining(t);
  ASSERT_TRUE(other.ok());
  auto got = db().attendance().GetOutsideTraining(*reported);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->state, "reported");
  EXPECT_FALSE((*got)->counts());
  EXPECT_EQ((*got)->certificate, "0f0f.pdf");
  EXPECT_EQ((*got)->certificate_name, "结业证书.pdf");
  EXPECT_EQ((*got)->certificate_mime, "application/pdf");
  // The queue: every reported one, the oldest first; or one member's.
  auto queue = db().attendance().ListOutsideTrainingIn("reported");
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].id, *other);
  EXPECT_EQ((*queue)[1].id, *reported);
  // Returned with a reason; a second decision on the same report conflicts.
  ASSERT_TRUE(db().attendance().SetOutsideTrainingState(*reported, "reported", "returned", "证书不清晰").ok());
  EXPECT_EQ(db().attendance().SetOutsideTrainingState(*reported, "reported", "confirmed", "").code(),
            Status::Code::kConflict);
  EXPECT_EQ(db().attendance().SetOutsideTrainingState(999999, "reported", "confirmed", "").code(),
            Status::Code::kNotFound);
  got = db().attendance().GetOutsideTraining(*reported);
  EXPECT_EQ((*got)->state, "returned");
  EXPECT_EQ((*got)->review_note, "证书不清晰");
  EXPECT_EQ(db().attendance().ListOutsideTrainingIn("reported")->size(), 1u);
  ASSERT_TRUE(db().attendance().SetOutsideTrainingState(*other, "reported", "confirmed", "").ok());
  EXPECT_TRUE((*db().attendance().GetOutsideTraining(*other))->counts());
  // A correction rewrites the certificate with what was typed; the state
  // and the officer's note stay.
  auto returned = **db().attendance().GetOutsideTraining(*reported);
  returned.hours = 8, returned.certificate = "b.pdf", returned.certificate_name = "新证书.pdf";
  returned.certificate_mime = "application/pdf";
  ASSERT_TRUE(db().attendance().UpdateOutsideTraining(returned).ok());
  got = db().attendance().GetOutsideTraining(*reported);
  EXPECT_EQ((*got)->hours, 8);
  EXPECT_EQ((*got)->certificate, "b.pdf");
  EXPECT_EQ((*got)->certificate_name, "新证书.pdf");
  EXPECT_EQ((*got)->certificate_mime, "application/pdf");
  EXPECT_EQ((*got)->state, "returned");
  EXPECT_EQ((*got)->review_note, "证书不清晰");
  // The schema knows only the three states.
  EXPECT_FALSE(db().attendance().SetOutsideTrainingState(*other, "confirmed", "approved", "").ok());
  t.state = "approved";
  EXPECT_FALSE(db().attendance().InsertOutsideTraining(t).ok());
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
