#include "content/site_settings.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"

namespace procura {
namespace {

bool HasControl(std::string_view s, bool allow_newline) {
  return std::any_of(s.begin(), s.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (allow_newline && (c == '\n' || c == '\r')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

// A required or optional line of text of at most `max` characters.
void CheckText(std::vector<Status>& out, std::string_view field, std::string_view value,
               std::size_t max, bool required, bool multiline = false) {
  if (!IsValidUtf8(value) || HasControl(value, multiline)) {
    out.push_back(Status::Invalid(N_("This text contains characters that cannot be shown."))
                      .WithField(std::string(field)));
  } else if (required && value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.push_back(Status::Invalid(N_("Give the site a name.")).WithField(std::string(field)));
  } else if (Utf8Length(value) > max) {
    out.push_back(Status::Invalid(N_("At most {max} characters; this has {n}."),
                                  {{"max", std::to_string(max)},
                                   {"n", std::to_string(Utf8Length(value))}})
                      .WithField(std::string(field)));
  }
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == ':' || c == '[' || c == ']';
}

void CheckRobots(std::vector<Status>& out, std::string_view text) {
  std::size_t lines = 0;
  for (std::string line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(' ') == std::string::npos) continue;
    ++lines;
    const bool ok = line.front() == '/' && line.size() <= kMaxRobotsLine &&
                    std::none_of(line.begin(), line.end(), [](char c) {
                      return c == ' ' || c == '#' || static_cast<unsigned char>(c) < 0x21 ||
                             static_cast<unsigned char>(c) == 0x7f;
                    });
    if (!ok) {
      out.push_back(Status::Invalid(N_("Each line is one path that starts with '/', without spaces, "
                                       "of at most {max} characters: '{line}' is not."),
                                    {{"max", std::to_string(kMaxRobotsLine)},
                                     {"line", Utf8Prefix(line, 60)}})
                        .WithField("robots_disallow"));
      return;
    }
  }
  if (lines > kMaxRobotsLines)
    out.push_back(Status::Invalid(N_("At most {max} paths; this has {n}."),
                                  {{"max", std::to_string(kMaxRobotsLines)},
                                   {"n", std::to_string(lines)}})
                      .WithField("robots_disallow"));
}

}  // namespace

bool IsValidPublicUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) rest = url.substr(8);
  else if (url.starts_with("http://")) rest = url.substr(7);
  else return false;
  const auto slash = rest.find('/');
  const std::string_view host = rest.substr(0, slash);
  if (host.empty() || !std::all_of(host.begin(), host.end(), IsHostChar)) return false;
  const std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  return std::none_of(path.begin(), path.end(), [](char c) {
    return c == '?' || c == '#' || c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' ||
           static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) >= 0x7f;
  });
}

SiteSettingsInput SettingsOf(const SiteRecord& s) {
  return {s.name,           s.tagline,          s.footer_text, s.description,
          s.second_name,    s.second_tagline,   s.second_footer_text,
          s.second_description, s.icp, s.public_url, s.show_byline_labels, s.robots_disallow,
          s.site_code, s.police_filing, s.show_12309, s.lang};
}

SiteRecord UnconfiguredSite() {
  SiteRecord s;
  s.name = "procura";
  s.lang = "zh-CN";
  s.utc_offset_minutes = 480;
  return s;
}

