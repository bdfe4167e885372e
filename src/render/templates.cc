#include "render/templates.h"

#include <fstream>
#include <sstream>

namespace procura {

Result<TemplateSet> TemplateSet::Load(const std::filesystem::path& dir) {
  TemplateSet set;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    kainjow::mustache::mustache parsed(ss.str());
    if (!parsed.is_valid()) {
      return Status::Invalid("template " + entry.path().string() + ": " + parsed.error_message());
    }
    set.sources_[entry.path().stem().string()] = ss.str();
  }
  if (ec) return Status::Io("cannot read templates from " + dir.string() + ": " + ec.message());
  if (set.sources_.empty()) return Status::NotFound("no templates in " + dir.string());
  return set;
}

Result<std::string> TemplateSet::Render(const std::string& name, TemplateData data) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) return Status::NotFound("no template named " + name);
  for (const auto& [partial_name, text] : sources_) {
    const std::string* source = &text;
    data.set(partial_name, kainjow::mustache::partial([source] { return *source; }));
  }
  kainjow::mustache::mustache tmpl(it->second);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return Status::Internal("rendering " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace procura
