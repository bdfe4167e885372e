#include "render/assets.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace procura {
namespace {

std::string Fingerprint(const std::string& rel, const std::string& hash) {
  const size_t slash = rel.rfind('/');
  const size_t dot = rel.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return rel + "." + hash;
  return rel.substr(0, dot) + "." + hash + rel.substr(dot);
}

}  // namespace

std::uint64_t ContentHash64(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string ContentHash(std::string_view bytes) {
  return fmt::format("{:016x}", ContentHash64(bytes));
}

std::string MimeForPath(std::string_view path) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".pdf", "application/pdf"},
      {".doc", "application/msword"},
      {".xls", "application/vnd.ms-excel"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(path.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

Result<AssetTable> AssetTable::Load(const std::filesystem::path& dir) {
  AssetTable table;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    if (it->file_size() > 8 * 1024 * 1024)
      return Status::Invalid("static file too large: " + it->path().string());
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    // By the path's own names: a file linked in from elsewhere (Debian's
    // /usr/share/javascript, as a web package links it) keeps its name here.
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    const std::string hash = ContentHash(ss.str()).substr(0, 10);
    Asset a;
    a.body = std::make_shared<const std::string>(ss.str());
    a.mime = MimeForPath(rel);
    if (IsCompressibleType(a.mime)) a.variants = CompressVariants(*a.body, kAheadLevels);
    a.etag = "\"" + hash + "\"";
    a.last_modified = std::chrono::duration_cast<std::chrono::seconds>(
                          std::filesystem::last_write_time(it->path()).time_since_epoch() -
                          std::filesystem::file_time_type::clock::now().time_since_epoch() +
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    const std::string fp = Fingerprint(rel, hash);
    a.fingerprinted_url = "/static/" + fp;
    table.fingerprinted_[fp] = rel;
    table.by_name_[rel] = std::move(a);
  }
  if (ec) return Status::Io("cannot read static files from " + dir.string() + ": " + ec.message());
  return table;
}

const Asset* AssetTable::Find(std::string_view rel, bool* immutable) const {
  if (auto it = by_name_.find(rel); it != by_name_.end()) {
    *immutable = false;
    return &it->second;
  }
  if (auto it = fingerprinted_.find(rel); it != fingerprinted_.end()) {
    *immutable = true;
    return &by_name_.find(it->second)->second;
  }
  return nullptr;
}

std::string AssetTable::Url(std::string_view rel) const {
  auto it = by_name_.find(rel);
  return it == by_name_.end() ? "/static/" + std::string(rel) : it->second.fingerprinted_url;
}

}  // namespace procura
