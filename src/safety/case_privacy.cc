#include "safety/case_privacy.h"

#include <algorithm>
#include <string>

#include "safety/normalize.h"
#include "safety/personal_data.h"

namespace procura::safety {
namespace {

// The most common Chinese surnames (single characters).
constexpr std::u32string_view kSurnames =
    U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    U"魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    U"万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    U"祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    U"艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    U"姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

// Roles in a case that a name follows (被告人张三).
constexpr std::u32string_view kRoles[] = {U"犯罪嫌疑人", U"被不起诉人", U"被告人", U"被害人",
                                          U"嫌疑人",     U"上诉人",     U"被申诉人", U"罪犯"};

// Words that mark text as being about a case (for the age check).
constexpr std::u32string_view kCaseWords[] = {U"犯罪", U"嫌疑", U"被告", U"被害", U"涉嫌", U"作案",
                                              U"案件", U"起诉", U"判处", U"盗窃", U"诈骗", U"抢劫",
                                              U"伤害", U"侵害", U"涉案"};

// Characters that end a name (particles and verbs that follow one).
constexpr std::u32string_view kNameStops =
    U"因在于的等和与及被将把对为是犯涉已经曾向从自由称供系所某甲乙丙丁男女年月日岁人";

bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// The age written at chars[i..] ("16岁", "十六岁", "六岁"), or -1; `end`
// is set past 岁.
int AgeAt(const std::u32string& chars, std::size_t i, std::size_t& end) {
  constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  std::size_t j = i;
  int n = -1;
  if (chars[i] >= U'0' && chars[i] <= U'9') {
    n = 0;
    while (j < chars.size() && j - i < 3 && chars[j] >= U'0' && chars[j] <= U'9')
      n = n * 10 + static_cast<int>(chars[j++] - U'0');
  } else {
    while (j < chars.size() && j - i < 3 &&
           (chars[j] == U'十' || kDigits.find(chars[j]) != std::u32string_view::npos))
      ++j;
    const std::u32string_view s(chars.data() + i, j - i);
    auto digit = [&](char32_t c) { return static_cast<int>(kDigits.find(c)); };
    const auto ten = s.find(U'十');
    if (s.empty()) return -1;
    if (ten == std::u32string_view::npos)
      n = s.size() == 1 ? digit(s[0]) : -1;
    else if (ten <= 1 && (ten == 0 || s[0] != U'十'))
      n = (ten == 0 ? 1 : digit(s[0])) * 10 + (ten + 1 < s.size() ? digit(s[ten + 1]) : 0);
  }
  if (n < 0 || j >= chars.size() || chars[j] != U'岁') return -1;
  end = j + 1;
  return n;
}

// After 未成年 at `from`: a person in a case (未成年犯罪嫌疑人, 未成年被害人,
// 一名未成年人涉嫌...), not a law or a department (未成年人保护法,
// 未成年人检察工作).
bool MinorInCase(const std::u32string& chars, std::size_t from) {
  const std::u32string_view after(chars.data() + from, std::min<std::size_t>(8, chars.size() - from));
  for (auto role : kRoles)
    if (after.find(role) != std::u32string_view::npos) return true;
  return after.find(U"涉嫌") != std::u32string_view::npos ||
         after.find(U"作案") != std::u32string_view::npos;
}

bool NearCaseWord(const std::u32string& chars, std::size_t begin, std::size_t end) {
  const std::size_t from = begin > 30 ? begin - 30 : 0, to = std::min(chars.size(), end + 30);
  const std::u32string_view window(chars.data() + from, to - from);
  for (auto w : kCaseWords)
    if (window.find(w) != std::u32string_view::npos) return true;
  return false;
}

WordFinding Finding(std::string_view field, std::string_view text, const NormalizedText& norm,
                    std::size_t begin, std::size_t end, const char* category,
                    std::string replacement, const char* note) {
  WordFinding f;
  f.field = std::string(field);
  f.begin = norm.begin[begin];
  f.end = norm.end[end - 1];
  f.matched = std::string(text.substr(f.begin, f.end - f.begin));
  f.entry.category = category;
  f.entry.word = f.matched;
  f.entry.level = "warn";
  f.entry.replacement = std::move(replacement);
  f.entry.note = note;
  f.note_is_msgid = true;
  return f;
}

std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) out += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    else out += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (c & 0x3F))};
  }
  return out;
}

