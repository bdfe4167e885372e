// The repository suite, third part: branch organisational life — groups,
// meetings with optimistic versions, attendance and spent codes, the
// life meeting's records, appraisals, guides and plans. Run on every
// backend like repository_test.cc.
#include "storage/repository_fixture.h"

namespace procura {
namespace {

MeetingRecord Meeting(std::int64_t branch, const std::string& kind, const std::string& day) {
  MeetingRecord m;
  m.branch_id = branch;
  m.kind = kind;
  m.held_on = day;
  m.starts_at = "14:30";
  m.topic = "学习《支部工作条例》";
  m.created_at = 1;
  return m;
}

TEST_P(RepositoryTest, BranchMeetingsGroupsAndAttendance) {
  const auto b1 = Unit("branch", "第一支部");
  const auto b2 = Unit("branch", "第二支部");
  const auto m1 = Member("张三", b1);
  const auto m2 = Member("李四", b1);
  auto g = db().branch_life().InsertGroup({0, b1, "第一党小组"});
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_FALSE(db().branch_life().InsertGroup({0, b1, "第一党小组"}).ok()) << "names are unique per branch";
  ASSERT_TRUE(db().branch_life().PutGroupMember({*g, m1, true}).ok());
  ASSERT_TRUE(db().branch_life().PutGroupMember({*g, m1, false}).ok());  // updated, not doubled
  auto gm = db().branch_life().ListGroupMembers(*g);
  ASSERT_EQ(gm->size(), 1u);
  EXPECT_FALSE((*gm)[0].leader);
  EXPECT_EQ(db().branch_life().ListGroups(b1)->size(), 1u);
  EXPECT_TRUE(db().branch_life().ListGroups(b2)->empty());
  // Every group's members in one read, by (group, member).
  auto g2 = *db().branch_life().InsertGroup({0, b2, "第二党小组"});
  const auto m3 = Member("王五", b2);
  ASSERT_TRUE(db().branch_life().PutGroupMember({g2, m3, true}).ok());
  ASSERT_TRUE(db().branch_life().PutGroupMember({*g, m2, false}).ok());
  auto all = db().branch_life().ListGroupMembers(std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].group_id, *g);
  EXPECT_EQ((*all)[0].member_id, std::min(m1, m2));
  EXPECT_EQ((*all)[2].group_id, g2);
  EXPECT_TRUE((*all)[2].leader);
  EXPECT_EQ(db().branch_life().ListGroupMembers(*g)->size(), 2u) << "one group's only";

  auto group_meeting = Meeting(b1, "group", "2026-03-10");
  group_meeting.group_id = *g;
  const auto a = *db().branch_life().InsertMeeting(Meeting(b1, "committee", "2026-03-31"));
  const auto b = *db().branch_life().InsertMeeting(group_meeting);
  const auto c = *db().branch_life().InsertMeeting(Meeting(b2, "members", "2026-04-01"));
  EXPECT_FALSE(db().branch_life().InsertMeeting(Meeting(b1, "picnic", "2026-03-01")).ok());
  MeetingFilter q1{b1, "2026-01-01", "2026-03-31", {}};
  auto list = db().branch_life().ListMeetings(q1);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, b) << "by date";
  EXPECT_EQ((*list)[1].group_id, std::nullopt);
  EXPECT_EQ(db().branch_life().ListMeetings({})->size(), 3u);
  EXPECT_EQ(db().branch_life().ListMeetings({{}, "2026-04-01", "", {}})->front().id, c);

