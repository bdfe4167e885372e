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

Status Status::AllOf(std::vector<Status> problems) {
  if (problems.empty()) return Ok();
  Status first = problems.front();
  if (problems.size() > 1)
    first.all_ = std::make_shared<const std::vector<Status>>(std::move(problems));
  return first;
}

std::vector<Status> Status::problems() const {
  if (ok()) return {};
  if (all_) return *all_;
  return {*this};
}

}  // namespace procura
