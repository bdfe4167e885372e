#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "interact/inspection.h"
#include "interact/mailbox.h"
#include "interact/monitor.h"
#include "interact/work_calendar.h"

namespace procura::interact {
namespace {

namespace fs = std::filesystem;
using auth::Principal;
using auth::Role;

// 2026's National Day: 1-7 October off (the 1st, 2nd, 5th, 6th and 7th
// are weekdays), Sunday 20 September and Saturday 10 October worked.
constexpr const char* kNationalDay =
    "# test calendar\n"
    "2026-09-20 workday 国庆节调休上班\n"
    "2026-10-01 holiday 国庆节\n2026-10-02 holiday 国庆节\n2026-10-05 holiday 国庆节\n"
    "2026-10-06 holiday 国庆节\n2026-10-07 holiday 国庆节\n"
    "2026-10-10 workday 国庆节调休上班\n";

TEST(WorkCalendar, DeadlinesSkipHolidaysAndCountMakeUpDays) {
  auto days = ParseCalendar(kNationalDay);
  ASSERT_TRUE(days.ok()) << days.status().message();
  const WorkCalendar cal(*days);
  EXPECT_FALSE(cal.IsWorkingDay("2026-10-01"));
  EXPECT_FALSE(cal.IsWorkingDay("2026-10-03"));  // a Saturday
  EXPECT_TRUE(cal.IsWorkingDay("2026-10-10"));   // a Saturday worked
  EXPECT_TRUE(cal.IsWorkingDay("2026-09-20"));   // a Sunday worked
  // Received Wednesday 30 September, 3 working days: 8, 9 and (Saturday) 10 October.
  EXPECT_EQ(cal.AddWorkingDays("2026-09-30", 3), "2026-10-10");
  // Without the calendar it would have been Monday 5 October.
  EXPECT_EQ(WorkCalendar({}).AddWorkingDays("2026-09-30", 3), "2026-10-05");
  // Friday 18 September + 1: the Sunday worked.
  EXPECT_EQ(cal.AddWorkingDays("2026-09-18", 1), "2026-09-20");
  EXPECT_EQ(cal.WorkingDaysBetween("2026-09-30", "2026-10-10"), 3);
  EXPECT_EQ(cal.WorkingDaysBetween("2026-10-10", "2026-09-30"), 0);
}

TEST(WorkCalendar, BadLinesAreNamed) {
  auto bad = ParseCalendar("2026-10-01 holiday 国庆节\n2026-13-01 holiday x\n");
  EXPECT_EQ(bad.status().message(), "Line 2: start with a date like 2026-10-01.");
  EXPECT_EQ(ParseCalendar("2026-10-03 holiday 周六\n").status().message(),
            "Line 1: that date is a weekend day, which is not a working day anyway.");
  EXPECT_EQ(ParseCalendar("2026-10-08 workday x\n").status().message(),
            "Line 1: that date is a weekday, which is a working day anyway.");
  EXPECT_EQ(ParseCalendar("2026-10-08 vacation\n").status().message(),
            "Line 1: after the date write holiday or workday.");
  auto shipped = ParseCalendar(DefaultCalendarText());
  ASSERT_TRUE(shipped.ok()) << shipped.status().message();
  EXPECT_GT(shipped->size(), 40u);
  EXPECT_EQ(*ParseCalendar(FormatCalendar(*shipped)), *shipped);
}

TEST(WorkCalendar, YearsMissingAreThisYearAndNextFromDecember) {
  const std::vector<CalendarDay> days{{"2026-10-01", "holiday", "国庆节"}};
  EXPECT_TRUE(YearsMissing(days, "2026-11-30").empty());
  EXPECT_EQ(YearsMissing(days, "2026-12-01"), std::vector<int>{2027});
  EXPECT_EQ(YearsMissing(days, "2027-01-04"), std::vector<int>{2027});
  EXPECT_EQ(YearsMissing({}, "2026-12-31"), (std::vector<int>{2026, 2027}));
  EXPECT_EQ(YearsMissing(days, "2025-06-01"), std::vector<int>{2025});
  EXPECT_TRUE(YearsMissing(days, "not a day").empty());
  const std::vector<CalendarDay> both{{"2026-10-01", "holiday", ""}, {"2027-01-01", "holiday", ""}};
  EXPECT_TRUE(YearsMissing(both, "2026-12-15").empty());
}

TEST(Mailbox, PersonalDataIsMaskedAndCodesNormalized) {
  EXPECT_EQ(MaskPersonalData("电话13812345678，身份证33010619800101123X。"),
            "电话138******78，身份证330*************3X。");
  EXPECT_EQ(MaskPersonalData("写信给 zhang.san@example.cn 即可"), "写信给 z***@example.cn 即可");
  EXPECT_EQ(MaskPersonalData("2026年3月共12件"), "2026年3月共12件");
  // Numbers typed in groups are masked as one number; dates are not numbers.
  EXPECT_EQ(MaskPersonalData("电话 138-1234-5678。"), "电话 138-****-**78。");
  EXPECT_EQ(MaskPersonalData("座机0571 8888 6666"), "座机057* **** **66");
  EXPECT_EQ(MaskPersonalData("+86 138 1234 5678"), "+86 1** **** **78");
  EXPECT_EQ(MaskPersonalData("身份证 330106 19800101 123X"), "身份证 330*** ******** **3X");
  EXPECT_EQ(MaskPersonalData("2026-03-01 至 2026-03-05，共 3 人"), "2026-03-01 至 2026-03-05，共 3 人");
  EXPECT_EQ(MaskPersonalData("案号 123-4567"), "案号 123-4567") << "two short groups are not a phone";
  EXPECT_EQ(MaskPersonalData("打 8888-6666 或 8888 6666"), "打 888*-**66 或 888* **66") << "a local number";
  EXPECT_EQ(MaskPersonalData("2025-2026年度，1998-2024年"), "2025-2026年度，1998-2024年") << "spans of years";
  EXPECT_EQ(MaskPersonalData("８８８８－６６６６"), "８８８*－**６６");
  // Full-width (全角), as a Chinese input method types them.
  EXPECT_EQ(MaskPersonalData("电话１３８１２３４５６７８"), "电话１３８******７８");
  EXPECT_EQ(MaskPersonalData("电话１３８－１２３４－５６７８"), "电话１３８－****－**７８");
  EXPECT_EQ(MaskPersonalData("邮箱ｌｉ．ｓｉ＠ｅｘａｍｐｌｅ．ｃｎ"), "邮箱ｌ***＠ｅｘａｍｐｌｅ．ｃｎ");
  EXPECT_EQ(MaskPersonalData("QQ邮箱 12345678@qq.com"), "QQ邮箱 1***@qq.com");
  EXPECT_EQ(MaskPersonalData("@全体 和 @"), "@全体 和 @");
  EXPECT_EQ(QueryCodeHash("abcd-efgh 2345-6789"), QueryCodeHash("ABCDEFGH23456789"));
  EXPECT_NE(QueryCodeHash("ABCDEFGH23456789"), QueryCodeHash("ABCDEFGH23456788"));
  EXPECT_EQ(QueryCodeHash("ａｂｃｄ－ｅｆｇｈ　２３４５－６７８９"), QueryCodeHash("ABCDEFGH23456789"))
      << "as typed in full-width (全角)";
}

class MailboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-mail-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    audit_ = std::make_unique<auth::Audit>(storage_->audit());
    mail_ = std::make_unique<MailboxService>(*storage_, *audit_);
    auto user = [&](const char* name) {
      UserRecord u;
      u.name = name;
      u.password_hash = "$argon2id$unused";
      return *storage_->users().InsertUser(u);
    };
    editor_ = {user("ed"), "ed", {Role::kEditor}};
    reviewer_ = {user("rv"), "rv", {Role::kReviewer}};
  }
  void TearDown() override {
    mail_.reset();
    storage_.reset();
    fs::remove_all(dir_);
  }
  MessageInput Input(std::string client = "203.0.113.7") {
    MessageInput in;
    in.title = "咨询立案程序";
    in.body = "请问如何申请立案监督？我的电话13812345678。";
    in.name = "张三";
    in.phone = "13812345678";
    in.client = std::move(client);
    in.wants_public = true;
    return in;
  }
  std::int64_t V(std::int64_t id) { return (**storage_->mailbox().GetMessage(id)).version; }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<auth::Audit> audit_;
  std::unique_ptr<MailboxService> mail_;
  Principal editor_, reviewer_;
  auth::Actor actor_{std::nullopt, "t", ""};
};

