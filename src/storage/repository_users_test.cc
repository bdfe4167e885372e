// The repository suite, accounts: users with their roles and column
// rights, sessions, API tokens, second-factor tickets, the sign-in
// throttle, TOTP and recovery codes. Run on every backend like
// repository_test.cc.
#include "storage/repository_fixture.h"

namespace procura {
namespace {

TEST_P(RepositoryTest, UsersRolesAndColumnRights) {
  const auto col = Column("news");
  const auto u = User("Editor", {"editor", "reviewer"});
  EXPECT_EQ(db().users().InsertUser({0, "editor", "", "h"}).status().code(),
            Status::Code::kAlreadyExists);  // names are unique whatever their case
  auto found = db().users().FindUserByName("EDITOR");
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->id, u);
  EXPECT_EQ((*found)->roles, (std::vector<std::string>{"editor", "reviewer"}));
  ASSERT_TRUE(db().users().SetRoles(u, {"admin"}).ok());
  ASSERT_TRUE(db().users().UpdatePasswordHash(u, "new").ok());
  ASSERT_TRUE(db().users().SetDisabled(u, true).ok());
  ASSERT_TRUE(db().users().SetLanguage(u, "en").ok());
  EXPECT_FALSE(db().users().SetLanguage(u, "fr").ok());
  auto byid = **db().users().FindUserById(u);
  EXPECT_EQ(byid.roles, std::vector<std::string>{"admin"});
  EXPECT_EQ(byid.password_hash, "new");
  EXPECT_TRUE(byid.disabled);
  EXPECT_EQ(byid.lang, "en");
  User("another");
  EXPECT_EQ(db().users().ListUsers()->size(), 2u);
  ASSERT_TRUE(db().users().SetColumnReviewers(col, {{u, 5}, {u, 5}}).ok());
  EXPECT_EQ(*db().users().ColumnReviewerGrants(col), (std::vector<ReviewerGrant>{{u, 5}}));
  EXPECT_EQ(*db().users().ReviewerGrants(u), (std::vector<ReviewerGrant>{{col, 5}}));
  EXPECT_FALSE(db().users().SetColumnReviewers(col, {{u, 0}}).ok());
  EXPECT_FALSE(db().users().SetColumnReviewers(col, {{u, 8}}).ok());
  ASSERT_TRUE(db().users().SetColumnEditors(col, {u}).ok());
  EXPECT_EQ(*db().users().ReviewerColumns(u), std::vector<std::int64_t>{col});
  EXPECT_EQ(*db().users().ColumnReviewers(col), std::vector<std::int64_t>{u});
  EXPECT_EQ(*db().users().EditorColumns(u), std::vector<std::int64_t>{col});
  EXPECT_EQ(*db().users().ColumnEditors(col), std::vector<std::int64_t>{u});
  ASSERT_TRUE(db().users().SetColumnEditors(col, {}).ok());
  EXPECT_TRUE(db().users().ColumnEditors(col)->empty());
}

TEST_P(RepositoryTest, SessionsTokensAndTickets) {
  const auto u = User("editor");
  ASSERT_TRUE(db().users().InsertSession({"h1", u, "csrf", 10, 10, "127.0.0.1", "Mozilla/5.0 UA"}).ok());
  ASSERT_TRUE(db().users().InsertSession({"h2", u, "csrf2", 10, 10, ""}).ok());
  ASSERT_TRUE(db().users().TouchSession("h1", 50).ok());
  auto s = db().users().FindSession("h1");
  ASSERT_TRUE(s.ok() && *s);
  EXPECT_EQ((*s)->last_seen_at, 50);
  EXPECT_EQ((*s)->csrf_token, "csrf");
  EXPECT_EQ((*s)->user_agent, "Mozilla/5.0 UA");
  EXPECT_EQ(*db().users().SweepSessions(/*idle_before=*/20, /*created_before=*/0), 1);
  EXPECT_FALSE(*db().users().FindSession("h2"));
  ASSERT_TRUE(db().users().DeleteSession("h1").ok());
  ASSERT_TRUE(db().users().InsertSession({"h3", u, "c", 10, 10, ""}).ok());
  ASSERT_TRUE(db().users().DeleteUserSessions(u).ok());
  EXPECT_FALSE(*db().users().FindSession("h3"));
  // A user's sessions, newest first; ending all but one.
  const auto other = User("reviewer");
  ASSERT_TRUE(db().users().InsertSession({"a", u, "c", 20, 30, "10.0.0.1"}).ok());
  ASSERT_TRUE(db().users().InsertSession({"b", u, "c", 40, 45, "10.0.0.2"}).ok());
  ASSERT_TRUE(db().users().InsertSession({"c", u, "c", 30, 60, ""}).ok());
  ASSERT_TRUE(db().users().InsertSession({"o", other, "c", 50, 50, ""}).ok());
  auto mine = db().users().ListUserSessions(u);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 3u);
  EXPECT_EQ((*mine)[0].token_hash, "b");
  EXPECT_EQ((*mine)[0].ip, "10.0.0.2");
  EXPECT_EQ((*mine)[1].token_hash, "c");
  EXPECT_EQ((*mine)[1].last_seen_at, 60);
  EXPECT_EQ((*mine)[2].token_hash, "a");
  EXPECT_EQ(*db().users().DeleteOtherSessions(u, "c"), 2);
  mine = db().users().ListUserSessions(u);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().token_hash, "c");
  EXPECT_TRUE(*db().users().FindSession("o"));  // another user's stays
  EXPECT_EQ(*db().users().DeleteOtherSessions(u, "c"), 0);

  ASSERT_TRUE(db().users().InsertApiToken(u, "t1", "ci", 5).ok());
  EXPECT_EQ(**db().users().FindApiTokenUser("t1"), u);
  ASSERT_TRUE(db().users().RevokeApiTokens(u).ok());
  EXPECT_FALSE(*db().users().FindApiTokenUser("t1"));

  EXPECT_FALSE(*db().users().GetCalendarLink(u)) << "none until made";
  ASSERT_TRUE(db().users().PutCalendarLink(u, "c1", 7).ok());
  EXPECT_EQ(**db().users().FindCalendarLinkUser("c1"), u);
  ASSERT_TRUE(db().users().TouchCalendarLink(u, 9, 0).ok());
  EXPECT_EQ((**db().users().GetCalendarLink(u)).last_read_at, 9);
  ASSERT_TRUE(db().users().TouchCalendarLink(u, 12, 5).ok());
  EXPECT_EQ((**db().users().GetCalendarLink(u)).last_read_at, 9) << "noted within the last 5 s";
  ASSERT_TRUE(db().users().TouchCalendarLink(u, 14, 5).ok());
  EXPECT_EQ((**db().users().GetCalendarLink(u)).last_read_at, 14);
  ASSERT_TRUE(db().users().PutCalendarLink(u, "c2", 8).ok()) << "a new one replaces it";
  EXPECT_FALSE(*db().users().FindCalendarLinkUser("c1")) << "the old address stops working";
  EXPECT_EQ(**db().users().FindCalendarLinkUser("c2"), u);
  auto link = **db().users().GetCalendarLink(u);
  EXPECT_EQ(link.created_at, 8);
  EXPECT_EQ(link.last_read_at, std::nullopt) << "not read since it was made";
  EXPECT_FALSE(db().users().PutCalendarLink(u + 1000, "c3", 8).ok()) << "only for a user";
  ASSERT_TRUE(db().users().DeleteCalendarLink(u).ok());
  EXPECT_FALSE(*db().users().FindCalendarLinkUser("c2"));
  EXPECT_FALSE(*db().users().GetCalendarLink(u));

  ASSERT_TRUE(db().users().InsertMfaTicket("m1", u, 100).ok());
  EXPECT_EQ((**db().users().FindMfaTicket("m1")).first, u);
  EXPECT_EQ(*db().users().SweepMfaTickets(50), 0);
  ASSERT_TRUE(db().users().DeleteMfaTicket("m1").ok());
  EXPECT_FALSE(*db().users().FindMfaTicket("m1"));
}

