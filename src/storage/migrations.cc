#include "storage/migrations.h"
#include "storage/storage.h"

namespace procura {

int LatestSchemaVersion() {
  const auto& all = EmbeddedMigrations();
  return all.empty() ? 0 : all.back().version;
}

}  // namespace procura
