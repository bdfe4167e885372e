#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <regex>

#include "core/clock.h"
#include "auth/accounts.h"
#include "auth/user_agent.h"
#include "auth/totp.h"
#include "auth/password.h"
#include "auth/permissions.h"

#include <sodium.h>
#include <sqlite3.h>

namespace procura::auth {
namespace {

namespace fs = std::filesystem;

const PasswordPolicy& Policy() {
  static const PasswordPolicy p =
      *PasswordPolicy::Load(fs::path(PROCURA_SOURCE_DIR) / "data/security/common-passwords.txt");
  return p;
}

TEST(PasswordPolicy, LengthAndCommonList) {
  ASSERT_TRUE(InitCrypto().ok());
  EXPECT_GE(Policy().size(), 10000u);
  EXPECT_FALSE(Policy().Check("short").ok());
  EXPECT_FALSE(Policy().Check(std::string(129, 'x')).ok());
  EXPECT_TRUE(Policy().Check(std::string(128, 'q')).ok());
  EXPECT_FALSE(Policy().Check("password").ok());
  EXPECT_FALSE(Policy().Check("PassWord1").ok());  // compared case-insensitively
  EXPECT_FALSE(Policy().Check("12345678").ok());
  EXPECT_TRUE(Policy().Check("correct horse battery").ok());
  EXPECT_TRUE(Policy().Check("检察院党支部书记培训").ok());  // 10 characters, 30 bytes
  EXPECT_FALSE(Policy().Check("检察院党支部").ok());         // 6 characters
  EXPECT_FALSE(Policy().Check("bad \xff utf8 here").ok());
}

TEST(Password, HashVerifyAndRehash) {
  auto h = HashPassword("correct horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_NE(h->find("m=65536,t=3,p=1"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterY"));
  EXPECT_FALSE(NeedsRehash(*h));
  // A hash at OWASP's floor (t=2, m=19 MiB) is below procura's policy.
  char weak[128];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, "x", 1, 2, 19u << 20, crypto_pwhash_ALG_ARGON2ID13), 0);
  EXPECT_TRUE(NeedsRehash(weak));
  EXPECT_FALSE(VerifyPassword("$2y$10$bcrypt-is-not-accepted", "x"));
}

TEST(Tokens, RandomAndHashed) {
  const auto a = RandomToken(), b = RandomToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

TEST(Permissions, DenyUnlessARuleAllows) {
  Principal nobody;
  Principal editor{1, "e", {Role::kEditor}, {}};
  Principal reviewer{2, "r", {Role::kReviewer}, {10}};
  Principal admin{3, "a", {Role::kAdmin}, {}};
  Principal secretary{4, "s", {Role::kBranchSecretary}, {}};
  EXPECT_FALSE(Can(nobody, Action::kUseAdmin));
  EXPECT_FALSE(Can(secretary, Action::kUseAdmin));
  EXPECT_TRUE(Can(editor, Action::kWriteArticles));
  EXPECT_FALSE(Can(editor, Action::kReviewColumn, 10));
  EXPECT_TRUE(Can(reviewer, Action::kReviewColumn, 10));
  EXPECT_FALSE(Can(reviewer, Action::kReviewColumn, 11));  // not their column
  EXPECT_FALSE(Can(reviewer, Action::kReviewColumn));
  EXPECT_TRUE(
      MayAttempt(reviewer, Action::kReviewColumn));  // the route; the column is checked later
  EXPECT_FALSE(MayAttempt(editor, Action::kReviewColumn));
  EXPECT_FALSE(MayAttempt(editor, Action::kViewAudit));
  EXPECT_FALSE(Can(admin, Action::kReviewColumn, 10));
  EXPECT_TRUE(Can(admin, Action::kManageUsers));
  EXPECT_FALSE(Can(editor, Action::kViewAudit));
  EXPECT_EQ(ParseRole("records-officer"), Role::kRecordsOfficer);
  EXPECT_FALSE(ParseRole("root").has_value());
}

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-auth-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    audit_ = std::make_unique<Audit>(storage_->audit());
  }
  void TearDown() override {
    storage_.reset();
    fs::remove_all(dir_);
  }
  AccountService Service(SessionPolicy sp = {}) {
    return AccountService(*storage_, Policy(), *audit_, sp);
  }
  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<Audit> audit_;
  Actor cli_{std::nullopt, "cli", ""};
};

