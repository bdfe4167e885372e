// The portal's URL scheme, in one place. URLs are stable: they depend on a
// column's slug and an article's id, never on titles or dates.
//   /                          home
//   /columns/{slug}/           a column, page 1
//   /columns/{slug}/page/{n}/  a column, page n (n >= 2)
//   /articles/{id}/            an article
//   /media/{stored_name}       an uploaded file
//   /static/{path}             a static asset (fingerprinted names too)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace procura {

// The body font size a reader picked; kDefault means none was asked for.
enum class FontSize { kDefault, kSmall, kMedium, kLarge };

// "small" / "medium" / "large" → FontSize; anything else → kDefault.
FontSize ParseFontSize(std::string_view s);
// kSmall → "small" etc.; kDefault → "".
std::string_view FontSizeName(FontSize f);

std::string HomeUrl();
// A column's first page, or (`archive` ≥ 1) its archive page
// "/columns/SLUG/page/N/" (see render/pagination.h).
std::string ColumnUrl(std::string_view slug, int archive = 0);
std::string ArticleUrl(std::int64_t id);
std::string MediaUrl(std::string_view stored_name);
// The Markdown that shows image `stored_name` in an article's body:
// "![alt](/media/NAME)", the alt text's newlines made spaces and its
// backslashes and brackets escaped, so that any text stays one image.
// With a `caption`: "![alt](/media/NAME "caption")", its backslashes and
// quotes escaped; alone in its paragraph it is drawn as a figure with that
// caption (ResponsiveBodyImages, article_parts.h).
std::string ImageMarkdown(std::string_view alt, std::string_view stored_name,
                          std::string_view caption = {});
// `url` with "?fs=NAME" appended when `f` is not kDefault.
std::string WithFontSize(std::string url, FontSize f);

}  // namespace procura