  auto got = (*db().branch_life().ListMeetings({{}, "", "", a}))[0];
  EXPECT_EQ(got.ends_at, "") << "an end is optional";
  auto ending = Meeting(b2, "lesson", "2026-04-02");
  ending.ends_at = "16:30";
  const auto e = *db().branch_life().InsertMeeting(ending);
  EXPECT_EQ((*db().branch_life().ListMeetings({{}, "", "", e}))[0].ends_at, "16:30");
  ending.ends_at = "4:30pm";
  EXPECT_FALSE(db().branch_life().InsertMeeting(ending).ok()) << "HH:MM or nothing";
  ASSERT_TRUE(db().branch_life().DeleteMeeting(e).ok());
  got.ends_at = "17:00";
  got.minutes = "会议纪要";
  got.records_filed_at = 500;
  got.photos = "3,4";
  ASSERT_TRUE(db().branch_life().UpdateMeeting(got).ok());
  EXPECT_EQ(db().branch_life().UpdateMeeting(got).code(), Status::Code::kConflict) << "stale version";
  got = (*db().branch_life().ListMeetings({{}, "", "", a}))[0];
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.minutes, "会议纪要");
  EXPECT_EQ(got.records_filed_at, 500);
  EXPECT_EQ(got.photos, "3,4");
  EXPECT_EQ(got.ends_at, "17:00");

  ASSERT_TRUE(db().branch_life().SetMeetingMark({a, m1, "present", "", "qr", 10, {}}).ok());
  ASSERT_TRUE(db().branch_life().SetMeetingMark({a, m2, "excused", "出差", "manual", 11, {}}).ok());
  ASSERT_TRUE(db().branch_life().SetMeetingMark({a, m2, "late", "", "manual", 12, {}}).ok());
  EXPECT_FALSE(db().branch_life().SetMeetingMark({a, m1, "asleep", "", "manual", 12, {}}).ok());
  auto marks = db().branch_life().ListMeetingMarks({{}, "", "", a});
  ASSERT_EQ(marks->size(), 2u);
  EXPECT_EQ((*marks)[1].mark, "late");
  EXPECT_EQ(db().branch_life().ListMeetingMarks(q1)->size(), 2u) << "marks of a branch's quarter";
  EXPECT_TRUE(db().branch_life().ListMeetingMarks({b2, "", "", {}})->empty());
  ASSERT_TRUE(db().branch_life().SpendMeetingToken(a, 7, m1, 10).ok());
  EXPECT_FALSE(db().branch_life().SpendMeetingToken(a, 7, m1, 11).ok()) << "a code is spent once";
  ASSERT_TRUE(db().branch_life().DeleteMeetingMark(a, m2).ok());
  EXPECT_EQ(db().branch_life().ListMeetingMarks({{}, "", "", a})->size(), 1u);

  ASSERT_TRUE(db().branch_life().PutMemberReview({a, m1, "自我批评", "批评意见"}).ok());
  ASSERT_TRUE(db().branch_life().PutMemberReview({a, m1, "改过", "批评意见"}).ok());
  auto reviews = db().branch_life().ListMemberReviews(a);
  ASSERT_EQ(reviews->size(), 1u);
  EXPECT_EQ((*reviews)[0].self_criticism, "改过");

  ASSERT_TRUE(db().branch_life().DeleteMeeting(a).ok());
  EXPECT_EQ(db().branch_life().DeleteMeeting(a).code(), Status::Code::kNotFound);
  EXPECT_TRUE(db().branch_life().ListMeetingMarks({{}, "", "", a})->empty()) << "marks go with it";
  EXPECT_TRUE(db().branch_life().ListMemberReviews(a)->empty());
}

TEST_P(RepositoryTest, AppraisalsGuidesAndPlans) {
  const auto b1 = Unit("branch", "第一支部");
  const auto b2 = Unit("branch", "第二支部");
  const auto m1 = Member("张三", b1);
  const auto m2 = Member("王五", b2);
  ASSERT_TRUE(db().branch_life().PutAppraisal({2026, m1, b1, "qualified", 1, {}}).ok());
  ASSERT_TRUE(db().branch_life().PutAppraisal({2026, m1, b1, "excellent", 2, {}}).ok());
  ASSERT_TRUE(db().branch_life().PutAppraisal({2026, m2, b2, "basically-qualified", 2, {}}).ok());
  EXPECT_FALSE(db().branch_life().PutAppraisal({2026, m2, b2, "great", 2, {}}).ok());
  EXPECT_EQ(db().branch_life().ListAppraisals(2026, std::nullopt)->size(), 2u);
  auto one = db().branch_life().ListAppraisals(2026, b1);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].rating, "excellent");
  EXPECT_TRUE(db().branch_life().ListAppraisals(2025, std::nullopt)->empty());

  const auto q = db().branch_life().InsertGuide({0, "2026-Q1", "一季度指导", "学习", "材料", "2026-04-05", 1, {}});
  ASSERT_TRUE(q.ok()) << q.status().message();
  ASSERT_TRUE(db().branch_life().InsertGuide({0, "2026-03", "三月指导", "", "", "2026-03-31", 2, {}}).ok());
  ASSERT_TRUE(db().branch_life().InsertGuide({0, "2025-12", "旧指导", "", "", "2025-12-31", 2, {}}).ok());
  auto guides = db().branch_life().ListGuides("2026");
  ASSERT_EQ(guides->size(), 2u);
  EXPECT_EQ((*guides)[0].period, "2026-Q1") << "newest period first ('Q' sorts after digits)";
  EXPECT_EQ((**db().branch_life().GetGuide(*q)).title, "一季度指导");
  EXPECT_FALSE(*db().branch_life().GetGuide(99999));

  ASSERT_TRUE(db().branch_life().PutPlan({b1, 2026, "计划一", 5, {}}).ok());
  ASSERT_TRUE(db().branch_life().PutPlan({b1, 2026, "计划二", 6, {}}).ok());
  EXPECT_EQ((**db().branch_life().GetPlan(b1, 2026)).body, "计划二");
  EXPECT_FALSE(*db().branch_life().GetPlan(b2, 2026));
  EXPECT_EQ(db().branch_life().ListPlans(2026)->size(), 1u);
}

