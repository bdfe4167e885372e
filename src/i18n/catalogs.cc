#include "i18n/catalogs.h"

#include <algorithm>
#include <boost/locale.hpp>
#include <cctype>

namespace procura::i18n {
namespace {

constexpr const char* kDomain = "procura";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view Tag(Lang lang) { return lang == Lang::kZh ? "zh-CN" : "en"; }

Lang Other(Lang lang) { return lang == Lang::kZh ? Lang::kEn : Lang::kZh; }

std::optional<Lang> Parse(std::string_view tag) {
  const std::string t = Lower(tag);
  if (t == "zh" || t.rfind("zh-", 0) == 0 || t.rfind("zh_", 0) == 0) return Lang::kZh;
  if (t == "en" || t.rfind("en-", 0) == 0 || t.rfind("en_", 0) == 0) return Lang::kEn;
  return std::nullopt;
}

Result<Catalogs> Catalogs::Load(const std::filesystem::path& dir) {
  for (const char* name : {"zh_CN", "en"}) {
    const auto mo = dir / name / "LC_MESSAGES" / "procura.mo";
    if (!std::filesystem::exists(mo))
      return Status::Unavailable("message catalog missing: " + mo.string() +
                                 " (built from po/ by `make build`)");
  }
  try {
    boost::locale::generator gen;
    gen.use_ansi_encoding(false);
    gen.add_messages_path(dir.string());
    gen.add_messages_domain(kDomain);
    Catalogs c;
    c.zh_ = gen("zh_CN.UTF-8");
    c.en_ = gen("en_US.UTF-8");
    return c;
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("message catalogs: ") + e.what());
  }
}

std::string Catalogs::Tr(Lang lang, std::string_view msgid) const {
  if (msgid.empty()) return {};
  return boost::locale::translate(std::string(msgid)).str(Locale(lang));
}

std::string Catalogs::TrN(Lang lang, std::string_view singular, std::string_view plural,
                          long n) const {
  return FillPlaceholders(
      boost::locale::translate(std::string(singular), std::string(plural), n).str(Locale(lang)),
      {{"n", std::to_string(n)}});
}

std::string Catalogs::TrNMessage(Lang lang, std::string_view singular, std::string_view plural,
                                 long n, const MessageArgs& args) const {
  MessageArgs filled = TranslatedLabels(lang, args);
  filled.emplace_back("n", std::to_string(n));
  return FillPlaceholders(
      boost::locale::translate(std::string(singular), std::string(plural), n).str(Locale(lang)),
      filled);
}

std::string Catalogs::TrMessage(Lang lang, std::string_view msgid, const MessageArgs& args) const {
  return FillPlaceholders(Tr(lang, msgid), TranslatedLabels(lang, args));
}

MessageArgs Catalogs::TranslatedLabels(Lang lang, MessageArgs args) const {
  for (auto& [name, value] : args)
    if (name.size() > 6 && name.compare(name.size() - 6, 6, "_label") == 0) value = Tr(lang, value);
  return args;
}

std::string FillPlural(std::string_view singular, std::string_view plural, long n,
                       MessageArgs args) {
  args.emplace_back("n", std::to_string(n));
  return FillPlaceholders(std::string(n == 1 ? singular : plural), args);
}

const std::locale& Catalogs::Locale(Lang lang) const { return lang == Lang::kZh ? zh_ : en_; }

void SortNames(const Catalogs& catalogs, Lang lang, std::vector<std::string>& names) {
  const auto& collator =
      std::use_facet<boost::locale::collator<char>>(catalogs.Locale(lang));
  std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return collator.compare(boost::locale::collator_base::identical, a, b) < 0;
  });
}

namespace {
const boost::locale::collator<char>& PinyinCollator() {
  static const std::locale zh = [] {
    boost::locale::generator gen;
    gen.use_ansi_encoding(false);
    return gen("zh_CN.UTF-8");
  }();
  return std::use_facet<boost::locale::collator<char>>(zh);
}
}  // namespace

bool PinyinLess(std::string_view a, std::string_view b) {
  return PinyinCollator().compare(boost::locale::collator_base::identical, a.data(),
                                  a.data() + a.size(), b.data(), b.data() + b.size()) < 0;
}

std::string PinyinSortKey(std::string_view name) {
  return PinyinCollator().transform(boost::locale::collator_base::identical, name.data(),
                                    name.data() + name.size());
}

}  // namespace procura::i18n
