// Per-page metadata for search engines and sharing: the description, the
// canonical link, Open Graph and Twitter card tags, and links to the feeds
// that follow the page. Absolute URLs come from the site's public address
// (render/feeds.h BaseUrl). Pure: no I/O, no clock.
#pragma once

#include <optional>
#include <string>

#include "render/portal_pages.h"

namespace procura {

inline constexpr std::size_t kMetaDescriptionChars = 120;

struct PageMeta {
  std::string path;         // the page's own path, language prefix included
  std::string description;  // plain text; "" → the site's description
  std::string image_path;   // "/media/…" for the lead image; "" if none
  std::string image_alt;
  bool is_article = false;
  std::optional<UnixSeconds> published, modified;
  const ColumnRecord* column = nullptr;  // its feeds are linked beside the site's
};

// Sets description, canonical_url, og_*, twitter_card, published_time,
// modified_time and feeds on `layout` (see templates/layout.mustache).
void SetPageMeta(const PageContext& ctx, const PageMeta& meta, TemplateData& layout);

}  // namespace procura
