#include "render/page_layout.h"

#include "render/page_language.h"

namespace procura {

using kainjow::mustache::data;

const std::string& SiteNameIn(const PageContext& ctx) {
  const SiteRecord& site = ctx.snap.site();
  return SiteText(site, ctx.lang, site.name, site.second_name);
}

namespace {

data Bool(bool b) { return b ? TemplateTrue() : data(data::type::bool_false); }

// The site's own facts in the page's language: name, tagline, footer and
// the filing numbers (ICP, police, site code) with the police query link.
void SetSiteFacts(const PageContext& ctx, data& d) {
  const SiteRecord& site = ctx.snap.site();
  const bool second = ctx.lang != PrimaryLang(site);
  auto pick = [second](const std::string& primary, const std::string& other) -> const std::string& {
    return second && !other.empty() ? other : primary;
  };
  d.set("site_name", SiteNameIn(ctx));
  if (const auto& t = pick(site.tagline, site.second_tagline); !t.empty()) d.set("site_tagline", t);
  if (const auto& f = pick(site.footer_text, site.second_footer_text); !f.empty())
    d.set("footer_text", f);
  d.set("icp", site.icp);
  d.set("has_icp", Bool(!site.icp.empty()));
  d.set("police_filing", site.police_filing);
  d.set("has_police_filing", Bool(!site.police_filing.empty()));
  std::string digits;  // the national query takes the number's digits
  for (char c : site.police_filing)
    if (c >= '0' && c <= '9') digits += c;
  d.set("police_filing_url", "https://beian.mps.gov.cn/#/query/webSearch?code=" + digits);
  d.set("site_code", site.site_code);
  d.set("has_site_code", Bool(!site.site_code.empty()));
}

// The reader's view: font size and the elderly-friendly switch, a plain
// link (works without JavaScript) whose answer remembers the choice in a
// cookie; site.js switches in place with both labels (so it works on a
// static export too).
void SetViewChoices(const PageContext& ctx, data& d) {
  std::string classes;
  if (ctx.font_size != FontSize::kDefault)
    classes = "fs-" + std::string(FontSizeName(ctx.font_size));
  if (ctx.care) classes += classes.empty() ? "care" : " care";
  if (!classes.empty()) d.set("fs_class", classes);
  d.set("care_url", ctx.care ? "?care=0" : "?care=1");
  d.set("care_label", ctx.care ? ctx.T("Standard view") : ctx.T("Elderly-friendly view"));
  d.set("care_label_on", ctx.T("Standard view"));  // shown while the mode is on
  d.set("care_label_off", ctx.T("Elderly-friendly view"));
  if (ctx.care) d.set("care_on", TemplateTrue());
}

// The switch to the other language, named in that language, and the
// pages' rel="alternate" pair.
void SetLanguageLinks(const PageContext& ctx, const OtherLanguagePage& other, data& d) {
  const i18n::Lang other_lang = i18n::Other(ctx.lang);
  d.set("switch_url", ctx.OtherUrl(other.other_path));
  d.set("switch_lang", std::string(i18n::Tag(other_lang)));
  d.set("switch_label", other_lang == i18n::Lang::kZh ? "中文" : "English");
  if (!other.alternate) return;
  data alternates{data::type::list};
  for (const auto& [tag, url] : {std::pair(std::string(ctx.LangTag()), ctx.Url(other.self_path)),
                                 std::pair(std::string(i18n::Tag(other_lang)),
                                           ctx.OtherUrl(other.other_path))}) {
    data a;
    a.set("hreflang", tag);
    a.set("href", url);
    alternates.push_back(a);
  }
  d.set("alternates", alternates);
}

// Home and the top columns, `current_top_column` marked (0: Home, -1:
// none) as the page itself when `exact`, else as its section.
data Navigation(const PageContext& ctx, std::int64_t current_top_column, bool exact) {
  data nav{data::type::list};
  data home;
  home.set("name", ctx.T("Home"));
  home.set("url", ctx.Url("/"));
  home.set("current", Bool(current_top_column == 0));
  home.set("current_value", "page");
  nav.push_back(home);
  for (const ColumnRecord* c : ctx.snap.top_columns()) {
    data item;
    item.set("name", ctx.ColumnNameOf(*c));
    item.set("url", ctx.Url(ColumnUrl(c->slug)));
    item.set("current", Bool(c->id == current_top_column));
    item.set("current_value", exact ? "page" : "true");
    nav.push_back(item);
  }
  return nav;
}

}  // namespace

data LayoutData(const PageContext& ctx, const std::string& title, std::int64_t current_top_column,
                bool exact, const OtherLanguagePage& other) {
  data d;
  SetSiteFacts(ctx, d);
  d.set("lang", std::string(ctx.LangTag()));
  d.set("home_url", ctx.Url("/"));
  d.set("search_url", ctx.Url("/search"));
  d.set("mailbox_url", ctx.Url("/mailbox/"));  // proxied to a node by a static site
  const std::string& site_name = SiteNameIn(ctx);
  d.set("page_title", title.empty() ? site_name : title + " - " + site_name);
  d.set("og_title", title.empty() ? site_name : title);
  d.set("css_url", ctx.assets.Url("css/site.css"));
  d.set("print_css_url", ctx.assets.Url("css/print.css"));
  d.set("js_url", ctx.assets.Url("js/site.js"));
  d.set("logo_url", ctx.assets.Url("img/emblem.svg"));
  SetViewChoices(ctx, d);
  SetLanguageLinks(ctx, other, d);
  d.set("nav", Navigation(ctx, current_top_column, exact));
  return d;
}

}  // namespace procura
