#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <libdeflate.h>

#include "core/audit_labels.h"
#include "core/clock.h"
#include "core/compress.h"
#include "core/labels.h"
#include "core/events.h"
#include "core/fault.h"
#include "core/resident_id.h"
#include "core/retry.h"
#include "core/status.h"
#include "core/stored_message.h"
#include "core/text.h"

#include <set>
#include <vector>

namespace procura {
namespace {

TEST(StoredMessage, KeepsTheMsgidAndItsValuesForALaterTranslation) {
  const Status failed = Status::Unavailable(N_("the push command failed with exit status {status}: {output}"),
                                            {{"status", "255"}, {"output", "ssh: \"dmz\"\n拒绝连接"}});
  const std::string stored = StoreMessage(failed, 1000);
  const Status back = LoadMessage(stored);
  EXPECT_EQ(back.msgid(), failed.msgid());
  EXPECT_EQ(back.args(), failed.args());
  EXPECT_EQ(back.message(), "the push command failed with exit status 255: ssh: \"dmz\"\n拒绝连接");
  EXPECT_TRUE(LoadMessage("").ok());
  EXPECT_EQ(StoreMessage(Status::Ok(), 1000), "") << "only ok is stored as nothing";
  // A row from before: its text as it was, untranslated.
  EXPECT_EQ(LoadMessage("disk full").message(), "disk full");
  EXPECT_EQ(LoadMessage("{not json").message(), "{not json");
  EXPECT_EQ(LoadMessage(R"({"msgid": 3})").message(), R"({"msgid": 3})");
}

TEST(StoredMessage, FitsItsColumnByCuttingTheLongestValue) {
  std::string said;
  while (said.size() < 3000) said += "连接被拒绝\x01";  // JSON escapes the control byte six-fold
  said += "\xff";  // not UTF-8
  const Status failed = Status::Unavailable(N_("the push command was killed by signal {signal}: {output}"),
                                            {{"signal", "9"}, {"output", said}});
  const std::string stored = StoreMessage(failed, 1000);
  ASSERT_LE(stored.size(), 1000u);
  const Status back = LoadMessage(stored);
  EXPECT_EQ(back.msgid(), failed.msgid()) << "still translatable";
  ASSERT_EQ(back.args().size(), 2u);
  EXPECT_EQ(back.args()[0].second, "9") << "the short value kept whole";
  EXPECT_TRUE(back.args()[1].second.ends_with("…"));
  EXPECT_TRUE(IsValidUtf8(back.args()[1].second));
  // A column too small for the msgid itself: its English text, cut.
  const std::string tiny = StoreMessage(failed, 20);
  EXPECT_LE(tiny.size(), 20u);
  EXPECT_FALSE(tiny.empty());
  EXPECT_TRUE(IsValidUtf8(tiny));
}

TEST(ResidentId, ChecksTheBirthDateAndTheCheckCharacter) {
  // GB 11643's own example, and one ending in X (either case).
  EXPECT_TRUE(IsResidentIdNumber("11010519491231002X"));
  EXPECT_TRUE(IsResidentIdNumber("11010519491231002x"));
  EXPECT_TRUE(IsResidentIdNumber("320106200503151236"));
  EXPECT_FALSE(IsResidentIdNumber("110105194912310021")) << "wrong check character";
  EXPECT_FALSE(IsResidentIdNumber("11010519491331002X")) << "month 13";
  EXPECT_FALSE(IsResidentIdNumber("110105189912310023")) << "born before 1900, though its check character is right";
  EXPECT_FALSE(IsResidentIdNumber("11010519491231002")) << "17 characters";
  EXPECT_FALSE(IsResidentIdNumber("1101051949123100 2X")) << "19 characters";
  EXPECT_FALSE(IsResidentIdNumber("11010519491231A02X")) << "a letter inside";
}

TEST(Fault, ArmedOnlyByItsExactName) {
  ::unsetenv("PROCURA_FAULT");
  EXPECT_FALSE(FaultArmed("slow-export"));
  ::setenv("PROCURA_FAULT", "slow-export", 1);
  EXPECT_TRUE(FaultArmed("slow-export"));
  EXPECT_FALSE(FaultArmed("slow")) << "a prefix is not the name";
  EXPECT_FALSE(FaultArmed("slow-export-more"));
  ::unsetenv("PROCURA_FAULT");
  EXPECT_FALSE(FaultArmed("slow-export"));
}

TEST(Status, OkAndErrors) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = Status::NotFound("no such column");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "no such column");
  Result<int> r = 5;
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(*r, 5);
  Result<int> e = Status::Invalid("bad");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().message(), "bad");
}

