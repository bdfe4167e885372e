// What an exported page records it depends on, and when a list page a
// change reached must be rebuilt: the rules that keep an incremental
// export to the pages a change affects.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "publish/export_pages.h"
#include "publish/export_targets.h"

namespace procura::publish {

// The dependency tags recorded for target `t` built from `snap`, given the
// tags its render reported (`deps`). An article page: its own article, its
// translation and the two neighbours it links to, not its whole column (a
// publish would rebuild every page of the column; a new neighbour is found
// by Apply). A list page: also the ids it lists ("article:N").
std::string StoredDeps(const Target& t, const SiteSnapshot& snap, std::vector<std::string> deps);

// Whether a built list page, which a batch's column tags reached, must be
// rebuilt: when something it shows changed (`shown`: the batch's tags but
// the columns' own, such as an article it lists), or when the changes
// moved which articles it lists. An edit of one article then rebuilds one
// list page of its column, not every one (a column of 200,000 articles has
// 10,000).
bool ListPageChanged(const Target& t, const PageRow& built, const SiteSnapshot& after,
                     const std::set<std::string, std::less<>>& shown);

}  // namespace procura::publish
