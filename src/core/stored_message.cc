#include "core/stored_message.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace procura {

namespace {

std::string Dump(const std::string& msgid, const MessageArgs& args) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, value] : args) list.push_back({name, value});
  // Output a process wrote (a push's last lines) need not be UTF-8: such
  // bytes are replaced rather than thrown on.
  return nlohmann::json{{"msgid", msgid}, {"args", std::move(list)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `text` cut to at most `max` bytes at a character boundary, ending in "…".
void CutTo(std::string& text, std::size_t max) {
  if (text.size() <= max) return;
  std::size_t keep = max > 3 ? max - 3 : 0;
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  text.resize(keep);
  if (keep > 0) text += "…";
}

}  // namespace

std::string StoreMessage(const Status& error, std::size_t max_bytes) {
  if (error.ok()) return {};
  MessageArgs args = error.args();
  for (std::string stored = Dump(error.msgid(), args);; stored = Dump(error.msgid(), args)) {
    if (stored.size() <= max_bytes) return stored;
    auto longest = std::max_element(args.begin(), args.end(), [](const auto& a, const auto& b) {
      return a.second.size() < b.second.size();
    });
    if (longest == args.end() || longest->second.size() <= 4) {  // a msgid that long: its text, cut
      std::string text = error.message();
      CutTo(text, max_bytes);
      return text.empty() ? "…" : text;
    }
    CutTo(longest->second, longest->second.size() * 3 / 4);
  }
}

Status LoadMessage(std::string_view stored) {
  if (stored.empty()) return Status::Ok();
  if (stored.front() == '{') {
    auto j = nlohmann::json::parse(stored, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("msgid") && j["msgid"].is_string()) {
      MessageArgs args;
      if (j.contains("args") && j["args"].is_array())
        for (const auto& pair : j["args"])
          if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
            args.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      return Status::Unavailable(j["msgid"].get<std::string>(), std::move(args));
    }
  }
  return Status::Unavailable(std::string(stored));
}

}  // namespace procura