TEST_F(MailboxTest, AMessageFromReceiptToPublishedReply) {
  const UnixSeconds now = 1790000000;  // 2026-09-21, a Monday
  auto sent = mail_->Submit("chief", Input(), now);
  ASSERT_TRUE(sent.ok()) << sent.status().message();
  EXPECT_EQ(sent->query_code.size(), 19u);
  auto found = mail_->Lookup(sent->query_code);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->state, kMsgReceived);
  EXPECT_FALSE((*found)->code_hash.empty());
  EXPECT_NE((*found)->code_hash.find(sent->query_code), 0u) << "only the hash is kept";
  const auto id = sent->id;
  EXPECT_EQ(mail_->Accept(id, V(id), "控告申诉检察部", reviewer_, actor_).code(),
            Status::Code::kOk);
  EXPECT_EQ(mail_->ApproveReply(id, V(id), reviewer_, actor_).code(),
            Status::Code::kInvalidArgument) << "no reply yet";
  ASSERT_TRUE(mail_->SaveReply(id, V(id), "控告申诉检察部", "可向本院控告申诉检察部提出。", true,
                               reviewer_, actor_).ok());
  EXPECT_EQ(mail_->ApproveReply(id, V(id), reviewer_, actor_).code(), Status::Code::kDenied)
      << "the writer of a reply does not approve it";
  EXPECT_EQ(mail_->ApproveReply(id, V(id), editor_, actor_).code(), Status::Code::kDenied)
      << "editors do not approve replies";
  Principal second = reviewer_;
  second.user_id = editor_.user_id;
  second.roles = {Role::kReviewer};
  ASSERT_TRUE(mail_->ApproveReply(id, V(id), second, actor_).ok());
  auto done = **storage_->mailbox().GetMessage(id);
  EXPECT_EQ(done.state, kMsgAnswered);
  EXPECT_TRUE(done.published);
  auto stats = mail_->Statistics(2026);
  ASSERT_TRUE(stats.ok());
  EXPECT_FALSE(stats->empty());
}

