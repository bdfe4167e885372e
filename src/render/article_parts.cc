// The article page's parts (see article_parts.h).
#include "render/article_parts.h"

#include <fmt/format.h>

#include <algorithm>

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
  for (const auto& v : Split(m.variants, ';')) {
    const size_t colon = v.find(':');
    if (colon == std::string::npos) continue;
    srcset += MediaUrl(v.substr(colon + 1)) + " " + v.substr(0, colon) + "w, ";
  }
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

// The size, responsive sizes and lazy loading of a library picture at
// `src` (" width=… decoding=\"async\""); "" for any other address.
std::string LibraryImageAttributes(std::string_view src, const SiteSnapshot& snap) {
  static constexpr std::string_view kMedia = "/media/";
  if (!src.starts_with(kMedia)) return "";
  const MediaRecord* m = snap.MediaByStoredName(src.substr(kMedia.size()));
  if (!m || m->kind != "image" || m->width <= 0) return "";
  std::string attrs = fmt::format(" width=\"{}\" height=\"{}\"", m->width, m->height);
  if (const std::string srcset = SrcSet(*m); !srcset.empty())
    attrs += fmt::format(" srcset=\"{}\" sizes=\"{}\"", srcset, kFigureSizes);
  return attrs + " loading=\"lazy\" decoding=\"async\"";
}

// One <img …> as cmark writes it: <img src="S" alt="A" title="T" />, the
// title only when the Markdown gave one. Offsets into the body.
struct ImageTag {
  std::size_t from = 0;       // '<'
  std::size_t attrs_end = 0;  // where " />" starts
  std::size_t to = 0;         // one past '>'
  std::string_view src;
  std::string_view title;     // still escaped, as cmark wrote it
  std::size_t title_from = 0, title_to = 0;  // ` title="T"`, when there is one
};

std::optional<ImageTag> ReadImageTag(std::string_view html, std::size_t at) {
  static constexpr std::string_view kOpen = "<img src=\"", kTitle = " title=\"";
  ImageTag t{.from = at};
  const std::size_t src_from = at + kOpen.size();
  const std::size_t quote = html.find('"', src_from);
  const std::size_t close = quote == std::string_view::npos ? quote : html.find('>', quote);
  if (close == std::string_view::npos) return std::nullopt;
  t.src = html.substr(src_from, quote - src_from);
  t.to = close + 1;
  t.attrs_end = close;
  if (t.attrs_end > quote && html[t.attrs_end - 1] == '/') --t.attrs_end;
  while (t.attrs_end > quote + 1 && html[t.attrs_end - 1] == ' ') --t.attrs_end;
  // Attribute values are escaped (a '"' is &quot;), so the text below is
  // never inside the alt text.
  if (const std::size_t title = html.find(kTitle, quote); title < t.attrs_end) {
    const std::size_t value = title + kTitle.size();
    t.title_from = title;
    t.title_to = html.find('"', value) + 1;
    t.title = html.substr(value, t.title_to - 1 - value);
  }
  return t;
}

}  // namespace

std::string ResponsiveBodyImages(std::string_view html, const SiteSnapshot& snap) {
  static constexpr std::string_view kOpen = "<img src=\"", kP = "<p>", kEndP = "</p>";
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = html.find(kOpen); at != std::string_view::npos; at = html.find(kOpen, at + 1)) {
    const std::optional<ImageTag> img = ReadImageTag(html, at);
    if (!img) break;
    const std::string attrs = LibraryImageAttributes(img->src, snap);
    const bool alone = at >= kP.size() && html.substr(at - kP.size(), kP.size()) == kP &&
                       html.substr(img->to, kEndP.size()) == kEndP;
    if (alone && !img->title.empty()) {
      // A captioned picture on its own line: a figure, the title its caption.
      out.append(html.substr(done, at - kP.size() - done)).append("<figure class=\"article-figure\">");
      out.append(html.substr(at, img->title_from - at));
      out.append(html.substr(img->title_to, img->attrs_end - img->title_to)).append(attrs).append(" />");
      out.append("<figcaption>").append(img->title).append("</figcaption></figure>");
      done = img->to + kEndP.size();
    } else if (!attrs.empty()) {
      out.append(html.substr(done, img->attrs_end - done)).append(attrs);
      done = img->attrs_end;
    }
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
