// Portal, the files it serves beside pages: fingerprinted assets (with
// their precompressed variants), the media library's published files (read
// once into a cache of their own; fetched from the shared store when
// uploaded on another node), and the health check.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "content/file_store.h"
#include "core/text.h"
#include "web/portal/portal.h"

namespace procura::web {
namespace {

using http::Request;
using http::Response;

bool IsSafeFileName(std::string_view name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
      return false;
  }
  return true;
}

}  // namespace

Response Portal::Static(const Request& req, const http::RouteParams& p) {
  bool immutable = false;
  const Asset* a = d_.assets.Find(p.at("path"), &immutable);
  if (!a) return NotFound(req);
  Response res =
      CachedResponse(req, 200, a->mime, a->body, a->etag,
                     immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
                     &a->variants);
  res.SetHeader("Last-Modified", FormatHttpDate(a->last_modified));
  return res;
}

Response Portal::Media(const Request& req, const http::RouteParams& p) {
  const std::string& name = p.at("name");
  if (!IsSafeFileName(name)) return NotFound(req);
  // Serve only what the library holds now and has made public: a deleted
  // file stays 404 even if its bytes are still cached, and a private one
  // (a meeting photo no published article has used) is for staff only.
  const std::string tag = "media:" + name;
  const MediaRecord* record = d_.content.Snapshot()->MediaByStoredName(name);
  if (!record || record->is_private) {
    media_files_.Invalidate(tag);
    return NotFound(req);
  }
  std::shared_ptr<const CachedPage> file = media_files_.Get(name);
  if (!file) {
    const std::uint64_t generation = media_files_.BeginRender();
    std::ifstream in(d_.media_dir / name, std::ios::binary);
    if (!in) {
      // Uploaded on another node: fetch the shared copy into this node's
      // data dir once (rare, and only where the database shares files).
      FileStore files(d_.storage, d_.media_dir.parent_path());
      if (!files.EnsureLocal(d_.media_dir.filename().string(), name).ok()) return NotFound(req);
      in.open(d_.media_dir / name, std::ios::binary);
      if (!in) return NotFound(req);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    CachedPage read{200, MimeForPath(name), std::make_shared<const std::string>(ss.str()),
                    EtagFor(ss.str())};
    media_files_.Put(name, read, {tag}, generation);
    file = std::make_shared<const CachedPage>(std::move(read));
  }
  // Stored names are server-generated and never reused: safe to cache hard.
  Response res = CachedResponse(req, 200, file->content_type, file->body, file->etag,
                                "public, max-age=31536000, immutable");
  const auto snap = d_.content.Snapshot();
  if (const MediaRecord* m = snap->MediaByStoredName(name); m && m->kind == "document") {
    // Documents download; never rendered by the browser.
    res.SetHeader("Content-Disposition", "attachment; filename=\"" + m->stored_name +
                                             "\"; filename*=UTF-8''" + UrlEncode(m->original_name));
  }
  return res;
}

Response Portal::Health(const Request&) {
  const Status db = d_.storage.Ping();
  const auto stats = d_.cache.stats();
  const auto snap = d_.content.Snapshot();
  std::string json = fmt::format(
      "{{\"status\":\"{}\",\"database\":\"{}\",\"schema_version\":{},\"articles\":{},"
      "\"page_cache\":{{\"entries\":{},\"hits\":{},\"misses\":{}}}}}\n",
      db.ok() ? "ok" : "degraded", db.ok() ? "ok" : JsonEscape(db.message()),
      d_.storage.SchemaVersion(), snap->ArticleCount(), stats.entries, stats.hits, stats.misses);
  Response res = Response::Text(db.ok() ? 200 : 503, std::move(json), "application/json");
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

}  // namespace procura::web