// A reply says nothing the checks before publishing refuse; a personal
// number only when it will be published (the writer alone may be given one).
TEST_F(MailboxTest, ARepliesPersonalNumberIsRefusedOnlyWhenItWillBePublished) {
  for (const bool is_public : {true, false}) {
    auto in = Input();
    in.wants_public = is_public;
    auto sent = mail_->Submit("chief", in, 1790000000);
    ASSERT_TRUE(sent.ok()) << sent.status().message();
    const auto id = sent->id;
    ASSERT_TRUE(mail_->Accept(id, V(id), "控告申诉检察部", reviewer_, actor_).ok());
    const Status s = mail_->SaveReply(id, V(id), "控告申诉检察部", "请致电承办检察官 13912345678。",
                                      true, reviewer_, actor_);
    if (is_public) {
      EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
      EXPECT_EQ(s.field(), "reply");
      EXPECT_NE(s.message().find("“13912345678” → “139****5678”"), std::string::npos) << s.message();
      EXPECT_EQ((**storage_->mailbox().GetMessage(id)).state, kMsgAccepted) << "not handed to review";
    } else {
      EXPECT_TRUE(s.ok()) << s.message();
    }
  }
}

TEST_F(MailboxTest, BadInputAndAbuseAreRefusedClearly) {
  auto in = Input();
  in.title = "";
  in.phone = "call me";
  auto r = mail_->Submit("chief", in, 1790000000);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& p : r.status().problems()) fields.push_back(p.field());
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "phone"}));
  EXPECT_EQ(mail_->Submit("nope", Input(), 1790000000).status().code(), Status::Code::kNotFound);
  in = Input();
  in.honeypot = "http://spam.example";
  EXPECT_EQ(mail_->Submit("chief", in, 1790000000).status().field(), "website");
  // Rate limits: 3 per contact per day, then refused; another contact
  // from the same connection goes on until 5 an hour.
  const UnixSeconds t = 1790000000;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(mail_->Submit("consult", Input(), t + i).ok());
  EXPECT_EQ(mail_->Submit("consult", Input(), t + 3).status().code(), Status::Code::kUnavailable);
  in = Input();
  in.phone = "0571-88886666";
  EXPECT_TRUE(mail_->Submit("consult", in, t + 4).ok());
  in.phone = "0571-88886667";
  EXPECT_EQ(mail_->Submit("consult", in, t + 5).status().code(), Status::Code::kUnavailable)
      << "the sixth from one connection in an hour";
  EXPECT_TRUE(mail_->Submit("consult", in, t + 3600).ok()) << "a new hour";
}

