// TemplateSet: the mustache templates of templates/, loaded once at start.
// {{x}} escapes HTML; {{{x}}} is used only for HTML procura produced itself
// (rendered Markdown, nested templates). Every template is available to the
// others as a partial under its file name without ".mustache".
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <kainjow/mustache.hpp>

#include "core/status.h"

namespace procura {

using TemplateData = kainjow::mustache::data;

// A true value, for {{#flag}} sections.
inline TemplateData TemplateTrue() { return TemplateData(TemplateData::type::bool_true); }

// One <option> of a <select>: {{value}}, {{name}}, and {{#selected}} when
// `selected`.
inline TemplateData SelectOption(const std::string& value, const std::string& name, bool selected) {
  TemplateData o;
  o.set("value", value);
  o.set("name", name);
  if (selected) o.set("selected", TemplateTrue());
  return o;
}

class TemplateSet {
 public:
  // Loads every *.mustache file in `dir` and checks that each parses.
  // Invalid (naming the file and the parser's message) on a syntax error.
  static Result<TemplateSet> Load(const std::filesystem::path& dir);

  // Renders template `name` with `data`. NotFound for an unknown name;
  // Internal if rendering fails. Thread-safe.
  Result<std::string> Render(const std::string& name, TemplateData data) const;

 private:
  std::map<std::string, std::string> sources_;
};

}  // namespace procura
