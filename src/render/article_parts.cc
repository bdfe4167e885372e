// The article page's parts (see article_parts.h).
#include "render/article_parts.h"

#include <fmt/format.h>

#include <algorithm>

#include "content/image_sizes.h"
#include "content/markdown.h"
#include "core/text.h"

namespace procura {

namespace {
using kainjow::mustache::data;
data Bool(bool b) { return b ? TemplateTrue() : data(data::type::bool_false); }
}  // namespace

namespace {

// "URL 480w, URL 960w, …, ORIGINAL 2000w" from the library's sizes
// ("480:name-w480.jpg;960:…"); "" for an image without them.
std::string SrcSet(const MediaRecord& m) {
  std::string srcset;
  for (const auto& size : ImageSizes(m))
    srcset += MediaUrl(size.name) + " " + std::to_string(size.width) + "w, ";
  return srcset.empty() ? "" : srcset + MediaUrl(m.stored_name) + " " + std::to_string(m.width) + "w";
}

constexpr const char* kFigureSizes = "(min-width: 48rem) 48rem, 100vw";

}  // namespace

std::optional<TemplateData> LeadFigure(const PageContext& ctx, const ArticleRecord& a) {
  if (!a.lead_media_id) return std::nullopt;
  const MediaRecord* m = ctx.snap.MediaById(*a.lead_media_id);
  if (!m) return std::nullopt;
  data fig;
  fig.set("url", MediaUrl(m->stored_name));
  fig.set("alt", a.lead_alt.empty() ? m->alt_text : a.lead_alt);
  fig.set("width", std::to_string(m->width));
  fig.set("height", std::to_string(m->height));
  fig.set("caption", a.lead_caption);
  fig.set("has_caption", Bool(!a.lead_caption.empty()));
  if (const std::string srcset = SrcSet(*m); !srcset.empty()) {
    fig.set("srcset", srcset);
    fig.set("sizes", kFigureSizes);
  }
  return fig;
}

namespace {

constexpr std::string_view kMediaPrefix = "/media/";

// The library's record of the picture at `src`, if it is one.
const MediaRecord* LibraryImage(std::string_view src, const SiteSnapshot& snap) {
  if (!src.starts_with(kMediaPrefix)) return nullptr;
  const MediaRecord* m = snap.MediaByStoredName(src.substr(kMediaPrefix.size()));
  return m && m->kind == "image" && m->width > 0 ? m : nullptr;
}

// " width=… height=…[ srcset=… sizes=…] loading=… decoding=…".
std::string SizeAttributes(const MediaRecord& m, bool with_srcset) {
  std::string attrs = fmt::format(" width=\"{}\" height=\"{}\"", m.width, m.height);
  if (const std::string srcset = with_srcset ? SrcSet(m) : ""; !srcset.empty())
    attrs += fmt::format(" srcset=\"{}\" sizes=\"{}\"", srcset, kFigureSizes);
  return attrs + " loading=\"lazy\" decoding=\"async\"";
}

// One <img …> as cmark writes it: <img src="S" alt="A" title="T" />, the
// title only when the Markdown gave one. Offsets into the body.
struct ImageTag {
  std::size_t src_end = 0;    // the src value's closing quote
  std::size_t attrs_end = 0;  // where " />" starts
  std::size_t to = 0;         // one past '>'
  std::string_view src;
  std::string_view title;     // still escaped, as cmark wrote it
  std::size_t title_from = 0, title_to = 0;  // ` title="T"`, when there is one
};

std::optional<ImageTag> ReadImageTag(std::string_view html, std::size_t at) {
  static constexpr std::string_view kOpen = "<img src=\"", kTitle = " title=\"";
  ImageTag t;
  const std::size_t src_from = at + kOpen.size();
  t.src_end = html.find('"', src_from);
  const std::size_t close = t.src_end == std::string_view::npos ? t.src_end : html.find('>', t.src_end);
  if (close == std::string_view::npos) return std::nullopt;
  t.src = html.substr(src_from, t.src_end - src_from);
  t.to = close + 1;
  t.attrs_end = close;
  if (t.attrs_end > t.src_end && html[t.attrs_end - 1] == '/') --t.attrs_end;
  while (t.attrs_end > t.src_end + 1 && html[t.attrs_end - 1] == ' ') --t.attrs_end;
  // Attribute values are escaped (a '"' is &quot;), so the text below is
  // never inside the alt text.
  if (const std::size_t title = html.find(kTitle, t.src_end); title < t.attrs_end) {
    const std::size_t value = title + kTitle.size();
    t.title_from = title;
    t.title_to = html.find('"', value) + 1;
    t.title = html.substr(value, t.title_to - 1 - value);
  }
  return t;
}

}  // namespace

std::string ResponsiveBodyImages(std::string_view html, const SiteSnapshot& snap,
                                 std::string_view staff_files) {
  static constexpr std::string_view kOpen = "<img src=\"", kP = "<p>", kEndP = "</p>";
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = html.find(kOpen); at != std::string_view::npos; at = html.find(kOpen, at + 1)) {
    const std::optional<ImageTag> img = ReadImageTag(html, at);
    if (!img) break;
    const MediaRecord* m = LibraryImage(img->src, snap);
    const bool staff_copy = m && m->is_private && !staff_files.empty();
    const bool figure = !img->title.empty() && at >= kP.size() &&
                        html.substr(at - kP.size(), kP.size()) == kP &&
                        html.substr(img->to, kEndP.size()) == kEndP;
    if (!m && !figure) continue;
    out.append(html.substr(done, (figure ? at - kP.size() : at) - done));
    if (figure) out.append("<figure class=\"article-figure\">");
    out.append(kOpen);
    if (staff_copy)
      out.append(staff_files).append(img->src.substr(kMediaPrefix.size()));
    else
      out.append(img->src);
    // The alt text; the title too, unless it becomes the caption.
    if (figure) {
      out.append(html.substr(img->src_end, img->title_from - img->src_end));
      out.append(html.substr(img->title_to, img->attrs_end - img->title_to));
    } else {
      out.append(html.substr(img->src_end, img->attrs_end - img->src_end));
    }
    // Not a private picture's other sizes: their /media/ addresses answer
    // only once it is released.
    if (m) out.append(SizeAttributes(*m, /*with_srcset=*/!staff_copy));
    out.append(" />");
    if (figure) out.append("<figcaption>").append(img->title).append("</figcaption></figure>");
    done = img->to + (figure ? kEndP.size() : 0);
  }
  if (done == 0) return std::string(html);
  return out.append(html.substr(done));
}

