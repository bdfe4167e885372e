#include "safety/leaders.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "core/text.h"

namespace procura::safety {
namespace {

// Titles written next to names, beside those the list gives its leaders.
constexpr std::u32string_view kCommonTitles[] = {
    U"书记", U"副书记", U"党组书记", U"党组副书记", U"党组成员", U"检察长", U"副检察长",
    U"主任", U"副主任", U"部长", U"副部长", U"局长", U"副局长", U"院长", U"副院长",
    U"厅长", U"副厅长", U"处长", U"副处长", U"主席", U"副主席", U"省长", U"副省长",
    U"市长", U"副市长", U"区长", U"县长", U"委员", U"检察委员会委员", U"政治部主任",
    U"总书记", U"总理", U"副总理"};

struct Text {  // code points with their byte ranges in the original
  std::u32string chars;
  std::vector<std::size_t> begin, end;
};

Text Decode(std::string_view s) {
  Text t;
  for (std::size_t i = 0; i < s.size();) {
    const auto [c, len] = DecodeUtf8At(s, i);
    if (len == 0) {  // not UTF-8 there: skipped, as Normalize does
      ++i;
      continue;
    }
    t.chars.push_back(c);
    t.begin.push_back(i);
    t.end.push_back(i + len);
    i += len;
  }
  return t;
}

std::string Utf8(std::u32string_view s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

bool IsSentenceEnd(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'!' || c == U'?' ||
         c == U';' || c == U'\n';
}

WordFinding Make(std::string_view field, std::string_view raw, const Text& t, std::size_t b,
                 std::size_t e, const char* category, const char* level, std::string replacement,
                 const char* note_msgid, MessageArgs note_args = {}) {
  WordFinding f;
  f.field = std::string(field);
  f.begin = t.begin[b];
  f.end = t.end[e - 1];
  f.matched = std::string(raw.substr(f.begin, f.end - f.begin));
  f.entry.category = category;
  f.entry.word = f.matched;
  f.entry.level = level;
  f.entry.replacement = std::move(replacement);
  f.entry.note = note_msgid;
  f.note_is_msgid = true;
  f.note_args = std::move(note_args);
  return f;
}

constexpr const char* kTitlesNote = N_("Present titles: {titles}");

std::string Joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

std::string PinyinOf(char32_t c) {
  if (!IsHan(c)) return "";
  // ICU transliterators are not safe to share between threads: each
  // thread clones the shared one and keeps its own cache, so checks on
  // several cores never wait for one another.
  static const icu::Transliterator* han_latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::Transliterator* t = icu::Transliterator::createInstance(
        "Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status);
    return U_SUCCESS(status) ? t : nullptr;
  }();
  if (!han_latin) return "";
  thread_local std::unique_ptr<icu::Transliterator> mine(han_latin->clone());
  thread_local std::unordered_map<char32_t, std::string> cache;
  if (auto it = cache.find(c); it != cache.end()) return it->second;
  icu::UnicodeString u(static_cast<UChar32>(c));
  mine->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return cache[c] = out;
}

LeaderCheck::LeaderCheck(std::vector<LeaderRecord> leaders) {
  for (auto& r : leaders) {
    Leader l{std::move(r), {}, {}};
    l.name = Decode(l.record.name).chars;
    for (char32_t c : l.name) l.pinyin.push_back(PinyinOf(c));
    for (const auto& title : l.record.titles) titles_.push_back(Decode(title).chars);
    leaders_.push_back(std::move(l));
  }
  for (auto t : kCommonTitles) titles_.emplace_back(t);
  std::sort(titles_.begin(), titles_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::vector<WordFinding> LeaderCheck::Scan(std::string_view field, std::string_view raw) const {
  std::vector<WordFinding> out;
  if (leaders_.empty()) return out;
  const Text t = Decode(raw);
  const std::u32string& c = t.chars;
  struct Seen {
    std::size_t at;
    const Leader* leader;
  };
  std::vector<Seen> sentence;  // listed names in the current sentence
  std::vector<std::string> pinyin(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) pinyin[i] = PinyinOf(c[i]);
  for (std::size_t i = 0; i <= c.size(); ++i) {
    if (i == c.size() || IsSentenceEnd(c[i])) {
      for (std::size_t k = 1; k < sentence.size(); ++k) {
        const Seen& before = sentence[k - 1];
        const Seen& now = sentence[k];
        if (now.leader->record.precedence < before.leader->record.precedence)
          out.push_back(Make(field, raw, t, before.at, now.at + now.leader->name.size(),
                             kLeaderOrderCategory, "warn",
                             now.leader->record.name + "、" + before.leader->record.name,
                             N_("Write the leaders in the order of their precedence.")));
      }
      sentence.clear();
      continue;
    }
    for (const Leader& l : leaders_) {
      const std::size_t n = l.name.size();
      if (i + n > c.size()) continue;
      if (c.compare(i, n, l.name) == 0) {
        sentence.push_back({i, &l});
        // The title right before the name, and right after it.
        for (const auto& title : titles_) {
          const bool before = i >= title.size() && c.compare(i - title.size(), title.size(), title) == 0;
          const bool after = c.compare(i + n, title.size(), title) == 0;
          if (!before && !after) continue;
          const std::string written = Utf8(title);
          if (std::find(l.record.titles.begin(), l.record.titles.end(), written) ==
              l.record.titles.end()) {
            const std::string held = l.record.titles.empty() ? "" : l.record.titles.front();
            out.push_back(before ? Make(field, raw, t, i - title.size(), i + n, kLeaderTitleCategory,
                                        "block", held + l.record.name, kTitlesNote,
                                        {{"titles", Joined(l.record.titles, "、")}})
                                 : Make(field, raw, t, i, i + n + title.size(), kLeaderTitleCategory,
                                        "block", l.record.name + held, kTitlesNote,
                                        {{"titles", Joined(l.record.titles, "、")}}));
          }
          break;  // the longest title there decides
        }
        continue;
      }
      // Same sound, other characters (every character Han and sounding alike).
      bool alike = true, differs = false;
      for (std::size_t k = 0; k < n && alike; ++k) {
        alike = IsHan(c[i + k]) && !pinyin[i + k].empty() && pinyin[i + k] == l.pinyin[k];
        differs |= c[i + k] != l.name[k];
      }
      if (alike && differs)
        out.push_back(Make(field, raw, t, i, i + n, kLeaderNameCategory, "warn", l.record.name,
                           N_("It sounds like a name on the leaders' list.")));
    }
  }
  return out;
}

}  // namespace procura::safety