TEST(Status, AllOfKeepsEveryProblemWithItsField) {
  EXPECT_TRUE(Status::AllOf({}).ok());
  Status all = Status::AllOf({Status::Invalid("Title: please fill this in.").WithField("title"),
                              Status::Invalid("Choose an existing column.").WithField("column_id")});
  EXPECT_EQ(all.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(all.field(), "title");  // the first, for callers that show one
  ASSERT_EQ(all.problems().size(), 2u);
  EXPECT_EQ(all.problems()[1].field(), "column_id");
  EXPECT_EQ(all.problems()[1].msgid(), "Choose an existing column.");
  // A single error is its own list.
  EXPECT_EQ(Status::Invalid("x").problems().size(), 1u);
  EXPECT_TRUE(Status::Ok().problems().empty());
}

TEST(Escaping, HtmlEscapesAllFiveSpecials) {
  EXPECT_EQ(HtmlEscape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("培训班"), "培训班");
}

TEST(Escaping, JsonEscapesControlCharacters) {
  EXPECT_EQ(JsonEscape("a\"b\\c\n\x01"), "a\\\"b\\\\c\\n\\u0001");
}

TEST(Url, DecodeAndEncodeRoundTrip) {
  std::string out;
  ASSERT_TRUE(UrlDecode("%E5%9F%B9%E8%AE%AD+x", out, true));
  EXPECT_EQ(out, "培训 x");
  EXPECT_EQ(UrlEncode("培训 x/"), "%E5%9F%B9%E8%AE%AD%20x%2F");
  EXPECT_FALSE(UrlDecode("%G1", out));
  EXPECT_FALSE(UrlDecode("abc%", out));
  EXPECT_FALSE(UrlDecode("abc%4", out));
}

TEST(Url, ParseQuery) {
  auto q = ParseQuery("fs=large&page=2&&x&fs=small&bad=%zz");
  EXPECT_EQ(q["fs"], "small");
  EXPECT_EQ(q["page"], "2");
  EXPECT_EQ(q.count("x"), 1u);
  EXPECT_EQ(q.count("bad"), 0u);
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(IsValidUtf8("党支部书记 training"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE5\x9F"));      // truncated
  EXPECT_EQ(Utf8Length("党支部ab"), 5u);
  EXPECT_EQ(Utf8Prefix("党支部ab", 2), "党支");
  EXPECT_EQ(Utf8Prefix("ab", 5), "ab");
}

TEST(Text, OneDecoderReadsEachCodePointOrRefusesIt) {
  const std::string s = "党A\xF0\x9F\x98\x80";  // 3, 1 and 4 bytes
  EXPECT_EQ(DecodeUtf8At(s, 0).c, U'党');
  EXPECT_EQ(DecodeUtf8At(s, 0).len, 3u);
  EXPECT_EQ(DecodeUtf8At(s, 3).c, U'A');
  EXPECT_EQ(DecodeUtf8At(s, 4).c, U'\U0001F600');
  EXPECT_EQ(DecodeUtf8At(s, 4).len, 4u);
  EXPECT_EQ(DecodeUtf8At(s, 1).len, 0u) << "a continuation byte";
  EXPECT_EQ(DecodeUtf8At(s, 8).len, 0u) << "past the end";
  EXPECT_EQ(DecodeUtf8At("\xE5\x85", 0).len, 0u) << "cut short";
  EXPECT_EQ(DecodeUtf8At("\xC0\xAF", 0).len, 0u) << "overlong";
  EXPECT_EQ(DecodeUtf8At("\xED\xA0\x80", 0).len, 0u) << "surrogate";
  EXPECT_EQ(DecodeUtf8At("\xF4\x90\x80\x80", 0).len, 0u) << "past U+10FFFF";
  EXPECT_EQ(LastCodePoint(s), U'\U0001F600');
  EXPECT_EQ(LastCodePoint("支部"), U'部');
  EXPECT_EQ(LastCodePoint(""), 0u);
  EXPECT_EQ(LastCodePoint("党\xE5\x85"), 0u) << "ends cut short";
  std::string round;
  for (char32_t c : {U'a', U'é', U'党', U'\U0001F600'}) AppendUtf8(c, round);
  EXPECT_EQ(round, "aé党\xF0\x9F\x98\x80");
  EXPECT_TRUE(IsValidUtf8(round));
}

TEST(Clock, ParseAndFormat) {
  auto t = ParseLocalTime("2022-07-14", 480);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatDate(*t, 480), "2022-07-14");
  EXPECT_EQ(FormatLongDate(*t, 480), "July 14, 2022");
  EXPECT_EQ(FormatRfc3339(*t, 480), "2022-07-14T00:00:00+08:00");
  EXPECT_EQ(FormatHttpDate(*t), "Wed, 13 Jul 2022 16:00:00 GMT");
  EXPECT_EQ(FormatClockTime(*t, 480), "00:00");
  EXPECT_EQ(FormatClockTime(*t + 9 * 3600 + 30 * 60 + 59, 480), "09:30");
  EXPECT_EQ(FormatClockTime(*t, 0), "16:00") << "the day before, in UTC";
  auto z = ParseLocalTime("2022-07-14T01:02:03Z", 480);
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(*z, 1657760523);
  EXPECT_EQ(ParseLocalTime("2022-07-14T09:00+08:00", 0), ParseLocalTime("2022-07-14T01:00Z", 0));
}

TEST(Clock, RejectsMalformedDates) {
  for (const char* bad : {"", "2022", "2022-13-01", "2022-02-30", "2022-07-14T25:00", "2022-07-14X",
                          "1899-12-31", "2022-07-14T09:00+99:00"}) {
    EXPECT_FALSE(ParseLocalTime(bad, 480).has_value()) << bad;
  }
  EXPECT_TRUE(ParseLocalTime("2024-02-29", 480).has_value());
}

TEST(Clock, DaysBefore1970AreDaysToo) {
  // An elderly member's birth and admission: before the Unix epoch.
  for (const char* day : {"1900-01-01", "1938-05-20", "1969-12-31", "1970-01-01"}) {
    EXPECT_TRUE(IsIsoDate(day)) << day;
    auto t = ParseLocalTime(day, 480);
    ASSERT_TRUE(t.has_value()) << day;
    EXPECT_EQ(FormatDate(*t, 480), day);
  }
  EXPECT_EQ(*ParseLocalTime("1969-12-31", 0), -86400);
  EXPECT_EQ(*ParseLocalTime("1949-10-01", 0) + 86400, *ParseLocalTime("1949-10-02", 0));
}

TEST(Result, RvalueValueDoesNotDangle) {
  auto make = [] { return Result<std::vector<std::string>>(std::vector<std::string>{"a", "b"}); };
  std::string joined;
  for (const auto& s : make().value()) joined += s;
  EXPECT_EQ(joined, "ab");
}

TEST(AuditLabels, EveryKnownActionHasWordsAndAppearsOnce) {
  std::set<std::string_view> seen;
  for (const auto& [code, label] : KnownAuditActions()) {
    EXPECT_TRUE(seen.insert(code).second) << code;
    EXPECT_NE(std::string_view(label), code);
    EXPECT_EQ(AuditActionLabel(code), std::string_view(label));
  }
  EXPECT_GT(seen.size(), 100u);
  EXPECT_EQ(AuditActionLabel("article.publish"), "Approved and published");
  EXPECT_EQ(AuditActionLabel("some.future-action"), "some.future-action");
  EXPECT_EQ(AuditObjectLabel("session"), "Sign-in session");
  EXPECT_EQ(AuditObjectLabel("gadget"), "gadget");
  // An article's history reads only article events in words.
  EXPECT_EQ(ArticleEventLabel("article.return"), "Returned to the writer");
  EXPECT_EQ(ArticleEventLabel("user.add"), "user.add");
}

TEST(EventBus, DeliversToEverySubscriber) {
  EventBus bus;
  int a = 0, b = 0;
  bus.Subscribe([&](const ContentChanged& e) { a += static_cast<int>(e.id); });
  bus.Subscribe([&](const ContentChanged&) { ++b; });
  bus.Publish({"article", 7, {1}});
  EXPECT_EQ(a, 7);
  EXPECT_EQ(b, 1);
}

}  // namespace
}  // namespace procura

