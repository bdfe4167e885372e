// The export's files on disk: a page or asset written atomically with its
// precompressed variants beside it, a page's files removed (and the
// directories that leaves empty), and the media a page links to.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "core/compress.h"
#include "core/status.h"

namespace procura::publish {

// Which variants an export writes.
struct Codings {
  bool gzip = true, brotli = true;
};

// Writes `body` to `file` (creating its directories) and the .gz and .br
// that `codings` asks for, from `ready` when given, else compressed here
// when `type` is worth it; a variant not wanted is removed. Each file is
// written to a temporary name and renamed into place.
Status WriteWithVariants(const std::filesystem::path& file, const std::string& body,
                         const std::string& type, Codings codings,
                         const CompressedVariants* ready = nullptr);

// Removes `file` and its variants, then the directories under `root` that
// the removal left empty.
void RemoveWithVariants(const std::filesystem::path& root, const std::filesystem::path& file);

// The /media/<name> URLs a page links to.
std::set<std::string> MediaLinks(std::string_view html);

}  // namespace procura::publish
