#include "render/page_meta.h"

#include "core/text.h"
#include "render/feeds.h"

namespace procura {
namespace {

using kainjow::mustache::data;

data FeedLink(const std::string& type, const std::string& title, const std::string& href) {
  data f;
  f.set("type", type);
  f.set("title", title);
  f.set("href", href);
  return f;
}

}  // namespace

void SetPageMeta(const PageContext& ctx, const PageMeta& meta, TemplateData& layout) {
  const SiteRecord& site = ctx.snap.site();
  const std::string& site_name = SiteText(site, ctx.lang, site.name, site.second_name);
  std::string description = meta.description;
  if (description.empty()) description = SiteText(site, ctx.lang, site.description, site.second_description);
  if (description.empty()) description = site_name;
  description = Utf8Prefix(description, kMetaDescriptionChars);
  const std::string canonical = AbsoluteUrl(site, meta.path);
  layout.set("meta_description", description);
  layout.set("canonical_url", canonical);
  layout.set("og_type", meta.is_article ? "article" : "website");
  layout.set("og_url", canonical);
  layout.set("og_locale", ctx.lang == i18n::Lang::kZh ? "zh_CN" : "en_US");
  layout.set("og_site_name", site_name);
  if (!meta.image_path.empty()) {
    layout.set("og_image", AbsoluteUrl(site, meta.image_path));
    layout.set("og_image_alt", meta.image_alt);
  }
  layout.set("twitter_card", meta.image_path.empty() ? "summary" : "summary_large_image");
  const int utc = 0;
  if (meta.published) layout.set("published_time", FormatRfc3339(*meta.published, utc));
  if (meta.modified) layout.set("modified_time", FormatRfc3339(*meta.modified, utc));
  const std::string prefix = LangPrefix(site, ctx.lang);
  data feeds{data::type::list};
  feeds.push_back(FeedLink("application/rss+xml", site_name + " (RSS)", prefix + "/feed.xml"));
  feeds.push_back(FeedLink("application/atom+xml", site_name + " (Atom)", prefix + "/atom.xml"));
  if (meta.column) {
    const std::string name = ctx.ColumnNameOf(*meta.column) + " - " + site_name;
    const std::string base = prefix + "/columns/" + meta.column->slug;
    feeds.push_back(FeedLink("application/rss+xml", name + " (RSS)", base + "/feed.xml"));
    feeds.push_back(FeedLink("application/atom+xml", name + " (Atom)", base + "/atom.xml"));
  }
  layout.set("feeds", feeds);
}

}  // namespace procura
