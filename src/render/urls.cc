#include "render/urls.h"

#include <fmt/format.h>

namespace procura {

FontSize ParseFontSize(std::string_view s) {
  if (s == "small") return FontSize::kSmall;
  if (s == "medium") return FontSize::kMedium;
  if (s == "large") return FontSize::kLarge;
  return FontSize::kDefault;
}

std::string_view FontSizeName(FontSize f) {
  switch (f) {
    case FontSize::kSmall:
      return "small";
    case FontSize::kMedium:
      return "medium";
    case FontSize::kLarge:
      return "large";
    default:
      return "";
  }
}

std::string HomeUrl() { return "/"; }

std::string ColumnUrl(std::string_view slug, int archive) {
  if (archive < 1) return fmt::format("/columns/{}/", slug);
  return fmt::format("/columns/{}/page/{}/", slug, archive);
}

std::string ArticleUrl(std::int64_t id) { return fmt::format("/articles/{}/", id); }

std::string MediaUrl(std::string_view stored_name) { return fmt::format("/media/{}", stored_name); }

namespace {
// `text` on one line, each of `special` preceded by a backslash.
std::string EscapedLine(std::string_view text, std::string_view special) {
  std::string out;
  for (char c : text) {
    if (special.find(c) != std::string_view::npos) out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}
}  // namespace

std::string ImageMarkdown(std::string_view alt, std::string_view stored_name, std::string_view caption) {
  std::string out = "![" + EscapedLine(alt, "\\[]") + "](" + MediaUrl(stored_name);
  if (!caption.empty()) out += " \"" + EscapedLine(caption, "\\\"") + "\"";
  return out + ")";
}

std::string WithFontSize(std::string url, FontSize f) {
  if (f == FontSize::kDefault) return url;
  return url + "?fs=" + std::string(FontSizeName(f));
}

}  // namespace procura