TemplateData AttachmentList(const PageContext& ctx, std::int64_t article_id) {
  data files{data::type::list};
  for (const MediaRecord* m : ctx.snap.AttachmentsOf(article_id)) {
    data f;
    f.set("url", MediaUrl(m->stored_name));
    f.set("name", m->original_name.empty() ? m->stored_name : m->original_name);
    f.set("type", m->mime == "application/pdf" ? "PDF"
                  : m->kind == "image"          ? ctx.T("image")
                                                : ctx.T("document"));
    f.set("size", m->byte_size < 1024 * 1024
                      ? std::to_string((m->byte_size + 1023) / 1024) + " KB"
                      : std::to_string(m->byte_size / (1024 * 1024)) + " MB");
    files.push_back(f);
  }
  return files;
}

PageMeta ArticleMeta(const PageContext& ctx, const ArticleRecord& a) {
  PageMeta meta{.path = ctx.Url(ArticleUrl(a.id)),
                .description = MarkdownExcerpt(a.body_md, kMetaDescriptionChars),
                .is_article = true,
                .published = a.published_at,
                .modified = std::max(a.updated_at, a.published_at.value_or(0)),
                .column = ctx.snap.ColumnById(a.column_id)};
  if (a.lead_media_id)
    if (const MediaRecord* m = ctx.snap.MediaById(*a.lead_media_id)) {
      meta.image_path = MediaUrl(m->stored_name);
      meta.image_alt = a.lead_alt.empty() ? m->alt_text : a.lead_alt;
    }
  return meta;
}

}  // namespace procura
