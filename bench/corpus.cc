#include "corpus.h"

#include <array>
#include <string_view>

namespace procura::bench {
namespace {

struct Rng {  // splitmix64
  std::uint64_t s;
  std::uint64_t Next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
};

constexpr std::array<std::string_view, 48> kEnglish = {
    "the",         "procuratorate", "training",    "branch",   "secretary",  "party",
    "building",    "case",          "quality",     "review",   "public",     "interest",
    "litigation",  "juvenile",      "protection",  "office",   "department", "meeting",
    "report",      "inspection",    "supervision", "court",    "evidence",   "trial",
    "committee",   "members",       "study",       "session",  "lecture",    "experience",
    "exchange",    "work",          "province",    "county",   "law",        "enforcement",
    "environment", "resources",     "community",   "service",  "annual",     "plan",
    "progress",    "discipline",    "integrity",   "officers", "staff",      "of"};
constexpr std::array<std::string_view, 40> kChinese = {
    "检察",     "培训", "支部",   "书记", "党建", "案件", "质量", "评查", "公益", "诉讼",
    "未成年人", "保护", "办公室", "会议", "报告", "监督", "法院", "证据", "审判", "委员会",
    "党员",     "学习", "讲座",   "经验", "交流", "工作", "全省", "基层", "法律", "环境",
    "资源",     "群众", "服务",   "年度", "计划", "纪律", "廉洁", "干警", "机关", "推进"};

std::string EnglishSentence(Rng& r) {
  std::string s;
  const int n = r.Range(8, 18);
  for (int i = 0; i < n; ++i) {
    std::string_view w = kEnglish[r.Next() % kEnglish.size()];
    if (i == 0) {
      s += static_cast<char>(w[0] - 32);
      s += w.substr(1);
    } else {
      s += ' ';
      s += w;
    }
  }
  return s + ". ";
}

std::string ChineseSentence(Rng& r) {
  std::string s;
  const int n = r.Range(6, 14);
  for (int i = 0; i < n; ++i) s += kChinese[r.Next() % kChinese.size()];
  return s + "。";
}

}  // namespace

GeneratedArticle GenerateArticle(std::uint64_t seed, std::uint64_t i) {
  Rng r{seed * 1000003 + i};
  GeneratedArticle a;
  a.column = static_cast<int>(r.Next() % 5);
  const bool zh_title = r.Next() % 2 == 0;
  a.title = zh_title ? ChineseSentence(r) : EnglishSentence(r);
  while (!a.title.empty() && (a.title.back() == ' ' || a.title.back() == '.')) a.title.pop_back();
  if (a.title.size() > 180) a.title.resize(180);
  while (!a.title.empty() && (static_cast<unsigned char>(a.title.back()) & 0xC0) == 0x80)
    a.title.pop_back();
  if (!a.title.empty() && (static_cast<unsigned char>(a.title.back()) & 0xE0) == 0xE0)
    a.title.pop_back();
  const int words = r.Range(600, 1500);
  int written = 0;
  while (written < words) {
    const bool zh = r.Next() % 2 == 0;
    std::string para;
    const int sentences = r.Range(3, 7);
    for (int s = 0; s < sentences; ++s) para += zh ? ChineseSentence(r) : EnglishSentence(r);
    written += zh ? sentences * 10 : sentences * 13;  // about that many words
    a.body_md += para + "\n\n";
  }
  return a;
}

}  // namespace procura::bench
