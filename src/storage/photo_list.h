// A record's photos as stored: media ids, comma-separated, in order
// ("3,4"). Branch meetings and training classes keep them so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace procura {

// The ids in `list`, in order; parts that are not positive ids are skipped.
inline std::vector<std::int64_t> PhotoIds(std::string_view list) {
  std::vector<std::int64_t> out;
  for (const auto& part : Split(list, ','))
    if (auto id = ParsePositiveId(part)) out.push_back(*id);
  return out;
}

// `list` as stored.
inline std::string PhotoList(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// `list` with `media_id` added at the end.
inline std::string WithPhotoAdded(std::string_view list, std::int64_t media_id) {
  std::vector<std::int64_t> ids = PhotoIds(list);
  ids.push_back(media_id);
  return PhotoList(ids);
}

// `list` without `media_id`; nullopt when it was not there.
inline std::optional<std::string> WithoutPhoto(std::string_view list, std::int64_t media_id) {
  std::vector<std::int64_t> ids = PhotoIds(list), kept;
  for (std::int64_t id : ids)
    if (id != media_id) kept.push_back(id);
  if (kept.size() == ids.size()) return std::nullopt;
  return PhotoList(kept);
}

// `list` with `media_id` moved to the front, where it leads (a news draft
// made from the record opens with it); nullopt when it was not there.
inline std::optional<std::string> WithPhotoFirst(std::string_view list, std::int64_t media_id) {
  std::vector<std::int64_t> ids{media_id};
  bool found = false;
  for (std::int64_t id : PhotoIds(list)) {
    if (id == media_id) found = true;
    else ids.push_back(id);
  }
  if (!found) return std::nullopt;
  return PhotoList(ids);
}

}  // namespace procura