constexpr const char* kMinorNote =
    N_("Case information must not disclose who a minor is: make sure nothing identifies them "
       "before publishing.");
constexpr const char* kNameNote =
    N_("The names of people in a case are masked (like “张某某”).");

}  // namespace

std::vector<WordFinding> CaseFindings(std::string_view field, std::string_view text) {
  std::vector<WordFinding> out;
  const NormalizedText norm = Normalize(text);
  const std::u32string& c = norm.chars;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.compare(i, 3, U"未成年") == 0) {
      if (MinorInCase(c, i + 3))
        out.push_back(Finding(field, text, norm, i, i + 3, kMinorCategory, "", kMinorNote));
      i += 2;
      continue;
    }
    std::size_t end = 0;
    if ((i == 0 || !(c[i - 1] >= U'0' && c[i - 1] <= U'9'))) {
      const int age = AgeAt(c, i, end);
      if (age >= 0 && age < 18 && NearCaseWord(c, i, end)) {
        out.push_back(Finding(field, text, norm, i, end, kMinorCategory, "", kMinorNote));
        i = end - 1;
        continue;
      }
    }
    for (auto role : kRoles) {
      if (c.compare(i, role.size(), role) != 0) continue;
      const std::size_t at = i + role.size();
      if (at >= c.size() || kSurnames.find(c[at]) == std::u32string_view::npos) break;
      std::size_t stop = at + 1;
      while (stop < c.size() && stop - at < 3 && IsHan(c[stop]) &&
             kNameStops.find(c[stop]) == std::u32string_view::npos)
        ++stop;
      if (stop == at + 1 || (stop < c.size() && c[stop] == U'某')) break;  // masked, or no name
      std::u32string masked(1, c[at]);
      masked.append(stop - at - 1, U'某');
      out.push_back(Finding(field, text, norm, at, stop, kCaseNameCategory, Utf8(masked), kNameNote));
      i = stop - 1;
      break;
    }
  }
  return out;
}

namespace {

// `text` with the names the server gave uploaded files ("/media/" or
// "/media-file/" then 24 hex digits, as in an image's Markdown) overwritten
// by as many 'x': random hex is nobody's phone number, and no word either.
// Offsets stay what they were.
std::string WithoutStoredNames(std::string_view text) {
  std::string out(text);
  constexpr std::size_t kHex = 24;
  for (std::string_view prefix : {std::string_view("/media/"), std::string_view("/media-file/")}) {
    for (std::size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at + 1)) {
      const std::size_t name = at + prefix.size();
      if (name + kHex >= out.size()) break;
      const bool hex = std::all_of(out.begin() + name, out.begin() + name + kHex, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      });
      if (hex && (out[name + kHex] == '.' || out[name + kHex] == '-'))
        std::fill(out.begin() + name, out.begin() + name + kHex, 'x');
    }
  }
  return out;
}

std::vector<WordFinding> CheckText(const WordScanner& scanner, const std::vector<PublicText>& given,
                                   const char* personal_level) {
  std::vector<std::string> kept;  // the texts as checked (WithoutStoredNames)
  kept.reserve(given.size());
  std::vector<PublicText> texts;
  for (const auto& t : given) {
    kept.push_back(WithoutStoredNames(t.text));
    texts.push_back({t.field, kept.back()});
  }
  std::vector<WordFinding> out = scanner.Scan(texts);
  for (const auto& t : texts) {
    auto found = CaseFindings(t.field, t.text);
    auto personal = PersonalDataFindings(t.field, t.text, personal_level);
    found.insert(found.end(), std::make_move_iterator(personal.begin()),
                 std::make_move_iterator(personal.end()));
    scanner.DropAllowed(t.text, found);
    out.insert(out.end(), std::make_move_iterator(found.begin()),
               std::make_move_iterator(found.end()));
  }
  return out;
}

}  // namespace

std::vector<WordFinding> CheckPublicText(const WordScanner& scanner,
                                         const std::vector<PublicText>& texts) {
  return CheckText(scanner, texts, "block");
}

std::vector<WordFinding> CheckLetterText(const WordScanner& scanner,
                                         const std::vector<PublicText>& texts) {
  return CheckText(scanner, texts, "warn");
}

}  // namespace procura::safety
