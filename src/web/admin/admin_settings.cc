// The site settings page (/admin/settings): one form for the site's name,
// tagline, footer and description in both languages, the ICP number, the
// public address, the byline labels and robots.txt's disallowed paths, and
// the site's language until the first article is published.
#include "core/labels.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_system.h"

#include "content/site_settings.h"
#include "web/status_http.h"

namespace procura::web {
namespace {

// The form's inputs, by field name (for the error summary's links).
const std::map<std::string, std::string> kSettingsFieldIds = {
    {"name", "s-name"},
    {"tagline", "s-tagline"},
    {"footer_text", "s-footer"},
    {"description", "s-description"},
    {"second_name", "s-second-name"},
    {"second_tagline", "s-second-tagline"},
    {"second_footer_text", "s-second-footer"},
    {"second_description", "s-second-description"},
    {"icp", "s-icp"},
    {"public_url", "s-public-url"},
    {"robots_disallow", "s-robots"},
    {"site_code", "s-site-code"},
    {"police_filing", "s-police"},
    {"lang", "s-lang"}};

SiteSettingsInput SettingsFromForm(const http::Form& f) {
  SiteSettingsInput in;
  in.name = f.Get("name");
  in.tagline = f.Get("tagline");
  in.footer_text = f.Get("footer_text");
  in.description = f.Get("description");
  in.second_name = f.Get("second_name");
  in.second_tagline = f.Get("second_tagline");
  in.second_footer_text = f.Get("second_footer_text");
  in.second_description = f.Get("second_description");
  in.icp = f.Get("icp");
  in.public_url = f.Get("public_url");
  in.show_byline_labels = f.Get("show_byline_labels") == "1";
  in.robots_disallow = f.Get("robots_disallow");
  in.site_code = f.Get("site_code");
  in.police_filing = f.Get("police_filing");
  in.show_12309 = f.Get("show_12309") == "1";
  in.lang = f.Get("lang");
  return in;
}

}  // namespace

// The language part of the form: a choice of the primary language while no
// article has been published, and after that a sentence saying it is fixed.
void SystemAdmin::SetLanguageFields(const AdminContext& ctx, const SiteSettingsInput& in,
                                    TemplateData& body) {
  const SiteRecord& site = d_.content.Snapshot()->site();
  const std::string primary = d_.kit.T(ctx, LanguageLabel(site.lang));
  const std::string second = d_.kit.T(ctx, SecondLanguageLabel(site.lang));
  body.set("primary_language", primary);
  body.set("second_language", second);
  const std::string offset = FormatUtcOffset(site.utc_offset_minutes);
  auto can_change = d_.site_settings.LanguageCanChange();
  if (can_change.ok() && *can_change) {
    const std::string chosen = in.lang.empty() ? site.lang : in.lang;
    body.set("choose_language", TemplateTrue());
    TemplateData options(TemplateData::type::list);
    for (const auto& [value, endonym] : {std::pair{"zh-CN", "中文"}, {"en", "English"}}) {
      TemplateData o;  // each language by its own name, as language pickers are
      o.set("value", value);
      o.set("label", endonym);
      if (chosen == value) o.set("selected", TemplateTrue());
      options.push_back(o);
    }
    body.set("lang_options", options);
    body.set("fixed_settings",
             d_.kit.Tf(ctx, N_("Times are shown at {offset}."), {{"offset", offset}}));
    return;
  }
  body.set("fixed_settings",
           d_.kit.Tf(ctx,
                     N_("The site's language is {primary} and its second language {second}: "
                        "articles have been published, and their addresses depend on it. Times "
                        "are shown at {offset}."),
                     {{"primary", primary}, {"second", second}, {"offset", offset}}));
}

Response SystemAdmin::SettingsFormPage(const AdminContext& ctx, const SiteSettingsInput& in,
                                       const Status& error, int status) {
  data body;
  for (const auto& [k, v] : {std::pair{"name", &in.name},
                             {"tagline", &in.tagline},
                             {"footer_text", &in.footer_text},
                             {"description", &in.description},
                             {"second_name", &in.second_name},
                             {"second_tagline", &in.second_tagline},
                             {"second_footer_text", &in.second_footer_text},
                             {"second_description", &in.second_description},
                             {"icp", &in.icp},
                             {"public_url", &in.public_url},
                             {"robots_disallow", &in.robots_disallow},
                             {"site_code", &in.site_code},
                             {"police_filing", &in.police_filing}})
    body.set(k, *v);
  if (in.show_12309) body.set("show_12309", TemplateTrue());
  if (in.show_byline_labels) body.set("show_byline_labels", TemplateTrue());
  SetLanguageFields(ctx, in, body);
  d_.kit.SetFormErrors(ctx, error, kSettingsFieldIds, body);
  return d_.kit.Page(ctx, "admin_settings", std::move(body), N_("Site settings"), status);
}

Response SystemAdmin::SettingsPage(const Request&, const RouteParams&, AdminContext& ctx) {
  auto site = d_.site_settings.Current();  // a new site's until first saved
  if (!site.ok())
    return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, site.status()));
  return SettingsFormPage(ctx, SettingsOf(*site), Status::Ok(), 200);
}

Response SystemAdmin::SaveSettings(const Request& req, const RouteParams&, AdminContext& ctx) {
  const SiteSettingsInput in = SettingsFromForm(http::Form::Parse(req.body));
  Status s = d_.site_settings.Update(in, ctx.who(), ctx.actor);
  if (!s.ok()) return SettingsFormPage(ctx, in, s, HttpStatusFor(s));
  return AdminKit::Done("/admin/settings", "saved");
}

}  // namespace procura::web