TEST_P(RepositoryTest, HeartToHeartTalks) {
  const auto b1 = Unit("branch", "第一支部");
  const auto b2 = Unit("branch", "第二支部");
  const auto m1 = Member("张三", b1);
  const auto m2 = Member("李四", b1);
  auto& life = db().branch_life();
  const auto a = life.InsertTalk({0, b1, "2026-03-02", m1, m2, "谈思想、工作情况", {}, 10});
  ASSERT_TRUE(a.ok()) << a.status().message();
  const auto b = *life.InsertTalk({0, b1, "2026-05-20", m2, m1, "谈整改措施", {}, 11});
  ASSERT_TRUE(life.InsertTalk({0, b1, "2025-12-30", m1, m2, "去年的谈话", {}, 12}).ok());
  EXPECT_FALSE(life.InsertTalk({0, b1, "2026-03-02", m1, m1, "自己和自己", {}, 13}).ok()) << "two people";
  EXPECT_FALSE(life.InsertTalk({0, b1, "2026-03-02", m1, m2, "", {}, 13}).ok()) << "a summary";
  auto year = life.ListTalks(b1, "2026-01-01", "2026-12-31");
  ASSERT_TRUE(year.ok()) << year.status().message();
  ASSERT_EQ(year->size(), 2u);
  EXPECT_EQ((*year)[0].id, b) << "newest first";
  EXPECT_EQ((*year)[1].summary, "谈思想、工作情况");
  EXPECT_EQ((*year)[1].talker_id, m1);
  EXPECT_EQ((*year)[1].recorded_at, 10);
  EXPECT_TRUE(life.ListTalks(b2, "2026-01-01", "2026-12-31")->empty());
  const auto m3 = Member("王五", b2), m4 = Member("赵六", b2);
  ASSERT_TRUE(life.InsertTalk({0, b2, "2026-04-01", m3, m4, "另一个支部", {}, 14}).ok());
  auto all = life.ListTalks(std::nullopt, "2026-01-01", "2026-12-31");
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 3u) << "every branch's";
  EXPECT_EQ((*all)[1].branch_id, b2);
  EXPECT_EQ(life.ListTalks(b1, "2026-01-01", "2026-12-31")->size(), 2u) << "one branch's only";
  EXPECT_EQ((**life.GetTalk(*a)).member_id, m2);
  // An edit rewrites the date, the two members and the summary, nothing else.
  ASSERT_TRUE(life.UpdateTalk({*a, b2, "2026-03-03", m2, m1, "改正后的要点", 99, 99}).ok());
  const TalkRecord edited = **life.GetTalk(*a);
  EXPECT_EQ(edited.held_on, "2026-03-03");
  EXPECT_EQ(edited.talker_id, m2);
  EXPECT_EQ(edited.member_id, m1);
  EXPECT_EQ(edited.summary, "改正后的要点");
  EXPECT_EQ(edited.branch_id, b1) << "the branch stays";
  EXPECT_EQ(edited.recorded_at, 10) << "who recorded it, and when, stay";
  EXPECT_FALSE(edited.recorded_by);
  EXPECT_FALSE(life.UpdateTalk({*a, b1, "2026-03-03", m1, m1, "自己和自己", {}, 0}).ok()) << "two people";
  EXPECT_EQ((**life.GetTalk(*a)).talker_id, m2) << "a refused edit changes nothing";
  EXPECT_EQ(life.UpdateTalk({*a + 1000, b1, "2026-03-03", m1, m2, "无此谈话", {}, 0}).code(),
            Status::Code::kNotFound);
  ASSERT_TRUE(life.DeleteTalk(*a).ok());
  EXPECT_FALSE(*life.GetTalk(*a));
  EXPECT_EQ(life.ListTalks(b1, "2026-01-01", "2026-12-31")->size(), 1u);
}

}  // namespace
}  // namespace procura
