// Links in an article's body, checked when it is submitted: internal links
// must reach a published page or a stored file; external links get a HEAD
// (or a one-byte GET) with a short timeout, and those that fail are dead.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace procura::safety {

// The href and src targets in rendered HTML, entities decoded, in order,
// each once.
std::vector<std::string> LinksIn(std::string_view html);

// Where a link check may connect. By default only to public addresses: a
// link in an article must not make the server reach its own network
// (loopback, private, link-local, shared, multicast and reserved ranges of
// IPv4 and IPv6, IPv4-mapped included), so it fails as dead without a
// connection, after redirects too. `private_addresses` allows those (an
// intranet site whose links point inside, or a proxy on a private address).
struct ProbeOptions {
  std::chrono::milliseconds timeout{3000};
  bool private_addresses = false;
};

// True if `url` (http or https) answers below 400 within the timeout,
// following up to 5 redirects. Other schemes are never fetched (false).
bool ProbeUrl(const std::string& url, const ProbeOptions& options);

// Whether a link check may connect to `ip` ("203.0.113.9", "::1") by
// default; false for anything but a numeric public address.
bool IsPublicAddress(std::string_view ip);

struct LinkCheck {
  // Whether a site path ("/articles/12/") resolves to something public.
  std::function<bool(std::string_view path)> resolves;
  // The site's own origin ("https://www.example.gov.cn"), whose absolute
  // links count as internal; "" if unknown.
  std::string own_origin;
  // Checks an external link; null: external links are not checked.
  std::function<bool(const std::string& url)> probe;
  // External links checked at most (the rest are left alone).
  std::size_t max_external = 20;
};

// The links in `html` that do not work, as written.
std::vector<std::string> DeadLinks(std::string_view html, const LinkCheck& check);

}  // namespace procura::safety
