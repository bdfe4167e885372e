// What counts as CJK, and how quoted phrases lose their Chinese.
#include "search/cjk_text.h"

#include <gtest/gtest.h>

namespace procura::search {
namespace {

TEST(CjkText, CharactersOfChineseJapaneseAndKoreanAreCjk) {
  EXPECT_TRUE(IsCjkCharacter(0x57F9));   // 培
  EXPECT_TRUE(IsCjkCharacter(0x3002));   // 。
  EXPECT_TRUE(IsCjkCharacter(0x30AB));   // カ
  EXPECT_TRUE(IsCjkCharacter(0xD55C));   // 한
  EXPECT_TRUE(IsCjkCharacter(0xFF0C));   // ，
  EXPECT_TRUE(IsCjkCharacter(0x20BB7));  // 𠮷
  EXPECT_FALSE(IsCjkCharacter('a'));
  EXPECT_FALSE(IsCjkCharacter(0x00E9));  // é
  EXPECT_FALSE(IsCjkCharacter(0x0416));  // Ж
  EXPECT_FALSE(IsCjkCharacter(0x2014));  // —
}

TEST(CjkText, TermsAreJudgedByTheirFirstCharacterAfterThePrefix) {
  EXPECT_TRUE(IsCjkTerm("培训"));
  EXPECT_TRUE(IsCjkTerm("S培"));
  EXPECT_TRUE(IsCjkTerm("XC培"));
  EXPECT_FALSE(IsCjkTerm("train"));
  EXPECT_FALSE(IsCjkTerm("Strain"));
  EXPECT_FALSE(IsCjkTerm("XC12"));
  EXPECT_FALSE(IsCjkTerm("S"));
  EXPECT_FALSE(IsCjkTerm(""));
}

TEST(CjkText, PhrasesOfOnlyChineseLoseTheirQuotes) {
  EXPECT_EQ(SeparateChineseFromPhrases("\"支部书记\""), " 支部书记 ");
  EXPECT_EQ(SeparateChineseFromPhrases("a \"支部，书记\" b"), "a  支部，书记  b");
}

TEST(CjkText, LatinWordsOfMixedPhrasesStayPhrases) {
  EXPECT_EQ(SeparateChineseFromPhrases("\"检察 case review\""), " 检察 \" case review\" ");
  EXPECT_EQ(SeparateChineseFromPhrases("\"held 培训 sessions\""), " \"held \" 培训 \" sessions\" ");
  EXPECT_EQ(SeparateChineseFromPhrases("\"2024年\""), " \"2024\" 年 ");
}

TEST(CjkText, OtherTextIsLeftAlone) {
  EXPECT_EQ(SeparateChineseFromPhrases("\"case review\" 检察"), "\"case review\" 检察");
  EXPECT_EQ(SeparateChineseFromPhrases("培训 \"unbalanced 培训"), "培训 \"unbalanced 培训");
  EXPECT_EQ(SeparateChineseFromPhrases("\"\""), "\"\"");
  EXPECT_EQ(SeparateChineseFromPhrases(""), "");
  EXPECT_EQ(SeparateChineseFromPhrases("\"caf\xe9 \xff\""), "\"caf\xe9 \xff\"");
}

}  // namespace
}  // namespace procura::search
