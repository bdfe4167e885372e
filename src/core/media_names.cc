#include "core/media_names.h"

#include <algorithm>
#include <cctype>

namespace procura {

std::vector<std::string> MediaFileNamesIn(std::string_view text) {
  static constexpr std::string_view kPrefix = "/media/";
  const auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  };
  std::vector<std::string> names;
  for (std::size_t at = text.find(kPrefix); at != std::string_view::npos;
       at = text.find(kPrefix, at + 1)) {
    std::size_t end = at + kPrefix.size();
    while (end < text.size() && name_char(text[end])) ++end;
    std::string name(text.substr(at + kPrefix.size(), end - at - kPrefix.size()));
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> StoredMediaNamesIn(std::string_view text) {
  std::vector<std::string> names;
  for (std::string name : MediaFileNamesIn(text)) {
    // "<stem>-w<digits><ext>" → "<stem><ext>"
    const std::size_t dot = name.rfind('.'), w = name.rfind("-w");
    if (dot != std::string::npos && w != std::string::npos && w + 2 < dot &&
        std::all_of(name.begin() + static_cast<std::ptrdiff_t>(w + 2),
                    name.begin() + static_cast<std::ptrdiff_t>(dot),
                    [](char c) { return c >= '0' && c <= '9'; }))
      name.erase(w, dot - w);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return names;
}

}  // namespace procura
