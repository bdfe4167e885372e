// DescribeUserAgent: ordered substring rules, first match wins (see
// user_agent.h). The apps' built-in browsers come before the engines they
// embed, since their headers name both (企业微信's names 微信's too).
#include "auth/user_agent.h"

#include "core/status.h"

namespace procura::auth {

namespace {

struct Rule {
  std::string_view needle;
  const char* name;
};

constexpr Rule kBrowsers[] = {
    {"wxwork/", N_("WeCom")},
    {"MicroMessenger/", N_("WeChat")},
    {"DingTalk", N_("DingTalk")},
    {"QQBrowser/", N_("QQ Browser")},
    {" QQ/", N_("QQ")},
    {"UCBrowser/", N_("UC Browser")},
    {"HuaweiBrowser/", N_("Huawei Browser")},
    {"MiuiBrowser/", N_("Xiaomi Browser")},
    {"360SE", N_("360 Browser")},
    {"Edg/", N_("Edge")},
    {"EdgA/", N_("Edge")},
    {"EdgiOS/", N_("Edge")},
    {"Firefox/", N_("Firefox")},
    {"FxiOS/", N_("Firefox")},
    {"CriOS/", N_("Chrome")},
    {"Chromium/", N_("Chromium")},
    {"Chrome/", N_("Chrome")},
    {"Version/", N_("Safari")},  // Safari names itself by "Version/x Safari/y"
    {"curl/", N_("curl")},
};

constexpr Rule kSystems[] = {
    {"HarmonyOS", N_("HarmonyOS")},
    {"OpenHarmony", N_("HarmonyOS")},
    {"Android", N_("Android")},
    {"iPhone", N_("iPhone")},
    {"iPad", N_("iPad")},
    {"Windows", N_("Windows")},
    {"Macintosh", N_("macOS")},
    {"CrOS", N_("ChromeOS")},
    {"UOS", N_("UOS")},
    {"Kylin", N_("Kylin")},
    {"Linux", N_("Linux")},
};

template <std::size_t N>
std::string_view FirstMatch(const Rule (&rules)[N], std::string_view ua) {
  for (const auto& r : rules)
    if (ua.find(r.needle) != std::string_view::npos) return r.name;
  return {};
}

}  // namespace

BrowserDescription DescribeUserAgent(std::string_view ua) {
  return {FirstMatch(kBrowsers, ua), FirstMatch(kSystems, ua)};
}

std::string JoinDescription(const BrowserDescription& d, std::string_view joiner,
                            const std::function<std::string(std::string_view)>& name) {
  if (d.browser.empty()) return d.system.empty() ? "" : name(d.system);
  return d.system.empty() ? name(d.browser)
                          : name(d.browser) + std::string(joiner) + name(d.system);
}

std::string UserAgentToKeep(std::string_view header) {
  std::string kept;
  for (char c : header) {
    if (kept.size() == kMaxUserAgentBytes) break;
    if (c >= 0x20 && c < 0x7f) kept += c;
  }
  return kept;
}

}  // namespace procura::auth
