#include "render/templates.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <tuple>
#include <optional>
#include <sstream>

namespace procura {

namespace {

// The partials template `name` names ({{> x}}), and theirs, once each.
std::vector<std::string> PartialsUsed(const std::map<std::string, std::string>& sources,
                                      const std::string& name) {
  std::vector<std::string> out, pending = {name};
  while (!pending.empty()) {
    auto it = sources.find(pending.back());
    pending.pop_back();
    if (it == sources.end()) continue;
    const std::string& s = it->second;
    for (std::size_t at = s.find("{{>"); at != std::string::npos; at = s.find("{{>", at + 3)) {
      const std::size_t end = s.find("}}", at);
      if (end == std::string::npos) break;
      std::string p = s.substr(at + 3, end - at - 3);
      p.erase(0, p.find_first_not_of(' '));
      p.erase(p.find_last_not_of(' ') + 1);
      if (std::find(out.begin(), out.end(), p) == out.end()) {
        out.push_back(p);
        pending.push_back(p);
      }
    }
  }
  return out;
}

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
  static std::atomic<std::uint64_t> next_id{1};
  set.id_ = next_id++;
  for (const auto& [name, source] : set.sources_.begin()->second)
    set.partials_[name] = PartialsUsed(set.sources_.begin()->second, name);
  return set;
}

Result<std::string> TemplateSet::Render(const std::string& name, TemplateData data,
                                        i18n::Lang lang) const {
  const Sources& sources = sources_.at(lang);
  auto it = sources.find(name);
  if (it == sources.end()) return Status::NotFound("no template named " + name);
  for (const std::string& partial_name : partials_.at(name)) {
    auto p = sources.find(partial_name);
    if (p == sources.end()) continue;  // rendered as nothing, as mustache does
    const std::string* source = &p->second;
    data.set(partial_name, kainjow::mustache::partial([source] { return *source; }));
  }
  // A parsed template is walked (and so changed) while rendering: one per thread.
  thread_local std::map<std::tuple<std::uint64_t, i18n::Lang, std::string>,
                        std::unique_ptr<kainjow::mustache::mustache>>
      parsed;
  auto& tmpl = parsed[{id_, lang, name}];
  if (!tmpl) tmpl = std::make_unique<kainjow::mustache::mustache>(it->second);
  std::string out = tmpl->render(data);
  if (!tmpl->is_valid()) return Status::Internal("rendering " + name + ": " + tmpl->error_message());
  return out;
}

}  // namespace procura