namespace procura {
namespace {
TEST(Text, ParseDecimalAcceptsPlainNumbersOnly) {
  EXPECT_DOUBLE_EQ(ParseDecimal("2.5").value(), 2.5);
  EXPECT_DOUBLE_EQ(ParseDecimal("56").value(), 56);
  EXPECT_DOUBLE_EQ(ParseDecimal("0.25").value(), 0.25);
  for (const char* bad : {"", "-1", "1e3", "1.2.3", ".5", "5.", " 1", "nan", "1234567890123"})
    EXPECT_FALSE(ParseDecimal(bad).has_value()) << bad;
}

// A Chinese input method in its full-width mode (全角) types "３２" and
// "１．５"; in Chinese punctuation mode "." comes out as "。".
TEST(Text, ParseDecimalReadsNumbersTypedInFullWidth) {
  EXPECT_DOUBLE_EQ(ParseDecimal("３２").value(), 32);
  EXPECT_DOUBLE_EQ(ParseDecimal("１．５").value(), 1.5);
  EXPECT_DOUBLE_EQ(ParseDecimal("1。5").value(), 1.5);
  EXPECT_DOUBLE_EQ(ParseDecimal("２.5").value(), 2.5);
  for (const char* bad : {"三十二", "1。", "。5", "３２学时", "－１"})
    EXPECT_FALSE(ParseDecimal(bad).has_value()) << bad;
}

TEST(Text, NarrowEmailAddressReadsWhatAChineseInputMethodTypes) {
  EXPECT_EQ(NarrowEmailAddress("ｚｈａｎｇ＠ｅｘａｍｐｌｅ。ｃｎ"), "zhang@example.cn");
  EXPECT_EQ(NarrowEmailAddress("　li@example｡gov｡cn "), "li@example.gov.cn");
  EXPECT_EQ(NarrowEmailAddress("wang@example.cn"), "wang@example.cn");
  EXPECT_EQ(NarrowEmailAddress("张三@例子。中国"), "张三@例子.中国") << "only the stops change";
}

TEST(Text, NarrowFormsMakesFullWidthAsciiAsciiAndKeepsTheRest) {
  EXPECT_EQ(NarrowForms("１３８－０００１　２３４５"), "138-0001 2345");
  EXPECT_EQ(NarrowForms("ａ＠ｂ．ｃｎ"), "a@b.cn");
  EXPECT_EQ(NarrowForms("～！＋"), "~!+");
  EXPECT_EQ(NarrowForms("张三（书记），好。"), "张三(书记),好。") << "U+FF08/09/0C are in the block";
  EXPECT_EQ(NarrowForms("￥５"), "￥5") << "U+FFE5 is outside U+FF01..FF5E";
  EXPECT_EQ(NarrowForms("plain 123"), "plain 123");
  EXPECT_EQ(NarrowForms(std::string("\xEF\xBC", 2)), std::string("\xEF\xBC", 2)) << "a cut sequence stays";
}
}  // namespace
}  // namespace procura

