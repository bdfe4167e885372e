// SiteSettingsService: what an administrator changes about the site as a
// whole in the newsroom: its name, tagline, footer and description in both
// languages, the ICP filing number, the public address, whether empty
// "Author:" / "News source:" labels are shown, and robots.txt's disallowed
// paths. The site's language (which one is served at /) can be chosen until
// the first article is published; after that it is fixed, as the pages'
// addresses depend on it. The time zone is fixed (+08:00 unless the data
// says otherwise): published dates depend on it.
//
// Each change is audited and recorded in the change log ("site"), so every
// node's pages, feeds and export follow it.
#pragma once

#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/events.h"
#include "storage/storage.h"

namespace procura {

// Limits, in characters (Unicode code points).
inline constexpr std::size_t kMaxSiteName = 100;
inline constexpr std::size_t kMaxSiteTagline = 200;
inline constexpr std::size_t kMaxSiteFooter = 500;
inline constexpr std::size_t kMaxSiteDescription = 300;
inline constexpr std::size_t kMaxIcp = 60;
inline constexpr std::size_t kMaxPublicUrl = 200;
inline constexpr std::size_t kMaxRobotsLines = 50;
inline constexpr std::size_t kMaxRobotsLine = 200;

struct SiteSettingsInput {
  std::string name, tagline, footer_text, description;
  std::string second_name, second_tagline, second_footer_text, second_description;
  std::string icp;
  std::string public_url;  // "" or http(s)://host[:port][/path], no query or fragment
  bool show_byline_labels = false;
  std::string robots_disallow;  // one path per line, each starting with '/'
  std::string site_code;        // 网站标识码: "" or 10 ASCII letters and digits
  std::string police_filing;    // 公安备案号, at most kMaxIcp characters
  bool show_12309 = false;
  std::string lang;  // the primary language, "zh-CN" or "en"; "" keeps the stored one
};

// The settings of a site that has none stored yet (a new installation):
// Chinese first, named "procura" until an administrator names it.
SiteRecord UnconfiguredSite();

// The settings as the form shows them.
SiteSettingsInput SettingsOf(const SiteRecord& site);

// Every problem in `in`, each naming its field (name, tagline, footer_text,
// description, second_*, icp, public_url, robots_disallow, lang); Ok if none.
// Line ends in robots_disallow may be "\r\n" or "\n".
Status ValidateSiteSettings(const SiteSettingsInput& in);

// True for "http(s)://host[:port][/path]" without query, fragment or spaces
// (after NormalizePublicUrl).
bool IsValidPublicUrl(std::string_view url);

// `url` without a trailing '/', lower-cased scheme and host; "" stays "".
std::string NormalizePublicUrl(std::string_view url);

class SiteSettingsService {
 public:
  SiteSettingsService(Storage& storage, auth::Audit& audit, EventBus& events)
      : storage_(storage), audit_(audit), events_(events) {}

  // The stored settings, or UnconfiguredSite() when none are stored yet.
  Result<SiteRecord> Current();

  // Whether the primary language may still change: no article has been
  // published (or published and withdrawn) yet.
  Result<bool> LanguageCanChange();

  // Denied unless `who` manages the site; Invalid (AllOf, with fields) for
  // bad input, nothing stored; Invalid on "lang" for a new language once an
  // article has been published. The first save of a new site stores it.
  // Audits "site.update" naming what changed.
  Status Update(const SiteSettingsInput& in, const auth::Principal& who, const auth::Actor& actor);

 private:
  Storage& storage_;
  auth::Audit& audit_;
  EventBus& events_;
};

}  // namespace procura
