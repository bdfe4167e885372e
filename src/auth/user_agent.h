// What a person recognises of a User-Agent header: the browser (or the app
// whose built-in browser it is: 微信, 企业微信, 钉钉) and the system it runs
// on. For one's list of signed-in sessions, so that "Chrome · Windows" and
// "微信 · Android" can be told apart. Not for decisions: the header is
// whatever the client sent.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace procura::auth {

// The most of a User-Agent header a session keeps; real headers are shorter.
inline constexpr std::size_t kMaxUserAgentBytes = 256;

struct BrowserDescription {
  // English msgids (marked N_; product names translate to themselves, apps
  // to their Chinese names); "" when not recognised.
  std::string_view browser;
  std::string_view system;
};

BrowserDescription DescribeUserAgent(std::string_view user_agent);

// The parts of `d` that are known, each as `name` words it (a translation,
// or the English as it is), joined by `joiner`: "Chrome · Windows",
// "WeChat on Android", "curl"; "" when neither is known.
std::string JoinDescription(const BrowserDescription& d, std::string_view joiner,
                            const std::function<std::string(std::string_view)>& name);

// `header` as a session keeps it: its printable ASCII (what real headers
// are made of; anything else is dropped), at most kMaxUserAgentBytes.
std::string UserAgentToKeep(std::string_view header);

}  // namespace procura::auth
