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

std::string ResponsiveBodyImages(std::string_view html, const SiteSnapshot& snap) {
  // cmark writes an image as <img src="URL" alt="…" /> (a title after).
  static constexpr std::string_view kOpen = "<img src=\"/media/";
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = html.find(kOpen); at != std::string_view::npos; at = html.find(kOpen, at + 1)) {
    const std::size_t name_from = at + kOpen.size();
    const std::size_t quote = html.find('"', name_from);
    const std::size_t close = quote == std::string_view::npos ? quote : html.find('>', quote);
    if (close == std::string_view::npos) break;
    const MediaRecord* m = snap.MediaByStoredName(html.substr(name_from, quote - name_from));
    if (!m || m->kind != "image" || m->width <= 0) continue;
    std::string attrs = fmt::format(" width=\"{}\" height=\"{}\"", m->width, m->height);
    if (const std::string srcset = SrcSet(*m); !srcset.empty())
      attrs += fmt::format(" srcset=\"{}\" sizes=\"{}\"", srcset, kFigureSizes);
    attrs += " loading=\"lazy\" decoding=\"async\"";
    // Before " />" (or ">"), so that the tag stays well formed.
    std::size_t insert_at = close;
    if (insert_at > quote && html[insert_at - 1] == '/') --insert_at;
    while (insert_at > quote + 1 && html[insert_at - 1] == ' ') --insert_at;
    out.append(html.substr(done, insert_at - done)).append(attrs);
    done = insert_at;
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
