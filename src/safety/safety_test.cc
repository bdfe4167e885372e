#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "safety/links.h"
#include "safety/matcher.h"
#include "safety/normalize.h"
#include "safety/word_check.h"
#include "safety/word_lists.h"

namespace procura::safety {
namespace {

WordEntryRecord Entry(std::string category, std::string word, std::string level = "block",
                      std::string replacement = "", bool whole_word = false) {
  WordEntryRecord e;
  e.category = std::move(category);
  e.word = std::move(word);
  e.level = std::move(level);
  e.replacement = std::move(replacement);
  e.whole_word = whole_word;
  return e;
}

std::vector<std::string> Matched(const WordScanner& s, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& f : s.Scan("body", text)) out.push_back(f.matched);
  return out;
}

TEST(LinkCheck, ConnectsOnlyToPublicAddressesByDefault) {
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                         "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
                         "198.18.0.1", "192.0.0.8", "::1", "::", "fe80::1", "fd00::1", "fc00::1",
                         "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
                         "not an address", "", "example.gov.cn"})
    EXPECT_FALSE(safety::IsPublicAddress(ip)) << ip;
  for (const char* ip : {"203.0.113.9", "8.8.8.8", "172.32.0.1", "100.128.0.1", "11.0.0.1",
                         "2001:4860:4860::8888", "::ffff:8.8.8.8", "240e::1"})
    EXPECT_TRUE(safety::IsPublicAddress(ip)) << ip;
}

// A listening socket on loopback that never answers: whether a probe
// reached it shows in its accept queue.
TEST(LinkCheck, ALoopbackLinkIsNeverConnectedUnlessAllowed) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 8), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
  const auto accepted = [fd] {
    const int c = accept(fd, nullptr, nullptr);
    if (c >= 0) close(c);
    return c >= 0;
  };
  EXPECT_FALSE(ProbeUrl(url, {std::chrono::milliseconds(300), false}));
  EXPECT_FALSE(accepted()) << "refused before connecting";
  EXPECT_FALSE(ProbeUrl(url, {std::chrono::milliseconds(300), true}));  // no answer: dead
  EXPECT_TRUE(accepted()) << "allowed: it connected";
  close(fd);
}

TEST(WordScanner, AKnownGoodPhraseLetsTheListedWordsInsideItPass) {
  WordScanner s({Entry("sensitive", "台独"), Entry("allowed", "打击台独", "allow"),
                 Entry("confidential", "art", "warn", "", true),
                 Entry("allowed", "art deco", "allow", "", true)});
  EXPECT_TRUE(Matched(s, "坚决打击台独分裂活动").empty());
  EXPECT_TRUE(Matched(s, "坚决打击“台 独”分裂活动").empty()) << "through spaces and punctuation";
  EXPECT_EQ(Matched(s, "支持台独"), std::vector<std::string>{"台独"});
  EXPECT_EQ(Matched(s, "打击台独，而非纵容台独"), std::vector<std::string>{"台独"}) << "the one outside";
  // A phrase that covers only part of a word does not hide it.
  WordScanner partial({Entry("sensitive", "台独"), Entry("allowed", "打击台", "allow")});
  EXPECT_EQ(Matched(partial, "打击台独"), std::vector<std::string>{"台独"});
  // Whole-word phrases are whole words too.
  EXPECT_TRUE(Matched(s, "an art deco hall").empty());
  EXPECT_EQ(Matched(s, "an art decorator"), std::vector<std::string>{"art"});
}

TEST(WordLists, AKnownGoodPhraseTakesTheLevelAllowAndOnlyItDoes) {
  EXPECT_TRUE(WordListService::Validate({"allowed", "打击台独", "", "", "", false}).ok());
  EXPECT_TRUE(WordListService::Validate({"allowed", "打击台独", "block", "", "", false}).ok())
      << "the level asked for is replaced";
  const Status wrong = WordListService::Validate({"sensitive", "台独", "allow", "", "", false});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.field(), "level") << wrong.message();
}

