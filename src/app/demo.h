// Loads the demo content (data/demo/) into an empty database: the site,
// the columns of a procuratorate's portal, the seed article with its
// placeholder lead image, and labelled sample articles.
#pragma once

#include <filesystem>

#include "core/status.h"
#include "storage/storage.h"

namespace procura::app {

struct DemoResult {
  bool loaded = false;  // false: the database already had content
  int columns = 0;
  int articles = 0;
};

// Loads `demo_dir`/demo.json into `storage` in one transaction and copies
// media into `media_dir` under server-generated names. A no-op returning
// loaded=false if the database is not empty. Invalid (naming the field) on
// a malformed demo file; nothing is written then.
Result<DemoResult> LoadDemo(Storage& storage, const std::filesystem::path& demo_dir,
                            const std::filesystem::path& media_dir);

}  // namespace procura::app
