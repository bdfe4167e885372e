#include <gtest/gtest.h>

#include "i18n/catalogs.h"

namespace procura::i18n {
namespace {

const Catalogs& Shipped() {
  static const Catalogs c = *Catalogs::Load(PROCURA_LOCALE_DIR);
  return c;
}

TEST(Lang, ParsesTagsAndPairsTheTwoLanguages) {
  EXPECT_EQ(Parse("zh-CN"), Lang::kZh);
  EXPECT_EQ(Parse("ZH_cn"), Lang::kZh);
  EXPECT_EQ(Parse("zh-Hans"), Lang::kZh);
  EXPECT_EQ(Parse("en-US"), Lang::kEn);
  EXPECT_FALSE(Parse("fr"));
  EXPECT_FALSE(Parse(""));
  EXPECT_EQ(Tag(Lang::kZh), "zh-CN");
  EXPECT_EQ(Other(Lang::kZh), Lang::kEn);
}

TEST(Catalogs, TranslateWithPluralsAndFallBackToTheMsgid) {
  const Catalogs& c = Shipped();
  EXPECT_EQ(c.Tr(Lang::kZh, "Home"), "首页");
  EXPECT_EQ(c.Tr(Lang::kEn, "Home"), "Home");
  EXPECT_EQ(c.Tr(Lang::kZh, "no such message in any catalog"), "no such message in any catalog");
  EXPECT_EQ(c.TrN(Lang::kEn, "{n} article", "{n} articles", 1), "1 article");
  EXPECT_EQ(c.TrN(Lang::kEn, "{n} article", "{n} articles", 21), "21 articles");
  EXPECT_EQ(c.TrN(Lang::kZh, "{n} article", "{n} articles", 21), "共 21 条");
}

TEST(Catalogs, AMessageWithACountTakesItsPluralFormAndItsOtherValues) {
  const Catalogs& c = Shipped();
  const char* one = "{n} member has no dues set for {year}. Set it from {last}'s if there was one:";
  const char* many = "{n} members have no dues set for {year}. Set them from {last}'s where there were any:";
  const MessageArgs args{{"year", "2026"}, {"last", "2025"}};
  EXPECT_EQ(c.TrNMessage(Lang::kEn, one, many, 1, args),
            "1 member has no dues set for 2026. Set it from 2025's if there was one:");
  EXPECT_EQ(c.TrNMessage(Lang::kEn, one, many, 3, args),
            "3 members have no dues set for 2026. Set them from 2025's where there were any:");
  EXPECT_EQ(c.TrNMessage(Lang::kZh, one, many, 1, args), "有 1 名党员尚未核定2026年党费。可沿用其2025年的核定：");
  EXPECT_EQ(c.TrNMessage(Lang::kEn, "Ends in {n} day", "Ends in {n} days", 1, {}), "Ends in 1 day");
  EXPECT_EQ(c.TrNMessage(Lang::kEn, "Ends in {n} day", "Ends in {n} days", 0, {}), "Ends in 0 days");
}

TEST(Catalogs, AMissingCatalogIsAClearError) {
  auto c = Catalogs::Load("/nonexistent/locale");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("message catalog missing"), std::string::npos);
}

// Member and branch lists sort by pinyin (ICU collation), checked against
// an order made by hand: an (ān) < 白 (bái) < 陈 (chén) < 丁 (dīng) < 李 (lǐ)
// < 王 (wáng) < 张 (zhāng) < 赵 (zhào).
TEST(Collation, ChineseNamesSortByPinyin) {
  std::vector<std::string> names = {"赵敏", "王芳", "安然", "张伟", "李娜", "陈静", "丁磊", "白雪"};
  SortNames(Shipped(), Lang::kZh, names);
  EXPECT_EQ(names, (std::vector<std::string>{"安然", "白雪", "陈静", "丁磊", "李娜", "王芳", "张伟",
                                             "赵敏"}));
}

TEST(Collation, PinyinLessNeedsNoCatalogs) {
  std::vector<std::string> names = {"张伟", "安然", "Zhou Yong", "李娜", "Adams"};
  std::stable_sort(names.begin(), names.end(), PinyinLess);
  // ICU's Chinese order puts Han names first, then Latin ones.
  EXPECT_EQ(names, (std::vector<std::string>{"安然", "李娜", "张伟", "Adams", "Zhou Yong"}));
}

TEST(Collation, PinyinSortKeysOrderAsPinyinLess) {
  const std::vector<std::string> names = {"吕红磊", "吴兰磊", "尤丽慧", "李静慧", "秦波燕", "许慧强", "Adams"};
  for (const auto& a : names)
    for (const auto& b : names)
      EXPECT_EQ(PinyinSortKey(a) < PinyinSortKey(b), PinyinLess(a, b)) << a << " " << b;
  EXPECT_TRUE(PinyinLess("李静慧", "吕红磊")) << "li before lü, though 吕 has the lower code point";
}

}  // namespace
}  // namespace procura::i18n
