// Uploaded files: type detection by content (never by name) and image
// re-encoding with libvips, which drops metadata (EXIF, GPS) and anything
// appended to the image data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura {

struct FileType {
  std::string mime;  // "image/jpeg", "application/pdf", ...
  std::string ext;   // ".jpg", ".pdf", ...
  bool image = false;
};

// The type of `bytes` by its magic numbers: JPEG, PNG, WebP, PDF,
// DOCX/XLSX (zip with word/ or xl/ parts), DOC/XLS (OLE2; the two are told
// apart by `client_name`'s extension, the content being checked as OLE2).
// nullopt for anything else.
std::optional<FileType> SniffFileType(std::string_view bytes, std::string_view client_name);

// Starts libvips for untrusted input: blocks untrusted loaders and keeps
// its thread pool small. Call once at start.
Status InitImaging();

struct ImageVariant {
  int width = 0;
  std::string bytes;
};

struct ProcessedImage {
  std::string bytes;  // re-encoded, metadata stripped, upright
  int width = 0, height = 0;
  std::vector<ImageVariant> variants;  // smaller widths for srcset
};

inline constexpr int kMaxImageSide = 12000;
inline constexpr long kMaxImagePixels = 50'000'000;
inline constexpr int kVariantWidths[] = {480, 960, 1600};

// Decodes `bytes` (of sniffed type `type`), rotates it upright, and
// re-encodes it in the same format without metadata, plus narrower
// variants. Invalid with a reason for undecodable or oversized images.
Result<ProcessedImage> ReencodeImage(std::string_view bytes, const FileType& type);

// Writes `bytes` to `dir`/`name` so that it survives power loss: a
// temporary file (0600) written in full and fsynced, renamed into place,
// then the directory fsynced. NoSpace when the disk is full; Io otherwise.
Status WriteFileDurably(const std::string& dir, const std::string& name, std::string_view bytes);

// A display-safe version of a client's file name: the last path segment,
// no control characters or quotes, at most 120 characters; "file" if empty.
std::string SanitizeFileName(std::string_view client_name);

}  // namespace procura
