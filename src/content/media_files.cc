#include "content/media_files.h"

#include <cerrno>

#include <unistd.h>

#include <fcntl.h>

#include <vips/vips.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "core/text.h"

namespace procura {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string LowerExt(std::string_view name) {
  const size_t dot = name.rfind('.');
  std::string ext(dot == std::string_view::npos ? "" : name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

struct Unref {
  void operator()(VipsImage* i) const { g_object_unref(i); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// `what` is a msgid with a {detail} placeholder for libvips's own words.
Status VipsError(const char* what) {
  std::string detail = vips_error_buffer();
  vips_error_clear();
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  return Status::Invalid(what, {{"detail", detail}});
}

Result<std::string> Save(VipsImage* img, const FileType& type) {
  void* buf = nullptr;
  size_t len = 0;
  int rc = -1;
  if (type.mime == "image/jpeg") {
    rc = vips_jpegsave_buffer(img, &buf, &len, "Q", 85, "strip", TRUE, "optimize_coding", TRUE,
                              nullptr);
  } else if (type.mime == "image/png") {
    rc = vips_pngsave_buffer(img, &buf, &len, "strip", TRUE, "compression", 6, nullptr);
  } else if (type.mime == "image/webp") {
    rc = vips_webpsave_buffer(img, &buf, &len, "Q", 85, "strip", TRUE, nullptr);
  }
  if (rc != 0) return VipsError(N_("The image cannot be saved ({detail})."));
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

}  // namespace

std::optional<FileType> SniffFileType(std::string_view b, std::string_view client_name) {
  if (StartsWith(b, "\xFF\xD8\xFF")) return FileType{"image/jpeg", ".jpg", true};
  if (StartsWith(b, "\x89PNG\r\n\x1A\n")) return FileType{"image/png", ".png", true};
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP")
    return FileType{"image/webp", ".webp", true};
  if (StartsWith(b, "%PDF-")) return FileType{"application/pdf", ".pdf", false};
  if (StartsWith(b, std::string_view("PK\x03\x04", 4))) {
    if (b.find("word/document.xml") != std::string_view::npos)
      return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      ".docx", false};
    if (b.find("xl/workbook.xml") != std::string_view::npos)
      return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx",
                      false};
    return std::nullopt;  // some other zip
  }
  if (StartsWith(b, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    const std::string ext = LowerExt(client_name);
    if (ext == ".xls") return FileType{"application/vnd.ms-excel", ".xls", false};
    return FileType{"application/msword", ".doc", false};
  }
  return std::nullopt;
}

Status InitImaging() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] {
    ok = VIPS_INIT("procura") == 0;
    if (ok) {
      vips_block_untrusted_set(TRUE);
      vips_concurrency_set(1);
      vips_cache_set_max(0);
    }
  });
  return ok ? Status::Ok() : Status::Internal("libvips failed to start");
}

Result<ProcessedImage> ReencodeImage(std::string_view bytes, const FileType& type) {
  PROCURA_RETURN_IF_ERROR(InitImaging());
  Image in(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                      VIPS_ACCESS_SEQUENTIAL, "fail", TRUE, nullptr));
  if (!in) return VipsError(N_("The image file cannot be read; it may be damaged ({detail})."));
  const int w = vips_image_get_width(in.get()), h = vips_image_get_height(in.get());
  if (w <= 0 || h <= 0 || w > kMaxImageSide || h > kMaxImageSide ||
      static_cast<long>(w) * h > kMaxImagePixels) {
    return Status::Invalid(N_("The image is too large: at most 12000 pixels a side and 50 megapixels."));
  }
  VipsImage* rotated_raw = nullptr;
  if (vips_autorot(in.get(), &rotated_raw, nullptr) != 0)
    return VipsError(N_("The image cannot be turned upright ({detail})."));
  Image rotated(rotated_raw);
  ProcessedImage out;
  auto main = Save(rotated.get(), type);
  if (!main.ok()) return main.status();
  out.bytes = std::move(main).value();
  out.width = vips_image_get_width(rotated.get());
  out.height = vips_image_get_height(rotated.get());
  for (int vw : kVariantWidths) {
    if (vw >= out.width) break;
    // Decode again: sequential access reads the source once per pipeline.
    VipsImage* thumb_raw = nullptr;
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &thumb_raw, vw,
                              "height", 100000, nullptr) != 0)
      return VipsError(N_("A smaller size of the image cannot be made ({detail})."));
    Image thumb(thumb_raw);
    auto encoded = Save(thumb.get(), type);
    if (!encoded.ok()) return encoded.status();
    out.variants.push_back({vw, std::move(encoded).value()});
  }
  return out;
}

Status WriteFileDurably(const std::string& dir, const std::string& name, std::string_view bytes) {
  const std::string final_path = dir + "/" + name;
  const std::string tmp = dir + "/." + name + ".tmp";
  const int fd = ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Io("cannot write to " + dir);
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return err == ENOSPC || err == EDQUOT ? Status::NoSpace(N_("The disk is full. Tell the administrator."))
                                          : Status::Io("cannot write to " + dir);
  };
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(n < 0 ? errno : ENOSPC);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(errno);
  ::close(fd);
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status::Io("cannot store the file");
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {  // make the rename itself durable
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

std::string SanitizeFileName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`')
      continue;
    out += static_cast<char>(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (!IsValidUtf8(out)) out = "file";
  out = Utf8Prefix(out, 120);
  return out.empty() ? "file" : out;
}

}  // namespace procura
