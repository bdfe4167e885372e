#include "content/image_sizes.h"

#include <charconv>

#include "core/text.h"

namespace procura {

std::vector<ImageSize> ImageSizes(const MediaRecord& m) {
  std::vector<ImageSize> sizes;
  for (const auto& part : Split(m.variants, ';')) {
    const size_t colon = part.find(':');
    if (colon == std::string::npos || colon + 1 == part.size()) continue;
    long width = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + colon, width);
    if (error != std::errc() || end != part.data() + colon || width <= 0) continue;
    sizes.push_back({width, part.substr(colon + 1)});
  }
  return sizes;
}

std::string ImageSizesField(const std::vector<ImageSize>& sizes) {
  std::string field;
  for (const auto& size : sizes)
    field += (field.empty() ? "" : ";") + std::to_string(size.width) + ":" + size.name;
  return field;
}

std::string SmallestSize(const MediaRecord& m) {
  std::string best = m.stored_name;
  long best_width = m.width;
  for (auto& size : ImageSizes(m))
    if (size.width < best_width) best = std::move(size.name), best_width = size.width;
  return best;
}

std::string WidestSizeUpTo(const MediaRecord& m, long max_width) {
  if (m.width <= max_width) return m.stored_name;
  std::string best = m.stored_name;
  long best_width = 0;
  for (auto& size : ImageSizes(m))
    if (size.width > best_width && size.width <= max_width)
      best = std::move(size.name), best_width = size.width;
  return best;
}

}  // namespace procura
