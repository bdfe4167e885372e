// SiteSettingsService: what an administrator changes about the site as a
// whole in the newsroom: its name, tagline, footer and description in both
// languages, the ICP filing number, the public address, whether empty
// "Author:" / "News source:" labels are shown, and robots.txt's disallowed
// paths. The site's language and time zone are fixed at installation and
// not changed here (articles and dates depend on them).
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
};

// The settings as the form shows them.
SiteSettingsInput SettingsOf(const SiteRecord& site);

// Every problem in `in`, each naming its field (name, tagline, footer_text,
// description, second_*, icp, public_url, robots_disallow); Ok if none.
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

  // Denied unless `who` manages the site; Invalid (AllOf, with fields) for
  // bad input, nothing stored. Audits "site.update" naming what changed.
  Status Update(const SiteSettingsInput& in, const auth::Principal& who, const auth::Actor& actor);

 private:
  Storage& storage_;
  auth::Audit& audit_;
  EventBus& events_;
};

}  // namespace procura
