// Versioned schema migrations, embedded from migrations/NNNN_name.sql.
#pragma once

#include <string>
#include <vector>

namespace procura {

struct Migration {
  int version;       // NNNN of the file name; strictly increasing
  std::string name;  // file name without extension
  std::string sql;   // applied in one transaction
};

// Every migration known to this build, by ascending version.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace procura
