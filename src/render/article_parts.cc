// The article page's parts (see article_parts.h).
#include "render/article_parts.h"

#include <algorithm>

#include "content/markdown.h"
#include "core/text.h"

namespace procura {

namespace {
using kainjow::mustache::data;
data Bool(bool b) { return b ? TemplateTrue() : data(data::type::bool_false); }
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
  std::string srcset;  // the library's sizes ("480:name-w480.jpg;960:…"), then the original
  for (const auto& v : Split(m->variants, ';')) {
    const size_t colon = v.find(':');
    if (colon == std::string::npos) continue;
    srcset += MediaUrl(v.substr(colon + 1)) + " " + v.substr(0, colon) + "w, ";
  }
  if (!srcset.empty()) {
    fig.set("srcset", srcset + MediaUrl(m->stored_name) + " " + std::to_string(m->width) + "w");
    fig.set("sizes", "(min-width: 48rem) 48rem, 100vw");
  }
  return fig;
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