TEST(Normalize, FoldsWidthCaseTraditionalAndDropsSeparators) {
  ASSERT_TRUE(TraditionalFoldingAvailable()) << "OpenCC's t2s data is missing";
  EXPECT_EQ(NormalizeWord("ＡＢＣ１２３"), U"abc123");
  EXPECT_EQ(NormalizeWord("Secret"), U"secret");
  EXPECT_EQ(NormalizeWord("機密"), U"机密");
  EXPECT_EQ(NormalizeWord("敏 感.词"), U"敏感词");
  EXPECT_EQ(NormalizeWord("敏\u200b感，词！"), U"敏感词");  // a zero-width space too
  const NormalizedText t = Normalize("a 機b");
  ASSERT_EQ(t.chars, U"a机b");
  EXPECT_EQ(t.begin[1], 2u);  // 機 starts after "a "
  EXPECT_EQ(t.end[1], 5u);
}

TEST(Matcher, FindsEveryOccurrenceOfEveryPattern) {
  Matcher m({U"he", U"she", U"his", U"hers", U"", U"he"});
  std::vector<std::pair<std::size_t, std::size_t>> hits;  // pattern, begin
  for (const auto& h : m.Scan(U"ushers")) hits.emplace_back(h.pattern, h.begin);
  // "she" at 1, "he" (twice listed) at 2, "hers" at 2.
  std::vector<std::pair<std::size_t, std::size_t>> want{{1, 1}, {0, 2}, {5, 2}, {3, 2}};
  std::sort(hits.begin(), hits.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(hits, want);
  EXPECT_TRUE(Matcher({}).Scan(U"anything").empty());
}

TEST(WordScanner, SeesThroughEvasions) {
  WordScanner s({Entry("sensitive", "敏感词"), Entry("confidential", "机密")});
  for (std::string_view text :
       {"这里有敏感词。", "这里有敏 感 词。", "这里有敏.感.词", "这里有敏*感*词", "這裡有機密文件",
        "机　密", "敏、感、词"}) {
    EXPECT_EQ(s.Scan("body", text).size(), 1u) << text;
  }
  // The match is reported as written, at its place.
  const auto f = s.Scan("body", "前文 敏 感 词 后文");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].matched, "敏 感 词");
  EXPECT_EQ(f[0].begin, std::string("前文 ").size());
  EXPECT_EQ(f[0].field, "body");
}

TEST(WordScanner, NearMissesDoNotMatch) {
  WordScanner s({Entry("sensitive", "敏感词"), Entry("confidential", "art", "warn", "", true),
                 Entry("confidential", "CONFIDENTIAL", "warn", "", true)});
  EXPECT_TRUE(Matched(s, "敏感的词语").empty());
  EXPECT_TRUE(Matched(s, "The party met at the art-museum's cafe; a smart start.").size() == 1)
      << "only the standalone 'art'";
  EXPECT_TRUE(Matched(s, "a confidentiality agreement").empty());
  EXPECT_EQ(Matched(s, "Marked Confidential."), std::vector<std::string>{"Confidential"});
  EXPECT_EQ(Matched(s, "ＣＯＮＦＩＤＥＮＴＩＡＬ"), std::vector<std::string>{"ＣＯＮＦＩＤＥＮＴＩＡＬ"});
}

TEST(WordScanner, TyposCarryTheirCorrection) {
  WordScanner s({Entry("typo", "再接再励", "warn", "再接再厉")});
  const auto f = s.Scan("title", "全院干警再接再励");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].entry.replacement, "再接再厉");
  EXPECT_FALSE(f[0].blocks());
  const FindingText t = Describe(f[0]);
  EXPECT_NE(std::string(t.msgid).find("{replacement}"), std::string::npos);
}