std::string NormalizePublicUrl(std::string_view url) {
  std::string out(url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  const auto host_end = out.find('/', out.find("://") == std::string::npos ? 0 : out.find("://") + 3);
  std::transform(out.begin(), host_end == std::string::npos ? out.end() : out.begin() + host_end,
                 out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status ValidateSiteSettings(const SiteSettingsInput& in) {
  std::vector<Status> problems;
  CheckText(problems, "name", in.name, kMaxSiteName, true);
  CheckText(problems, "tagline", in.tagline, kMaxSiteTagline, false);
  CheckText(problems, "footer_text", in.footer_text, kMaxSiteFooter, false, true);
  CheckText(problems, "description", in.description, kMaxSiteDescription, false, true);
  CheckText(problems, "second_name", in.second_name, kMaxSiteName, false);
  CheckText(problems, "second_tagline", in.second_tagline, kMaxSiteTagline, false);
  CheckText(problems, "second_footer_text", in.second_footer_text, kMaxSiteFooter, false, true);
  CheckText(problems, "second_description", in.second_description, kMaxSiteDescription, false,
            true);
  CheckText(problems, "icp", in.icp, kMaxIcp, false);
  if (!in.public_url.empty() &&
      (in.public_url.size() > kMaxPublicUrl || !IsValidPublicUrl(NormalizePublicUrl(in.public_url))))
    problems.push_back(
        Status::Invalid(N_("Give the address as http:// or https:// and the host name, such as "
                           "https://www.example.gov.cn, at most {max} characters, without '?' or '#'."),
                        {{"max", std::to_string(kMaxPublicUrl)}})
            .WithField("public_url"));
  CheckRobots(problems, in.robots_disallow);
  CheckText(problems, "police_filing", in.police_filing, kMaxIcp, false);
  const bool code_ok = in.site_code.empty() ||
                       (in.site_code.size() == 10 &&
                        std::all_of(in.site_code.begin(), in.site_code.end(), [](unsigned char c) {
                          return std::isalnum(c) != 0;
                        }));
  if (!code_ok)
    problems.push_back(Status::Invalid(N_("The site identification code has 10 letters or digits, "
                                          "as the 网站标识码 you were given."))
                           .WithField("site_code"));
  if (!in.lang.empty() && in.lang != "zh-CN" && in.lang != "en")
    problems.push_back(Status::Invalid(N_("Choose Chinese or English.")).WithField("lang"));
  return Status::AllOf(std::move(problems));
}

namespace {

// The stored settings, or a new site's when none are stored.
Result<SiteRecord> SiteOrNew(Storage& storage) {
  auto site = storage.content().GetSite();
  if (site.ok() || site.status().code() != Status::Code::kNotFound) return site;
  return UnconfiguredSite();
}

// Whether any article has been public: its address depends on the language.
Result<bool> AnyPublished(Storage& storage) {
  for (const char* status : {"published", "withdrawn"}) {
    ArticleFilter f;
    f.status = status;
    auto n = storage.articles().CountArticles(f);
    if (!n.ok()) return n.status();
    if (*n > 0) return true;
  }
  return false;
}

}  // namespace

Result<SiteRecord> SiteSettingsService::Current() { return SiteOrNew(storage_); }

Result<bool> SiteSettingsService::LanguageCanChange() {
  auto published = AnyPublished(storage_);
  if (!published.ok()) return published.status();
  return !*published;
}

Status SiteSettingsService::Update(const SiteSettingsInput& in, const auth::Principal& who,
                                   const auth::Actor& actor) {
  if (!auth::Can(who, auth::Action::kManageSite))
    return Status::Denied(N_("Only administrators change the site settings."));
  PROCURA_RETURN_IF_ERROR(ValidateSiteSettings(in));
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto site = SiteOrNew(tx);
    if (!site.ok()) return site.status();
    SiteRecord next = *site;  // the time zone stays
    if (!in.lang.empty() && in.lang != next.lang) {
      auto published = AnyPublished(tx);
      if (!published.ok()) return published.status();
      if (*published)
        return Status::Invalid(N_("The site's language cannot change once an article has been "
                                  "published: the addresses of its pages would change."))
            .WithField("lang");
      next.lang = in.lang;
    }
    next.name = in.name;
    next.tagline = in.tagline;
    next.footer_text = in.footer_text;
    next.description = in.description;
    next.second_name = in.second_name;
    next.second_tagline = in.second_tagline;
    next.second_footer_text = in.second_footer_text;
    next.second_description = in.second_description;
    next.icp = in.icp;
    next.public_url = NormalizePublicUrl(in.public_url);
    next.show_byline_labels = in.show_byline_labels;
    next.robots_disallow = in.robots_disallow;
    std::erase(next.robots_disallow, '\r');
    next.site_code = in.site_code;
    next.police_filing = in.police_filing;
    next.show_12309 = in.show_12309;
    PROCURA_RETURN_IF_ERROR(tx.content().PutSite(next));
    PROCURA_RETURN_IF_ERROR(tx.changes().Append({0, "site", 0, {}, NowUnix()}).status());
    return audit_.Write(tx, actor, "site.update", "site", 1,
                        fmt::format("name={} lang={} public_url={} byline_labels={}", next.name,
                                    next.lang, next.public_url, next.show_byline_labels));
  }));
  events_.Publish({"site", 0, {}});
  return Status::Ok();
}

}  // namespace procura