TEST_F(AccountsTest, AddValidatesNameRoleAndPassword) {
  auto svc = Service();
  EXPECT_EQ(svc.AddUser("bad name", "correct horse battery", {"editor"}, cli_).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_NE(svc.AddUser("ed", "correct horse battery", {"root"}, cli_)
                .status()
                .message()
                .find("Unknown role"),
            std::string::npos);
  EXPECT_FALSE(svc.AddUser("ed", "password", {"editor"}, cli_).ok());
  ASSERT_TRUE(svc.AddUser("ed", "correct horse battery", {"editor"}, cli_).ok());
  EXPECT_EQ(svc.AddUser("ED", "correct horse battery", {"editor"}, cli_).status().code(),
            Status::Code::kAlreadyExists);
  auto log = storage_->audit().Query({});
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->front().action, "user.add");
}

TEST_F(AccountsTest, LoginSameMessageThrottleAndSessions) {
  auto svc = Service();
  ASSERT_TRUE(svc.AddUser("ed", "correct horse battery", {"editor"}, cli_).ok());
  auto wrong = svc.Login("ed", "wrong horse battery", "10.0.0.1");
  auto unknown = svc.Login("nobody", "wrong horse battery", "10.0.0.1");
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  EXPECT_EQ(wrong.status().code(), Status::Code::kDenied);
  auto ok = svc.Login("ed", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  auto again = svc.Login("ed", "correct horse battery", "10.0.0.1");
  EXPECT_NE(ok->token, again->token);  // a new token at every login
  // The name typed in full-width (全角), or with a phone keyboard's space
  // after it, is the same name; the password is taken exactly as typed.
  EXPECT_TRUE(svc.Login("ｅｄ", "correct horse battery", "10.0.0.1").ok());
  EXPECT_TRUE(svc.Login("ed ", "correct horse battery", "10.0.0.1").ok());
  EXPECT_FALSE(svc.Login("ed", "ｃorrect horse battery", "10.0.0.1").ok());
  auto session = svc.Authenticate(ok->token, "10.0.0.1");
  ASSERT_TRUE(session.ok() && session->has_value());
  EXPECT_TRUE((*session)->principal.Has(Role::kEditor));
  ASSERT_TRUE(svc.Logout((*session)->token_hash, cli_).ok());
  EXPECT_FALSE(svc.Authenticate(ok->token, "")->has_value());
  // Five failures from one address throttle that address for that account,
  // even with the right password...
  for (int i = 0; i < 5; ++i) (void)svc.Login("ED", "wrong horse battery", "10.0.0.2");
  auto locked = svc.Login("ed", "correct horse battery", "10.0.0.2");
  // The wait counts down from the last failure (30 s), so a slow machine may
  // already be a second or two into it.
  std::smatch wait;
  const std::string locked_message = locked.status().message();
  ASSERT_TRUE(std::regex_match(
      locked_message, wait,
      std::regex("Too many failed sign-in attempts from this address\\. Try again in (\\d+) seconds\\.")))
      << locked_message;
  EXPECT_GE(std::stoi(wait[1]), 20);
  EXPECT_LE(std::stoi(wait[1]), 30);
  // ...but never keep the owner out from elsewhere.
  EXPECT_TRUE(svc.Login("ed", "correct horse battery", "10.0.0.3").ok());
  // Throttled attempts write nothing: no audit rows, one aggregated row.
  for (int i = 0; i < 100; ++i) (void)svc.Login("ed", "wrong horse battery", "10.0.0.2");
  auto failures = storage_->audit().Query({.action = "login.failed"});
  EXPECT_EQ(failures->size(), 8u);  // 2 + 1 (the full-width password) + 5
  auto row = storage_->users().LoginFailures("ed", "10.0.0.2");
  EXPECT_EQ(row->first, 5);
}

TEST_F(AccountsTest, ThrottleDelaysGrowAndOneAddressIsCappedOverAllAccounts) {
  auto svc = Service({.first_delay_seconds = -1000, .max_failures_per_client = 8});
  ASSERT_TRUE(svc.AddUser("ed", "correct horse battery", {"editor"}, cli_).ok());
  // A negative first delay lets every attempt through, so failures add up.
  for (int i = 0; i < 8; ++i) (void)svc.Login("user" + std::to_string(i), "wrong", "10.9.9.9");
  auto capped = svc.Login("ed", "correct horse battery", "10.9.9.9");
  EXPECT_EQ(capped.status().message(),
            "Too many failed sign-in attempts from this address. Try again later.");
  EXPECT_TRUE(svc.Login("ed", "correct horse battery", "10.9.9.10").ok());
  // Delays double per failure past the free ones, up to the maximum.
  auto doubling = Service({.first_delay_seconds = 30, .max_delay_seconds = 100});
  for (int i = 0; i < 6; ++i) (void)storage_->users().RecordLoginFailure("x", "c", NowUnix());
  // (A second may tick between recording and asking.)
  auto waits = [&](std::initializer_list<const char*> any) {
    const std::string m = doubling.Login("x", "p", "c").status().message();
    for (const char* w : any)
      if (m.find(w) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(waits({"in 60 seconds", "in 59 seconds"}));
  (void)storage_->users().RecordLoginFailure("x", "c", NowUnix());
  EXPECT_TRUE(waits({"in 100 seconds", "in 99 seconds"}));
}

TEST_F(AccountsTest, DisablingRevokesApiTokensForGood) {
  auto svc = Service();
  ASSERT_TRUE(svc.AddUser("ed", "correct horse battery", {"editor"}, cli_).ok());
  auto token = svc.CreateApiToken("ed", "ci", cli_);
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(svc.AuthenticateApiToken(*token)->has_value());
  ASSERT_TRUE(svc.Disable("ed", cli_).ok());
  ASSERT_TRUE(svc.Enable("ed", cli_).ok());
  EXPECT_FALSE(svc.AuthenticateApiToken(*token)->has_value()) << "re-enabling does not revive it";
}

TEST_F(AccountsTest, DisableEndsSessionsAndIdleExpiry) {
  auto svc = Service();
  ASSERT_TRUE(svc.AddUser("rev", "correct horse battery", {"reviewer"}, cli_).ok());
  auto login = svc.Login("rev", "correct horse battery", "ip");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(svc.Disable("rev", cli_).ok());
  EXPECT_FALSE(svc.Authenticate(login->token, "")->has_value());
  EXPECT_FALSE(svc.Login("rev", "correct horse battery", "ip").ok());

  ASSERT_TRUE(svc.AddUser("ed2", "correct horse battery", {"editor"}, cli_).ok());
  auto expiring = Service({.idle_seconds = -1});
  auto l2 = expiring.Login("ed2", "correct horse battery", "ip");
  ASSERT_TRUE(l2.ok());
  EXPECT_FALSE(expiring.Authenticate(l2->token, "")->has_value());
}

TEST_F(AccountsTest, ChangeOwnPasswordNeedsTheCurrentOne) {
  auto svc = Service();
  auto id = svc.AddUser("ed", "correct horse battery", {"editor"}, cli_);
  auto here = svc.Login("ed", "correct horse battery", "ip");
  auto elsewhere = svc.Login("ed", "correct horse battery", "ip2");
  EXPECT_EQ(
      svc.ChangeOwnPassword(*id, "wrong one here", "new horse battery", cli_).status().code(),
      Status::Code::kDenied);
  auto renewed = svc.ChangeOwnPassword(*id, "correct horse battery", "new horse battery", cli_);
  ASSERT_TRUE(renewed.ok());
  EXPECT_FALSE(svc.Authenticate(elsewhere->token, "")->has_value()) << "other sessions end";
  EXPECT_FALSE(svc.Authenticate(here->token, "")->has_value()) << "this one is rotated";
  EXPECT_TRUE(svc.Authenticate(renewed->token, "")->has_value());
  EXPECT_TRUE(svc.Login("ed", "new horse battery", "ip").ok());
}

TEST(UserAgent, NamesTheBrowserOrAppAndTheSystem) {
  const auto is = [](std::string_view ua, std::string_view browser, std::string_view system) {
    const auto d = DescribeUserAgent(ua);
    EXPECT_EQ(d.browser, browser) << ua;
    EXPECT_EQ(d.system, system) << ua;
  };
  is("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36", "Chrome", "Windows");
  is("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Edge", "Windows");
  is("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.1 Mobile/15E148 Safari/604.1", "Safari", "iPhone");
  is("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0", "Firefox", "Linux");
  // 企业微信 names 微信 too; the app comes before the engine it embeds.
  is("Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 "
     "wxwork/4.1.16 MicroMessenger/7.0.1", "WeCom", "Android");
  is("Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0.40",
     "WeChat", "iPhone");
  is("Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 Chrome/99.0 "
     "HuaweiBrowser/14.0.0.322 Mobile Safari/537.36", "Huawei Browser", "HarmonyOS");
  is("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/108.0 Safari/537.36 UOS",
     "Chrome", "UOS");
  is("curl/7.88.1", "curl", "");
  is("", "", "");
  is("something else entirely", "", "");
  const auto english = [](std::string_view s) { return std::string(s); };
  EXPECT_EQ(JoinDescription({"Chrome", "Windows"}, " · ", english), "Chrome · Windows");
  EXPECT_EQ(JoinDescription({"curl", ""}, " · ", english), "curl");
  EXPECT_EQ(JoinDescription({"", "Linux"}, " · ", english), "Linux");
  EXPECT_EQ(JoinDescription({}, " · ", english), "");
  EXPECT_EQ(UserAgentToKeep("a\tb\x7f\xe4\xb8\xad c"), "ab c");
  EXPECT_EQ(UserAgentToKeep(std::string(1000, 'x')).size(), kMaxUserAgentBytes);
}

TEST_F(AccountsTest, OneSeesOnesLiveSessionsAndEndsTheOthersWithThePassword) {
  auto svc = Service();
  ASSERT_TRUE(svc.AddUser("ed", "correct horse battery", {"editor"}, cli_).ok());
  ASSERT_TRUE(svc.AddUser("rev", "correct horse battery", {"reviewer"}, cli_).ok());
  const std::string wechat =
      "Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/86.0.4240.99 XWEB/4435 MMWEBSDK/20220505 Mobile Safari/537.36 MicroMessenger/8.0.23";
  auto here = svc.Login("ed", "correct horse battery", "10.0.0.1");
  auto phone = svc.Login("ed", "correct horse battery", "10.0.0.2", wechat + "\x01\n");
  auto stale = svc.Login("ed", "correct horse battery", "10.0.0.3");
  auto someone_else = svc.Login("rev", "correct horse battery", "10.0.0.4");
  ASSERT_TRUE(here.ok() && phone.ok() && stale.ok() && someone_else.ok());
  // One idle past the limit is not listed (Authenticate would refuse it).
  ASSERT_TRUE(storage_->users().TouchSession(stale->session.token_hash, NowUnix() - 3600).ok());
  auto me = *svc.Authenticate(here->token, "");
  auto list = svc.ListSessions(*me);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  int current = 0;
  for (const auto& s : *list) current += s.current;
  EXPECT_EQ(current, 1);
  EXPECT_NE((*list)[0].ip, "10.0.0.3");
  // Each says which browser: the header as it came, without control bytes.
  for (const auto& s : *list) EXPECT_EQ(s.user_agent, s.ip == "10.0.0.2" ? wechat : "") << s.ip;
  // The password is needed; a wrong one ends nothing.
  EXPECT_EQ(svc.EndOtherSessions(*me, "wrong one here", cli_).status().code(),
            Status::Code::kDenied);
  EXPECT_EQ(svc.EndOtherSessions(*me, "", cli_).status().code(), Status::Code::kDenied);
  EXPECT_TRUE(svc.Authenticate(phone->token, "")->has_value());
  auto ended = svc.EndOtherSessions(*me, "correct horse battery", cli_);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 2);  // the phone's, and the stale one not yet swept
  EXPECT_FALSE(svc.Authenticate(phone->token, "")->has_value());
  EXPECT_TRUE(svc.Authenticate(here->token, "")->has_value());
  EXPECT_TRUE(svc.Authenticate(someone_else->token, "")->has_value()) << "another user's stays";
  // Wrong passwords typed again are throttled like sign-ins.
  auto strict = Service({.free_failures = 2});
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(strict.EndOtherSessions(*me, "wrong one here", cli_).status().msgid(),
              "The current password is not right.");
  auto held = strict.EndOtherSessions(*me, "correct horse battery", cli_);
  EXPECT_EQ(held.status().code(), Status::Code::kDenied);
  EXPECT_NE(held.status().message().find("Try again in"), std::string::npos);
  auto audit = storage_->audit().Query({});
  ASSERT_TRUE(audit.ok());
  bool audited = false;
  for (const auto& e : *audit)
    audited |= e.action == "session.end_others" && e.detail == "2 other sessions ended";
  EXPECT_TRUE(audited);
}

// RFC 6238, appendix B (SHA-1 secret "12345678901234567890"), last 6 digits.
TEST(Totp, MatchesTheRfcTestVectors) {
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  EXPECT_EQ(TotpCode(secret, 1111111109), "081804");
  EXPECT_EQ(TotpCode(secret, 1234567890), "005924");
  EXPECT_EQ(TotpCode(secret, 2000000000), "279037");
  EXPECT_EQ(MatchTotp(secret, "081804", 1111111109), 1111111109 / 30);
  EXPECT_EQ(MatchTotp(secret, "081804", 1111111109 + 30), 1111111109 / 30) << "one step of drift";
  EXPECT_FALSE(MatchTotp(secret, "081804", 1111111109 + 90));
  EXPECT_FALSE(MatchTotp(secret, "08180", 1111111109));
  EXPECT_FALSE(MatchTotp("not base32!", "081804", 1111111109));
  EXPECT_EQ(NewTotpSecret().size(), 32u);
  EXPECT_EQ(TotpUri("procura", "chief ed", "ABC"),
            "otpauth://totp/procura:chief%20ed?secret=ABC&issuer=procura&algorithm=SHA1&digits=6&"
            "period=30");
}

TEST_F(AccountsTest, TwoStepSignInWithTotpAndSingleUseRecoveryCodes) {
  auto svc = Service();
  auto id = svc.AddUser("chief", "correct horse battery", {"admin"}, cli_);
  ASSERT_TRUE(id.ok());
  auto secret = svc.mfa().BeginEnrolment(*id);
  ASSERT_TRUE(secret.ok());
  if (TotpCode(*secret, NowUnix()) != "000000") {
    EXPECT_FALSE(svc.mfa().ConfirmEnrolment(*id, "000000", cli_).ok()) << "a wrong code";
  }
  const UnixSeconds now = NowUnix();
  auto codes = svc.mfa().ConfirmEnrolment(*id, TotpCode(*secret, now), cli_);
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  ASSERT_EQ(codes->size(), 10u);
  // The password alone gives a ticket, not a session.
  auto half = svc.Login("chief", "correct horse battery", "ip");
  ASSERT_TRUE(half.ok());
  EXPECT_TRUE(half->token.empty());
  ASSERT_FALSE(half->mfa_ticket.empty());
  // The code used to enrol is spent; the next step's code works once.
  EXPECT_EQ(svc.CompleteSecondFactor(half->mfa_ticket, TotpCode(*secret, now), "ip").status().code(),
            Status::Code::kDenied);
  // Typed in full-width (全角), as a Chinese input method may: the same digits.
  std::string wide;
  for (char c : TotpCode(*secret, now + 30)) wide += std::string("\xEF\xBC") + static_cast<char>(0x90 + (c - '0'));
  auto full = svc.CompleteSecondFactor(half->mfa_ticket, wide, "ip");
  ASSERT_TRUE(full.ok()) << full.status().message();
  EXPECT_TRUE(full->session.second_factor);
  EXPECT_TRUE(svc.Authenticate(full->token, "ip")->has_value());
  // A recovery code works once, with or without the dash, in any case.
  auto again = svc.Login("chief", "correct horse battery", "ip");
  std::string upper = (*codes)[0];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(svc.CompleteSecondFactor(again->mfa_ticket, upper, "ip").ok());
  auto third = svc.Login("chief", "correct horse battery", "ip");
  EXPECT_FALSE(svc.CompleteSecondFactor(third->mfa_ticket, (*codes)[0], "ip").ok());
  EXPECT_EQ(*svc.mfa().RecoveryCodesLeft(*id), 9);
  EXPECT_EQ(NormalizeRecoveryCode("ＡＢＣＤＥ－ＦＧＨＪＫ"), "abcdefghjk") << "full-width";
  // Only hashes are stored.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM recovery_codes WHERE code_hash LIKE ?", -1, &st, nullptr);
  const std::string plain = "%" + NormalizeRecoveryCode((*codes)[1]) + "%";
  sqlite3_bind_text(st, 1, plain.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_step(st);
  EXPECT_EQ(sqlite3_column_int(st, 0), 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  // An admin's reset turns it off and is audited.
  ASSERT_TRUE(svc.mfa().Reset(*id, cli_).ok());
  EXPECT_FALSE(*svc.mfa().Enabled(*id));
  EXPECT_FALSE(svc.Login("chief", "correct horse battery", "ip")->token.empty());
  EXPECT_EQ(storage_->audit().Query({.action = "user.mfa-reset"})->size(), 1u);
}

TEST(AuditLog, IsAppendOnly) {
  const auto dir =
      fs::temp_directory_path() / ("procura-audit-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  {
    auto storage = std::move(OpenSqliteStorage(dir)).value();
    Audit audit(storage->audit());
    audit.Record({std::nullopt, "cli", ""}, "user.add", "user", 1, "x");
    // The storage interface offers no update or delete; the triggers stop
    // raw SQL too.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "procura.db").c_str(), &db), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET detail = 'y'", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    EXPECT_EQ(storage->audit().Query({})->front().detail, "x");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace procura::auth

namespace procura::auth {
namespace {

// Issue 12: account changes and their audit rows commit together.
TEST_F(AccountsTest, AFailedAuditWriteUndoesTheAccountChange) {
  auto svc = Service();
  ASSERT_TRUE(svc.AddUser("ed", "correct horse battery", {"editor"}, cli_).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "procura.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log BEGIN "
                         "SELECT RAISE(ABORT, 'injected audit failure'); END;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_FALSE(svc.SetRoles("ed", {"admin"}, cli_).ok());
  EXPECT_FALSE(svc.Disable("ed", cli_).ok());
  EXPECT_FALSE(svc.AddUser("ann", "correct horse battery", {"editor"}, cli_).ok());
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_fails", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto ed = storage_->users().FindUserByName("ed");
  ASSERT_TRUE(ed.ok() && ed->has_value());
  EXPECT_EQ((*ed)->roles, std::vector<std::string>{"editor"}) << "no admin without its audit row";
  EXPECT_FALSE((*ed)->disabled);
  EXPECT_FALSE(storage_->users().FindUserByName("ann")->has_value());
  ASSERT_TRUE(svc.SetRoles("ed", {"admin"}, cli_).ok());
  EXPECT_EQ(storage_->audit().Query({.action = "user.roles"})->size(), 1u);
}

}  // namespace
}  // namespace procura::auth
