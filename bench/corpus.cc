#include "corpus.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

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
  bool Chance(int percent) { return static_cast<int>(Next() % 100) < percent; }
};

// The commonest English words, most common first (they lead the Zipf ranks;
// SCOWL's lists give commonness tiers but no order within a tier).
constexpr std::array<std::string_view, 50> kFunctionWords = {
    "the",  "of",   "and",   "to",   "a",     "in",    "is",   "that", "for",  "it",
    "as",   "was",  "with",  "be",   "by",    "on",    "not",  "he",   "this", "are",
    "or",   "his",  "from",  "at",   "which", "but",   "have", "an",   "had",  "they",
    "you",  "were", "their", "one",  "all",   "we",    "can",  "her",  "has",  "there",
    "been", "if",   "more",  "when", "will",  "would", "who",  "so",   "no",   "its"};

// Procuratorial vocabulary. Each article has a topic of a few of these,
// drawn for a share of its words, so that each matches a realistic
// fraction of articles (about one in six) rather than all of them.
constexpr std::array<std::string_view, 52> kDomainEnglish = {"procuratorate",
                                                             "training",
                                                             "branch",
                                                             "secretary",
                                                             "party",
                                                             "building",
                                                             "case",
                                                             "quality",
                                                             "review",
                                                             "public",
                                                             "interest",
                                                             "litigation",
                                                             "juvenile",
                                                             "protection",
                                                             "office",
                                                             "department",
                                                             "meeting",
                                                             "report",
                                                             "inspection",
                                                             "supervision",
                                                             "court",
                                                             "evidence",
                                                             "trial",
                                                             "committee",
                                                             "members",
                                                             "study",
                                                             "session",
                                                             "lecture",
                                                             "experience",
                                                             "exchange",
                                                             "province",
                                                             "county",
                                                             "law",
                                                             "enforcement",
                                                             "environment",
                                                             "resources",
                                                             "community",
                                                             "service",
                                                             "annual",
                                                             "plan",
                                                             "discipline",
                                                             "integrity",
                                                             "officers",
                                                             "prosecutor",
                                                             "prosecution",
                                                             "criminal",
                                                             "civil",
                                                             "administrative",
                                                             "party building",
                                                             "branch secretary",
                                                             "case quality review",
                                                             "public interest litigation"};
constexpr std::array<std::string_view, 44> kDomainChinese = {
    "检察", "检察院", "培训",     "支部",   "书记",       "党建",     "案件",   "质量", "评查",
    "公益", "诉讼",   "未成年人", "保护",   "办公室",     "会议",     "报告",   "监督", "法院",
    "证据", "审判",   "委员会",   "党员",   "学习",       "讲座",     "经验",   "交流", "全省",
    "基层", "法律",   "环境",     "资源",   "群众",       "服务",     "年度",   "纪律", "廉洁",
    "干警", "机关",   "政治部",   "党支部", "党支部书记", "公益诉讼", "检察官", "刑事"};

bool IsLowerAscii(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// True when every character of UTF-8 `w` is a CJK unified ideograph.
bool IsAllIdeographs(const std::string& w) {
  if (w.empty() || w.size() % 3 != 0) return false;
  for (std::size_t i = 0; i < w.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(w[i]);
    if (b0 < 0xE4 || b0 > 0xE9) return false;  // U+4E00..U+9FFF
  }
  return true;
}

constexpr int kTopicWords = 8;
constexpr int kTopicPercent = 8;

struct Topic {
  std::array<std::string_view, kTopicWords> english, chinese;
};

Topic DrawTopic(Rng& r) {
  Topic t;
  for (auto& w : t.english) w = kDomainEnglish[r.Next() % kDomainEnglish.size()];
  for (auto& w : t.chinese) w = kDomainChinese[r.Next() % kDomainChinese.size()];
  return t;
}

std::string EnglishSentence(Rng& r, const WeightedWords& words, const Topic& topic) {
  std::string s;
  const int n = r.Range(8, 24);
  for (int i = 0; i < n; ++i) {
    std::string_view w =
        r.Chance(kTopicPercent) ? topic.english[r.Next() % kTopicWords] : words.Draw(r.Next());
    if (i > 0) s += ' ';
    s += w;
  }
  s[0] = static_cast<char>(s[0] - 32);
  return s + ". ";
}

std::string ChineseSentence(Rng& r, const WeightedWords& words, const Topic& topic) {
  std::string s;
  const int n = r.Range(8, 20);
  for (int i = 0; i < n; ++i) {
    s += r.Chance(kTopicPercent) ? topic.chinese[r.Next() % kTopicWords] : words.Draw(r.Next());
    if (i + 1 < n && r.Chance(12)) s += "，";
  }
  return s + "。";
}

std::string Title(Rng& r, const WeightedWords& en, const WeightedWords& zh, const Topic& topic) {
  std::string t = r.Chance(50) ? ChineseSentence(r, zh, topic) : EnglishSentence(r, en, topic);
  while (!t.empty() && (t.back() == ' ' || t.back() == '.')) t.pop_back();
  if (t.size() >= 3 && t.compare(t.size() - 3, 3, "。") == 0) t.resize(t.size() - 3);
  if (t.size() > 180) {
    t.resize(180);
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
    if (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0xC0) t.pop_back();
  }
  return t;
}

}  // namespace

