// PostgreSQL's own migration set, embedded from postgres/migrations/*.sql.
// A migration containing the line "-- procura:contract" removes or renames
// something older builds use; every other migration only expands the
// schema, so nodes of the previous release keep serving while it runs.
#pragma once

#include "storage/migrations.h"

namespace procura::postgres {

// Every PostgreSQL migration known to this build, by ascending version.
const std::vector<Migration>& EmbeddedPostgresMigrations();

}  // namespace procura::postgres