namespace procura {
namespace {

TEST(RetryOnConflict, TriesAgainOnlyAfterAConflict) {
  int calls = 0;
  Status s = RetryOnConflict([&] {
    ++calls;
    return calls < 3 ? Status::Conflict("stale") : Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 3);

  calls = 0;
  s = RetryOnConflict([&] {
    ++calls;
    return Status::NotFound("gone");
  });
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(calls, 1) << "any other error ends it at once";

  calls = 0;
  s = RetryOnConflict([&] {
    ++calls;
    return Status::Conflict("stale");
  }, 4);
  EXPECT_EQ(s.code(), Status::Code::kConflict) << "the last conflict is reported";
  EXPECT_EQ(calls, 4);
}

TEST(Compress, NegotiatesByQValueBrotliFirst) {
  using C = ContentCoding;
  EXPECT_EQ(NegotiateCoding("gzip, deflate, br", true, true), C::kBrotli);
  EXPECT_EQ(NegotiateCoding("gzip, deflate, br", true, false), C::kGzip);
  EXPECT_EQ(NegotiateCoding("gzip;q=1, br;q=0.5", true, true), C::kGzip);
  EXPECT_EQ(NegotiateCoding("br;q=0, gzip", true, true), C::kGzip);
  EXPECT_EQ(NegotiateCoding("GZIP", true, true), C::kGzip);
  EXPECT_EQ(NegotiateCoding("*", true, true), C::kBrotli);
  EXPECT_EQ(NegotiateCoding("*;q=0, identity", true, true), C::kIdentity);
  EXPECT_EQ(NegotiateCoding("gzip;q=0", true, true), C::kIdentity);
  EXPECT_EQ(NegotiateCoding("", true, true), C::kIdentity);
  EXPECT_EQ(NegotiateCoding("deflate", true, true), C::kIdentity);
  EXPECT_EQ(NegotiateCoding("gzip;q=abc", true, true), C::kIdentity) << "a bad q is 0";
  EXPECT_EQ(NegotiateCoding("br", false, false), C::kIdentity);
}

// Every size a page, a feed or a script can have decodes back to its bytes:
// the encoder's window follows the input's size, and its memory is kept
// per thread between streams (a stream larger than the kept memory
// borrows more and gives it back).
TEST(Compress, VariantsDecodeToTheBodyAtEverySize) {
  std::string text;
  for (std::uint32_t x = 1; text.size() < (3u << 20);) {
    x = x * 1103515245u + 12345u;
    text += "第" + std::to_string(x % 977) + "党支部 branch " + std::to_string(x % 31) + "\n";
  }
  for (std::size_t n : {std::size_t{300}, std::size_t{65'520}, std::size_t{65'521},
                        std::size_t{70'000}, std::size_t{3u << 20}, std::size_t{300}}) {
    const std::string body = text.substr(0, n);
    for (int quality : {1, 5, 11}) {
      if (quality == 11 && n > 70'000) continue;  // slow, and the same code path
      const std::string br = BrotliBytes(body, quality);
      ASSERT_FALSE(br.empty()) << n;
      std::string back(n, '\0');
      std::size_t size = back.size();
      ASSERT_EQ(BrotliDecoderDecompress(br.size(), reinterpret_cast<const uint8_t*>(br.data()),
                                        &size, reinterpret_cast<uint8_t*>(back.data())),
                BROTLI_DECODER_RESULT_SUCCESS)
          << n << " q" << quality;
      EXPECT_EQ(size, n);
      EXPECT_TRUE(back == body) << n << " q" << quality;
    }
    const std::string gz = GzipBytes(body, 6);
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    std::string back(n, '\0');
    std::size_t size = 0;
    EXPECT_EQ(libdeflate_gzip_decompress(d, gz.data(), gz.size(), back.data(), back.size(), &size),
              LIBDEFLATE_SUCCESS);
    libdeflate_free_decompressor(d);
    EXPECT_TRUE(size == n && back == body) << n;
  }
}

TEST(Compress, VariantsAreSmallerAndOnlyForBodiesWorthIt) {
  std::string page;
  for (int i = 0; i < 200; ++i) page += "<p>省检察院机关举办党支部书记培训班</p>\n";
  const CompressedVariants v = CompressVariants(page, kServingLevels);
  ASSERT_TRUE(v.gzip && v.brotli);
  EXPECT_LT(v.gzip->size(), page.size() / 5);
  EXPECT_LT(v.brotli->size(), v.gzip->size());
  EXPECT_EQ(v.gzip->substr(0, 2), std::string("\x1f\x8b", 2)) << "a gzip member";
  // A .br that does not beat the .gz is not made (nginx would prefer it).
  for (int quality : {0, 1, 2, 3, 4, 5}) {
    const CompressedVariants w = CompressVariants(page, {6, quality});
    ASSERT_TRUE(w.gzip);
    if (w.brotli) {
      EXPECT_LT(w.brotli->size(), w.gzip->size()) << quality;
    }
    const std::string br = BrotliBytes(page, quality);
    EXPECT_EQ(w.brotli != nullptr, br.size() < w.gzip->size()) << quality;
  }
  EXPECT_FALSE(CompressVariants(page, {6, -1}).brotli) << "-1: no brotli variant";
  const CompressedVariants small = CompressVariants("short", kServingLevels);
  EXPECT_FALSE(small.gzip || small.brotli);
  EXPECT_TRUE(IsCompressibleType("text/html; charset=utf-8"));
  EXPECT_TRUE(IsCompressibleType("application/rss+xml; charset=utf-8"));
  EXPECT_TRUE(IsCompressibleType("image/svg+xml"));
  EXPECT_FALSE(IsCompressibleType("image/png"));
  EXPECT_FALSE(IsCompressibleType("application/pdf"));
}

}  // namespace
}  // namespace procura
