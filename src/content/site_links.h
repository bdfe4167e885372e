// Which site paths resolve to something public: a published article, a
// visible column, a stored media file, or one of the site's own pages.
// Used by the submit-time link check and by the self-inspection.
#pragma once

#include <string_view>

#include "safety/links.h"
#include "storage/storage.h"

namespace procura {

// A LinkCheck whose `resolves` reads `storage` (lists loaded once, here;
// articles looked up per link) and whose own origin is the site's public
// address. `probe` is left unset: the caller decides about external links.
Result<safety::LinkCheck> SiteLinkCheck(Storage& storage);

}  // namespace procura