TEST_F(MailboxTest, OverdueMessagesAreFoundAndRejectedOnesDoNotCount) {
  const UnixSeconds sent_at = 1790000000;  // Monday 2026-09-21
  auto late = mail_->Submit("errors", Input("198.51.100.1"), sent_at);  // 3 working days
  auto fine = mail_->Submit("chief", Input("198.51.100.2"), sent_at);   // 15 working days
  auto junk = mail_->Submit("consult", Input("198.51.100.3"), sent_at);
  ASSERT_TRUE(late.ok() && fine.ok() && junk.ok());
  ASSERT_TRUE(mail_->Reject(junk->id, V(junk->id), "广告", editor_, actor_).ok());
  auto items = mail_->OpenItems(sent_at + 6 * 86400);  // Sunday 27 September
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ(items->at(0).message.id, late->id);
  EXPECT_TRUE(items->at(0).overdue);
  EXPECT_FALSE(items->at(1).overdue);
  EXPECT_GT(items->at(1).working_days_left, kDueSoonWorkingDays);
}

// Each indicator on data built to cross, or stay just short of, its
// threshold (dates set through storage, as if published long ago).
class InspectionTest : public ::testing::Test {
 protected:
  static constexpr UnixSeconds kNow = 1790000000, kDay = 86400;
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-insp-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
  }
  void TearDown() override {
    storage_.reset();
    fs::remove_all(dir_);
  }
  std::int64_t Column(const std::string& slug, const std::string& type = "news") {
    ColumnRecord c;
    c.slug = slug;
    c.name = slug;
    c.column_type = type;
    return *storage_->content().InsertColumn(c);
  }
  std::int64_t Publish(std::int64_t column, int days_ago, std::string html = "<p>x</p>") {
    ArticleRecord a;
    a.column_id = column;
    a.title = "t";
    a.status = kStatusPublished;
    a.published_at = kNow - days_ago * kDay;
    a.body_html = std::move(html);
    return *storage_->content().InsertArticle(a);
  }
  const Indicator& Get(const InspectionReport& r, const std::string& key) {
    for (const auto& i : r.indicators)
      if (i.key == key) return i;
    ADD_FAILURE() << "no indicator " << key;
    return r.indicators.front();
  }
  InspectionReport Run() {
    auto r = Inspect(*storage_, kNow, {});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : InspectionReport{};
  }
  fs::path dir_;
  std::unique_ptr<Storage> storage_;
};

TEST_F(InspectionTest, HomePageAndNewsColumnsAgainstTwoWeeks) {
  std::vector<std::int64_t> news;
  for (int i = 0; i < 5; ++i) news.push_back(Column("news" + std::to_string(i)));
  for (int i = 0; i < 4; ++i) Publish(news[i], 15);  // four stale
  Publish(news[4], 12);                              // one stale in 2 days
  auto r = Run();
  EXPECT_EQ(Get(r, "home-page").state, "warn") << "12 days: stale within 3 days";
  EXPECT_EQ(Get(r, "stale-news-columns").state, "warn") << "4 stale + 1 soon";
  EXPECT_EQ(Get(r, "stale-news-columns").items.size(), 5u);
  Publish(news[4], 14);  // not newer: the column's newest is still 12 days old
  EXPECT_EQ(Get(Run(), "stale-news-columns").state, "warn");
  // Three days on, all five are stale.
  auto inspection = Inspect(*storage_, kNow + 3 * kDay, {});
  ASSERT_TRUE(inspection.ok());
  EXPECT_EQ(Get(*inspection, "stale-news-columns").state, "fail");
  EXPECT_EQ(Get(*inspection, "home-page").state, "fail");
  Publish(news[0], 1);
  r = Run();
  EXPECT_EQ(Get(r, "home-page").state, "pass");
  EXPECT_EQ(Get(r, "stale-news-columns").state, "pass") << "3 stale + 1 soon";
}

TEST_F(InspectionTest, NoticeEmptyAndOldColumns) {
  const auto notices = Column("notices", "notice");
  Publish(notices, 182);
  Publish(Column("fresh"), 1);
  for (int i = 0; i < 4; ++i) Column("empty" + std::to_string(i));
  Column("hidden-other", "other");
  auto r = Run();
  EXPECT_EQ(Get(r, "stale-notice-columns").state, "warn") << "stale in a day";
  EXPECT_EQ(Get(r, "empty-columns").state, "fail") << "5 empty: hidden-other is visible and empty";
  Publish(storage_->content().ListColumns()->back().id, 400);
  r = Run();
  EXPECT_EQ(Get(r, "empty-columns").state, "warn") << "4 empty";
  EXPECT_EQ(Get(r, "long-unupdated-columns").items.size(), 1u);
  EXPECT_EQ(Get(r, "long-unupdated-columns").state, "pass");
  EXPECT_EQ(Get(Inspect(*storage_, kNow + kDay, {}).value(), "stale-notice-columns").state, "fail");
}

