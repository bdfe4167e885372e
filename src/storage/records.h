// Plain records that cross the storage boundary. Backends fill them; the
// content layer reads them. No behaviour lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"

namespace procura {

struct SiteRecord {
  std::string name;              // "Provincial People's Procuratorate"
  std::string tagline;           // shown under the name in the header
  std::string footer_text;       // address, sponsor line
  std::string icp;               // ICP filing number, shown in the footer
  std::string lang = "en";       // BCP 47 tag for <html lang>
  int utc_offset_minutes = 480;  // display zone; +08:00 for China
};

struct ColumnRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string slug;  // [a-z0-9-]{1,64}, unique; forms the column's URL
  std::string name;
  std::string description;
  int position = 0;  // order among siblings, ascending
  bool hidden = false;
};

struct MediaRecord {
  std::int64_t id = 0;
  std::string stored_name;  // server-generated file name under <data>/media
  std::string mime;
  std::int64_t byte_size = 0;
  int width = 0;
  int height = 0;
  std::string alt_text;
  UnixSeconds created_at = 0;
};

// Article states; the newsroom issue adds the transitions.
inline constexpr const char* kStatusDraft = "draft";
inline constexpr const char* kStatusPublished = "published";

struct ArticleRecord {
  std::int64_t id = 0;
  std::int64_t column_id = 0;
  std::string title;
  std::string author;
  std::string news_source;
  std::string status = kStatusDraft;
  std::optional<UnixSeconds> published_at;  // set once, when first published
  std::optional<std::int64_t> lead_media_id;
  std::string lead_caption;
  std::string body_md;     // empty in summaries
  bool is_sample = false;  // generated demo text, labelled on the page
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};

}  // namespace procura