TEST(PublicationVerdict, BlockRefusesAndWarnNeedsAReason) {
  WordScanner s({Entry("confidential", "绝密"), Entry("typo", "按装", "warn", "安装")});
  const auto blocked = s.Scan("body", "绝密文件，按装");
  EXPECT_EQ(PublicationVerdict(blocked, "I checked").code(), Status::Code::kInvalidArgument);
  const auto warned = s.Scan("body", "按装调试");
  const Status no_reason = PublicationVerdict(warned, "  ");
  EXPECT_EQ(no_reason.field(), "override_reason");
  EXPECT_TRUE(PublicationVerdict(warned, "引用原文，不改").ok());
  EXPECT_TRUE(PublicationVerdict({}, "").ok());
  EXPECT_NE(AuditSummary(warned).find("warn 按装 (body)"), std::string::npos);
}

}  // namespace
}  // namespace procura::safety

#include "safety/case_privacy.h"
#include "safety/personal_data.h"

namespace procura::safety {
namespace {

std::vector<std::pair<std::string, std::string>> Cases(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : CaseFindings("body", text)) out.emplace_back(f.matched, f.entry.replacement);
  return out;
}

TEST(CaseFindings, NamesBesideCaseRolesAreFlaggedForMasking) {
  using P = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(Cases("被告人张三因盗窃被提起公诉。"), (P{{"张三", "张某"}}));
  EXPECT_EQ(Cases("犯罪嫌疑人：李小明，男，1990年生。"), (P{{"李小明", "李某某"}}));
  EXPECT_TRUE(Cases("被告人张某某因盗窃被提起公诉。").empty()) << "already masked";
  EXPECT_TRUE(Cases("被告人张某因盗窃被提起公诉。").empty());
  EXPECT_TRUE(Cases("被告人认罪认罚。").empty()) << "no name";
  EXPECT_TRUE(Cases("张三同志参加了培训。").empty()) << "no case role";
}

// GB 11643's example number, 11010519491231002X, has a right check character.
std::vector<std::string> Personal(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& f : PersonalDataFindings("body", text, "block"))
    out.push_back(f.entry.category + " " + f.matched + " → " + f.entry.replacement);
  return out;
}

TEST(PersonalData, IdMobileAndCardNumbersAreFoundWithAMaskedForm) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Personal("Contact 13812345678 or ID 11010519491231002X; card 4111111111111111."),
            (V{"mobile-number 13812345678 → 138****5678",
               "id-number 11010519491231002X → 110105********002X",
               "bank-card 4111111111111111 → 4111********1111"}));
  const auto f = PersonalDataFindings("alt", "电话13812345678", "warn");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "alt");
  EXPECT_EQ(f[0].entry.level, "warn");
  EXPECT_EQ(std::string_view("电话13812345678").substr(f[0].begin, f[0].end - f[0].begin), "13812345678");
  EXPECT_TRUE(f[0].note_is_msgid);
  // A bank card's note says the way through for the institution's own
  // account (any 16-19 digits passing the Luhn check are taken as a card).
  // It is only probable, so it needs a reason where an ID or mobile blocks.
  const auto card = PersonalDataFindings("body", "账号4111111111111111", "block");
  ASSERT_EQ(card.size(), 1u);
  EXPECT_EQ(card[0].entry.level, "warn");
  EXPECT_FALSE(card[0].blocks());
  EXPECT_NE(std::string(card[0].entry.note).find("institution's own account"), std::string::npos);
  EXPECT_NE(std::string(card[0].entry.note).find("the reviewer gives the reason"), std::string::npos);
  EXPECT_NE(std::string(card[0].entry.note).find("allowed list"), std::string::npos);
  EXPECT_TRUE(PersonalDataFindings("body", "13812345678", "block")[0].blocks());
  // Not findings: dates, counts, a wrong ID checksum, numbers inside longer runs.
  EXPECT_TRUE(Personal("On 2022-07-14, 29 secretaries; ref 110105194912310021; "
                       "123456789012345678901234; 举报电话12309，案号2024012345。")
                  .empty());
  EXPECT_TRUE(Personal("11010519491231002Y").empty());
  EXPECT_TRUE(Personal("110105194913310021").empty()) << "no 13th month (its check digit is right)";
  EXPECT_EQ(Personal("911010519491231002X"), (V{"bank-card 911010519491231002 → 9110**********1002"}))
      << "part of a longer number: no ID (these 18 digits pass the Luhn check)";
}