TEST_P(RepositoryTest, LoginThrottleCountsPerNameAndClient) {
  ASSERT_TRUE(db().users().RecordLoginFailure("editor", "10.0.0.1", 100).ok());
  ASSERT_TRUE(db().users().RecordLoginFailure("editor", "10.0.0.1", 110).ok());
  ASSERT_TRUE(db().users().RecordLoginFailure("other", "10.0.0.1", 120).ok());
  auto f = db().users().LoginFailures("editor", "10.0.0.1");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->first, 2);
  EXPECT_EQ(f->second, 110);
  EXPECT_EQ(*db().users().ClientFailuresSince("10.0.0.1", 0), 3);
  EXPECT_EQ(*db().users().ClientFailuresSince("10.0.0.1", 115), 1);
  ASSERT_TRUE(db().users().ClearLoginFailures("editor", "10.0.0.1").ok());
  EXPECT_EQ(db().users().LoginFailures("editor", "10.0.0.1")->first, 0);
  EXPECT_EQ(*db().users().SweepLoginThrottle(200), 1);
}

TEST_P(RepositoryTest, TotpStepsAndRecoveryCodesAreSpentOnce) {
  const auto u = User("editor");
  ASSERT_TRUE(db().users().SetTotp(u, {"SECRET", true, 10}).ok());
  auto t = db().users().GetTotp(u);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->enabled);
  EXPECT_EQ(t->secret, "SECRET");
  EXPECT_TRUE(*db().users().AdvanceTotpStep(u, 11));
  EXPECT_FALSE(*db().users().AdvanceTotpStep(u, 11));  // a replayed code
  EXPECT_FALSE(*db().users().AdvanceTotpStep(u, 5));
  EXPECT_EQ(db().users().GetTotp(424242).status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(db().users().ReplaceRecoveryCodes(u, {"c1", "c2"}).ok());
  EXPECT_EQ(*db().users().RecoveryCodesLeft(u), 2);
  EXPECT_TRUE(*db().users().UseRecoveryCode(u, "c1", 100));
  EXPECT_FALSE(*db().users().UseRecoveryCode(u, "c1", 101));
  EXPECT_EQ(*db().users().RecoveryCodesLeft(u), 1);
}

}  // namespace
}  // namespace procura