void WeightedWords::Add(std::string word, double weight) {
  cumulative_.push_back((cumulative_.empty() ? 0.0 : cumulative_.back()) + weight);
  words_.push_back(std::move(word));
}

std::string_view WeightedWords::Draw(std::uint64_t random) const {
  const double x = static_cast<double>(random >> 11) * 0x1.0p-53 * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  if (it == cumulative_.end()) --it;
  return words_[static_cast<std::size_t>(it - cumulative_.begin())];
}

std::optional<Corpus> Corpus::Load(std::string* error, std::string jieba_dict,
                                   std::string scowl_dir) {
  Corpus c;
  std::ifstream zh(jieba_dict);
  if (!zh) {
    *error = "cannot read " + jieba_dict + " (apt-get install python3-jieba)";
    return std::nullopt;
  }
  std::string line;
  while (std::getline(zh, line)) {  // "word frequency tag"
    std::istringstream fields(line);
    std::string word;
    double freq = 0;
    if (fields >> word >> freq && freq >= 3 && IsAllIdeographs(word)) c.chinese_.Add(word, freq);
  }
  // Zipf (s = 1) over the function words, then SCOWL's tiers from common
  // to rarer, each tier in a fixed pseudo-random order.
  std::vector<std::string> ranked(kFunctionWords.begin(), kFunctionWords.end());
  Rng shuffle{2026};
  for (const char* tier : {"10", "20", "35", "40", "50"}) {
    const std::string path = scowl_dir + "/english-words." + tier;
    std::ifstream en(path);
    if (!en) {
      *error = "cannot read " + path + " (apt-get install scowl)";
      return std::nullopt;
    }
    std::vector<std::string> words;
    while (std::getline(en, line))
      if (IsLowerAscii(line) &&
          std::find(kFunctionWords.begin(), kFunctionWords.end(), line) == kFunctionWords.end())
        words.push_back(line);
    for (std::size_t k = words.size(); k > 1; --k)
      std::swap(words[k - 1], words[shuffle.Next() % k]);
    ranked.insert(ranked.end(), words.begin(), words.end());
  }
  for (std::size_t rank = 0; rank < ranked.size(); ++rank)
    c.english_.Add(std::move(ranked[rank]), 1.0 / static_cast<double>(rank + 1));
  if (c.chinese_.size() == 0 || c.english_.size() == 0) {
    *error = "the word lists are empty";
    return std::nullopt;
  }
  return c;
}

GeneratedArticle Corpus::Article(std::uint64_t seed, std::uint64_t i) const {
  Rng r{seed * 1000003 + i};
  GeneratedArticle a;
  a.column = static_cast<int>(r.Next() % 5);
  const Topic topic = DrawTopic(r);
  a.title = Title(r, english_, chinese_, topic);
  const int words = r.Range(600, 1500);
  int written = 0;
  while (written < words) {
    const bool zh = r.Chance(50);
    std::string para;
    const int sentences = r.Range(3, 7);
    for (int s = 0; s < sentences; ++s)
      para += zh ? ChineseSentence(r, chinese_, topic) : EnglishSentence(r, english_, topic);
    written += sentences * (zh ? 14 : 16);  // about that many words
    a.body_md += para + "\n\n";
  }
  return a;
}

}  // namespace procura::bench