// With a cache, every article is read once and kept while the change log
// and the word lists stay put; a logged change or a list change reads
// them again.
TEST_F(InspectionTest, TheArticlesReadAreKeptUntilTheSiteOrTheListsChange) {
  const auto id = Publish(Column("news"), 1, "<p><a href=\"/articles/99999/\">gone</a></p>");
  InspectOptions opt;
  opt.text_cache = std::make_shared<ArticleTextCache>();
  const auto count = [&](const char* key) {
    auto r = Inspect(*storage_, kNow, opt);
    EXPECT_TRUE(r.ok());
    return r.ok() ? Get(*r, key).items.size() : 99u;
  };
  EXPECT_EQ(count("internal-dead-links"), 1u);
  ArticleRecord a = storage_->content().GetArticle(id).value().value();
  a.body_html = "<p>fixed</p>";
  a.body_md = "关于绝密文件";
  ASSERT_TRUE(storage_->articles().UpdateArticle(a).ok());
  EXPECT_EQ(count("internal-dead-links"), 1u) << "no change logged: the reading is kept";
  ASSERT_TRUE(storage_->changes().Append({0, "article", id, {}, kNow}).ok());
  EXPECT_EQ(count("internal-dead-links"), 0u) << "a change logged: read again";
  EXPECT_EQ(count("published-text"), 0u);
  ASSERT_TRUE(storage_->safety().InsertWordEntry({0, "confidential", "绝密", "block"}).ok());
  EXPECT_EQ(count("published-text"), 1u) << "a list changed: read again";
}

TEST_F(InspectionTest, DeadLinksMessagesAndAvailability) {
  const auto col = Column("news");
  const auto good = Publish(col, 1);
  Publish(col, 1, "<p><a href=\"/articles/" + std::to_string(good) + "/\">ok</a> "
                  "<a href=\"/articles/99999/\">gone</a> <a href=\"/columns/nope/\">no</a></p>");
  auto r = Run();
  const auto& links = Get(r, "internal-dead-links");
  EXPECT_EQ(links.state, "fail");
  ASSERT_EQ(links.items.size(), 2u);
  EXPECT_EQ(links.items[0].detail, "/articles/99999/");
  EXPECT_EQ(Get(r, "external-dead-links").state, "unmeasured");
  EXPECT_EQ(Get(r, "availability").state, "unmeasured");

  MessageRecord m;
  m.box_id = storage_->mailbox().ListBoxes()->front().id;
  m.code_hash = "a";
  m.title = "old";
  m.body = "b";
  m.state = kMsgAccepted;
  m.received_at = kNow - 80 * kDay;
  ASSERT_TRUE(storage_->mailbox().InsertMessage(m).ok());
  EXPECT_EQ(Get(Run(), "unanswered-messages").state, "warn");
  m.code_hash = "b";
  m.state = kMsgRejected;  // invalid: never counts
  m.received_at = kNow - 200 * kDay;
  ASSERT_TRUE(storage_->mailbox().InsertMessage(m).ok());
  EXPECT_EQ(Get(Run(), "unanswered-messages").state, "warn");
  m.code_hash = "c";
  m.state = kMsgReceived;
  m.received_at = kNow - 91 * kDay;
  ASSERT_TRUE(storage_->mailbox().InsertMessage(m).ok());
  EXPECT_EQ(Get(Run(), "unanswered-messages").state, "fail");

  for (int i = 0; i < 19; ++i) ASSERT_TRUE(storage_->inspection().AppendProbe({kNow - i * 300, 200, 300}).ok());
  ASSERT_TRUE(storage_->inspection().AppendProbe({kNow - 8 * kDay, 0, 20000}).ok());  // last week: not counted
  EXPECT_EQ(Get(Run(), "availability").state, "pass");
  ASSERT_TRUE(storage_->inspection().AppendProbe({kNow - 100, 200, 15000}).ok());  // slow: 1 in 20
  EXPECT_EQ(Get(Run(), "availability").state, "fail");
  auto recorded = InspectAndRecord(*storage_, kNow, {});
  ASSERT_TRUE(recorded.ok());
  auto runs = storage_->inspection().ListRuns(5);
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().failed, recorded->Count("fail"));
  EXPECT_NE(runs->front().summary.find("availability=fail"), std::string::npos);
}

TEST(Monitor, AProbeThatGetsNoAnswerIsAFailure) {
  // Port 9 on loopback: nothing listens (connection refused at once).
  const ProbeRecord r = ProbeOnce("http://127.0.0.1:9/", std::chrono::milliseconds(500));
  EXPECT_EQ(r.status, 0);
  EXPECT_LT(r.millis, 1000);
}

}  // namespace
}  // namespace procura::interact