// What a Chinese input method types in full width, and numbers in groups,
// are found like plain digits; groups that are separate numbers are not.
TEST(PersonalData, NumbersAreReadAsPeopleTypeThem) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Personal("电话 138-1234-5678，或 199 8765 4321。"),
            (V{"mobile-number 138-1234-5678 → 138****5678", "mobile-number 199 8765 4321 → 199****4321"}));
  EXPECT_EQ(Personal("手机１３８１２３４５６７８"), (V{"mobile-number １３８１２３４５６７８ → 138****5678"}));
  EXPECT_EQ(Personal("号码：110105 19491231 002x"), (V{"id-number 110105 19491231 002x → 110105********002X"}));
  EXPECT_EQ(Personal("１１０１０５１９４９１２３１００２Ｘ"),
            (V{"id-number １１０１０５１９４９１２３１００２Ｘ → 110105********002X"}));
  EXPECT_EQ(Personal("卡号 4111 1111 1111 1111"), (V{"bank-card 4111 1111 1111 1111 → 4111********1111"}));
  EXPECT_EQ(Personal("2024 13812345678"), (V{"mobile-number 13812345678 → 138****5678"}))
      << "a year before a number: read on their own";
  EXPECT_EQ(Personal("13812345678 号"), (V{"mobile-number 13812345678 → 138****5678"}));
  EXPECT_EQ(Personal("尾号13812345678"), (V{"mobile-number 13812345678 → 138****5678"})) << "at the end";
  EXPECT_TRUE(Personal("2022-07-14 14:30，1 3 8 1 2 3 4 5 6 7 8，0571-8888-6666，2019 2020 2021").empty());
  EXPECT_TRUE(Personal("1381234567 8").empty()) << "ten digits and one";
}

// One policy over every public field: a number blocks wherever it is, in
// an article; in a letter to the mailbox it only warns; a number on the
// allowed list (an official hotline) is no finding.
TEST(PersonalData, BlocksInPublicTextWarnsInALetterAndYieldsToTheAllowedList) {
  WordScanner lists({Entry("allowed", "服务热线13800138000", "allow")});
  const auto published = CheckPublicText(lists, {{"title", "标题"}, {"attachment", "名单13812345678.pdf"},
                                                 {"body", "服务热线13800138000，或13812345678。"}});
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0].field, "attachment");
  EXPECT_TRUE(published[0].blocks());
  EXPECT_EQ(published[1].matched, "13812345678") << "the hotline is allowed";
  const auto letter = CheckLetterText(lists, {{"body", "我的电话13812345678，身份证11010519491231002X"}});
  ASSERT_EQ(letter.size(), 2u);
  EXPECT_EQ(Count(letter).block, 0u);
  EXPECT_EQ(Count(letter).warn, 2u);
}

// The names the server gives uploads are random hex: one may hold eleven
// digits that read as a mobile number. An image's address is not a
// finding; the same digits written out are.
TEST(PersonalData, AnUploadsStoredNameIsNotAPhoneNumber) {
  WordScanner lists({});
  const std::string image = "![讲课](/media/a13812345678bcdef0123456.jpg \"标题\")";
  EXPECT_TRUE(CheckPublicText(lists, {{"body", image}}).empty());
  EXPECT_TRUE(CheckPublicText(lists, {{"body", "![x](/media/a13812345678bcdef0123456-w480.jpg)"}}).empty());
  EXPECT_TRUE(CheckPublicText(lists, {{"body", "![x](/admin/media-file/a13812345678bcdef0123456.jpg)"}}).empty());
  const std::string both = image + "\n\n电话13812345678。";
  const auto written = CheckPublicText(lists, {{"body", both}});
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written[0].matched, "13812345678");
  EXPECT_EQ(both.substr(written[0].begin, written[0].end - written[0].begin), "13812345678")
      << "offsets are the text's own";
  // Not a stored name (too short, not hex): still read.
  EXPECT_EQ(CheckPublicText(lists, {{"body", "/media/13812345678.jpg"}}).size(), 1u);
}

