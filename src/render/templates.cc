#include "render/templates.h"

#include <fstream>
#include <optional>
#include <sstream>

namespace procura {

namespace {

constexpr std::string_view kOpen = "{{#t}}", kClose = "{{/t}}";

// `source` with every marker replaced by its translation; nullopt if a
// marker is not closed.
std::optional<std::string> Translate(std::string_view source, const i18n::Catalogs* catalogs,
                                     i18n::Lang lang) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t open; (open = source.find(kOpen, at)) != std::string_view::npos;) {
    const std::size_t start = open + kOpen.size();
    const std::size_t close = source.find(kClose, start);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view msgid = source.substr(start, close - start);
    out += source.substr(at, open - at);
    out += catalogs ? catalogs->Tr(lang, msgid) : std::string(msgid);
    at = close + kClose.size();
  }
  out += source.substr(at);
  return out;
}

}  // namespace

std::vector<std::string> TemplateSet::MarkedTexts(std::string_view source) {
  std::vector<std::string> out;
  for (std::size_t at = 0, open; (open = source.find(kOpen, at)) != std::string_view::npos;) {
    const std::size_t start = open + kOpen.size();
    const std::size_t close = source.find(kClose, start);
    if (close == std::string_view::npos) break;
    out.emplace_back(source.substr(start, close - start));
    at = close + kClose.size();
  }
  return out;
}

Result<TemplateSet> TemplateSet::Load(const std::filesystem::path& dir,
                                      const i18n::Catalogs* catalogs) {
  TemplateSet set;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (i18n::Lang lang : i18n::kAllLangs) {
      auto text = Translate(ss.str(), catalogs, lang);
      if (!text) return Status::Invalid("template " + entry.path().string() + ": a {{#t}} is not closed");
      kainjow::mustache::mustache parsed(*text);
      if (!parsed.is_valid()) {
        return Status::Invalid("template " + entry.path().string() + " (" +
                               std::string(i18n::Tag(lang)) + "): " + parsed.error_message());
      }
      set.sources_[lang][entry.path().stem().string()] = std::move(*text);
    }
  }
  if (ec) return Status::Io("cannot read templates from " + dir.string() + ": " + ec.message());
  if (set.sources_.empty()) return Status::NotFound("no templates in " + dir.string());
  return set;
}

Result<std::string> TemplateSet::Render(const std::string& name, TemplateData data,
                                        i18n::Lang lang) const {
  const Sources& sources = sources_.at(lang);
  auto it = sources.find(name);
  if (it == sources.end()) return Status::NotFound("no template named " + name);
  for (const auto& [partial_name, text] : sources) {
    const std::string* source = &text;
    data.set(partial_name, kainjow::mustache::partial([source] { return *source; }));
  }
  kainjow::mustache::mustache tmpl(it->second);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return Status::Internal("rendering " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace procura
