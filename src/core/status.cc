// Status message placeholders (see status.h).
#include "core/status.h"

namespace procura {

std::string FillPlaceholders(std::string text, const MessageArgs& args) {
  for (const auto& [name, value] : args) {
    const std::string key = "{" + name + "}";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
      text.replace(at, key.size(), value), at += value.size();
  }
  return text;
}

}  // namespace procura