// Away from the draft being typed, a report shows a personal number only
// masked: the flagged-articles page, `check-content`, a letter's flags.
TEST(PersonalData, AReportShowsTheNumberMasked) {
  WordScanner lists({Entry("typo", "按装", "warn", "安装")});
  const auto letter = CheckLetterText(lists, {{"body", "按装，电话13812345678"}});
  ASSERT_EQ(letter.size(), 2u);
  const WordFinding typo = MaskedForReport(letter[0]);
  EXPECT_EQ(typo.matched, "按装") << "any other finding is unchanged";
  EXPECT_EQ(typo.entry.replacement, "安装");
  const WordFinding mobile = MaskedForReport(letter[1]);
  EXPECT_EQ(mobile.matched, "138****5678");
  EXPECT_TRUE(mobile.entry.replacement.empty());
  EXPECT_EQ(AuditSummary(letter), "warn 按装 (body); warn 138****5678 (body)");
}

TEST(CaseFindings, MinorsInCasesAreFlagged) {
  EXPECT_EQ(Cases("一名未成年犯罪嫌疑人").size(), 1u);
  EXPECT_EQ(Cases("一名未成年人涉嫌盗窃").size(), 1u);
  EXPECT_TRUE(Cases("宣传未成年人保护法。").empty()) << "a law";
  EXPECT_TRUE(Cases("做好未成年人检察工作。").empty()) << "a department's work";
  EXPECT_EQ(Cases("被害人年仅16岁。").size(), 1u);
  EXPECT_EQ(Cases("涉嫌盗窃的少年当时十六岁。").size(), 1u);
  EXPECT_TRUE(Cases("被告人时年35岁。").empty()) << "an adult";
  EXPECT_TRUE(Cases("他16岁参军，一生报国。").empty()) << "no case words near";
  EXPECT_TRUE(Cases("第116岁").empty()) << "part of a longer number";
}

}  // namespace
}  // namespace procura::safety

#include "safety/leaders.h"

namespace procura::safety {
namespace {

std::vector<LeaderRecord> Leaders() {
  return {{1, "王伟", {"党组书记", "检察长"}, 1, 0}, {2, "李强", {"副检察长"}, 2, 0}};
}

std::vector<std::string> Kinds(const std::vector<WordFinding>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(f.entry.category + ":" + f.matched + ">" + f.entry.replacement);
  return out;
}

TEST(LeaderCheck, PinyinComesFromIcu) {
  EXPECT_EQ(PinyinOf(U'伟'), "wei");
  EXPECT_EQ(PinyinOf(U'玮'), "wei");
  EXPECT_EQ(PinyinOf(U'强'), "qiang");
  EXPECT_EQ(PinyinOf(U'a'), "");
}

TEST(LeaderCheck, TheRightFormPasses) {
  const LeaderCheck check(Leaders());
  EXPECT_TRUE(check.Scan("body", "党组书记、检察长王伟出席会议，副检察长李强主持。").empty());
  EXPECT_TRUE(check.Scan("body", "王伟检察长强调。").empty());
}

TEST(LeaderCheck, AWrongTitleBlocks) {
  const LeaderCheck check(Leaders());
  const auto found = check.Scan("body", "副检察长王伟出席会议。");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Kinds(found)[0], "leader-title:副检察长王伟>党组书记王伟");
  EXPECT_TRUE(found[0].blocks());
  EXPECT_EQ(Kinds(check.Scan("body", "李强检察长讲话。"))[0], "leader-title:李强检察长>李强副检察长");
}

TEST(LeaderCheck, ASoundAlikeNameWarns) {
  const LeaderCheck check(Leaders());
  const auto found = check.Scan("title", "王玮检察长调研基层");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Kinds(found)[0], "leader-name:王玮>王伟");
  EXPECT_FALSE(found[0].blocks());
}

TEST(LeaderCheck, NamesOutOfPrecedenceInOneSentenceWarn) {
  const LeaderCheck check(Leaders());
  const auto found = check.Scan("body", "李强、王伟出席。王伟、李强讲话。");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Kinds(found)[0], "leader-order:李强、王伟>王伟、李强");
}

}  // namespace
}  // namespace procura::safety
