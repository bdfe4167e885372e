// AssetTable: the files of static/, held in memory with a content hash.
// Each file is served under its plain name (short cache, revalidated by
// ETag) and under a fingerprinted name "name.<hash>.ext" (cached for a
// year, immutable). Templates link the fingerprinted names.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/compress.h"
#include "core/status.h"

namespace procura {

struct Asset {
  std::shared_ptr<const std::string> body;
  std::string mime;
  std::string etag;  // strong, quoted: "\"<hash>\""
  UnixSeconds last_modified = 0;
  std::string fingerprinted_url;  // "/static/css/site.3f2a1b9c0d.css"
  CompressedVariants variants;    // gzip and brotli, made at load for text types
};

// A 64-bit FNV-1a hash of `bytes` as 16 hex digits; used for fingerprints
// and ETags (not for security).
std::string ContentHash(std::string_view bytes);
// The same hash as a number.
std::uint64_t ContentHash64(std::string_view bytes);

// MIME type for a file name by its extension; "application/octet-stream"
// if unknown. Text types carry "; charset=utf-8".
std::string MimeForPath(std::string_view path);

class AssetTable {
 public:
  // Loads every regular file under `dir` (recursively). Files larger than
  // 8 MiB are refused with Invalid.
  static Result<AssetTable> Load(const std::filesystem::path& dir);

  // Looks up a path relative to /static/ ("css/site.css" or its
  // fingerprinted form). `immutable` tells which form matched.
  const Asset* Find(std::string_view rel_path, bool* immutable) const;

  // The fingerprinted URL for "css/site.css"; the plain URL if unknown.
  std::string Url(std::string_view rel_path) const;

  // Every asset with its path relative to /static/ ("css/site.css").
  const std::map<std::string, Asset, std::less<>>& all() const { return by_name_; }

 private:
  std::map<std::string, Asset, std::less<>> by_name_;
  std::map<std::string, std::string, std::less<>> fingerprinted_;  // → name
};

}  // namespace procura
