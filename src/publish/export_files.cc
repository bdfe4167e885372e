// The export's files on disk (see export_files.h), and the Exporter's
// passes over them: removing what no page stamps any more, unused media,
// writing the assets, copying the media pages link to.
#include "publish/export_files.h"

#include <mutex>

#include "content/media.h"
#include "publish/export_deps.h"
#include "publish/exporter.h"

namespace procura::publish {
namespace fs = std::filesystem;

// The /media/<name> URLs a page links to.
std::set<std::string> MediaLinks(std::string_view html) {
  std::set<std::string> out;
  for (const std::string& name : MediaFileNamesIn(html)) out.insert("/media/" + name);
  return out;
}

Status WriteWithVariants(const fs::path& file, const std::string& body, const std::string& type,
                         Codings codings, const CompressedVariants* ready) {
  PROCURA_RETURN_IF_ERROR(WriteFileAtomically(file, body));  // and its directories
  const CompressionLevels levels{kExportLevels.gzip, codings.brotli ? kExportLevels.brotli : -1};
  CompressedVariants v = !codings.gzip               ? CompressedVariants{}
                         : ready                     ? *ready
                         : IsCompressibleType(type) ? CompressVariants(body, levels)
                                                    : CompressedVariants{};
  if (!codings.brotli) v.brotli = nullptr;
  std::error_code ec;
  for (const auto& [suffix, bytes] : {std::pair{".gz", v.gzip}, std::pair{".br", v.brotli}}) {
    fs::path side = file;
    side += suffix;
    if (bytes) PROCURA_RETURN_IF_ERROR(WriteIntoExistingDir(side, *bytes));
    else fs::remove(side, ec);
  }
  return Status::Ok();
}

void RemoveWithVariants(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", ".gz", ".br"}) {
    fs::path f = file;
    f += suffix;
    fs::remove(f, ec);
  }
  // Drop directories the removal emptied ("articles/38/"), never the root.
  for (fs::path dir = file.parent_path(); dir != root && dir.string().size() > root.string().size();
       dir = dir.parent_path())
    if (!fs::remove(dir, ec)) break;  // not empty (or gone)
}

Status Exporter::DeleteUnstamped(ExportStats& stats) {
  for (;;) {
    auto gone = pages_->Unstamped(run_, kBatch);
    if (!gone.ok()) return gone.status();
    if (gone->empty()) return Status::Ok();
    PROCURA_RETURN_IF_ERROR(pages_->Begin());
    Status s;
    for (const std::string& url : *gone) {
      RemoveWithVariants(opt_.out, opt_.out / FileFor(url));
      NoteChanged(url);
      if (s.ok()) s = pages_->Erase(url, &unlinked_media_);
      ++stats.deleted;
    }
    Status committed = pages_->Commit();
    PROCURA_RETURN_IF_ERROR(s);
    PROCURA_RETURN_IF_ERROR(committed);
  }
}

Status Exporter::DeleteUnusedMedia(ExportStats& stats) {
  std::set<std::string> candidates(unlinked_media_.begin(), unlinked_media_.end());
  unlinked_media_.clear();
  PROCURA_RETURN_IF_ERROR(pages_->Begin());
  Status s;
  for (const std::string& url : candidates) {
    auto used = pages_->MediaInUse(url);
    if (!used.ok()) s = used.status();
    if (!s.ok()) break;
    if (*used) continue;
    RemoveWithVariants(opt_.out, opt_.out / FileFor(url));
    NoteChanged(url);
    s = pages_->RemoveMedia(url);
    media_.erase(url);  // no worker runs now
    ++stats.media_deleted;
  }
  Status committed = pages_->Commit();
  return s.ok() ? committed : s;
}

Status Exporter::WriteAssets(ExportStats& stats) {
  for (const auto& [rel, a] : in_.assets.all()) {
    for (const std::string& url : {"/static/" + rel, a.fingerprinted_url}) {
      const fs::path file = opt_.out / FileFor(url);
      std::error_code ec;
      if (state_.assets[url] == a.etag && fs::exists(file, ec)) continue;
      PROCURA_RETURN_IF_ERROR(WriteWithVariants(file, *a.body, a.mime, {opt_.precompress, opt_.brotli},
                                                &a.variants));
      state_.assets[url] = a.etag;
      NoteChanged(url);
      ++stats.other_files;
    }
  }
  return Status::Ok();
}

Status Exporter::CopyMedia(const std::set<std::string>& links, ExportStats& stats) {
  for (const std::string& url : links) {
    std::lock_guard lock(media_mu_);  // one copier at a time: media_
    const fs::path file = opt_.out / FileFor(url);
    std::error_code ec;
    if (media_.count(url) && fs::exists(file, ec)) continue;
    const fs::path from = opt_.media_dir / url.substr(7);
    if (!fs::exists(from, ec) && opt_.fetch_media) (void)opt_.fetch_media(url.substr(7));
    if (!fs::exists(from, ec)) continue;  // a broken link is the crawl check's to report
    PROCURA_RETURN_IF_ERROR(CopyFileAtomically(from, file));
    if (media_.insert(url).second) new_media_.push_back(url);
    NoteChanged(url);
    ++stats.other_files;
  }
  return Status::Ok();
}

}  // namespace procura::publish
