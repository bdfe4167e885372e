#include "safety/links.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>

namespace procura::safety {
namespace {

std::string Unescaped(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::size_t Discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// IPv4 ranges no link check connects to: this network, private, shared
// (CGN), loopback, link-local, IETF protocol assignments, benchmarking,
// multicast, reserved and broadcast.
bool IsPublicV4(const std::uint8_t a[4]) {
  const std::uint32_t ip = (std::uint32_t{a[0]} << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
  struct Range { std::uint32_t net; int bits; };
  constexpr std::array<Range, 11> kBlocked{{{0x00000000, 8}, {0x0A000000, 8}, {0x64400000, 10},
      {0x7F000000, 8}, {0xA9FE0000, 16}, {0xAC100000, 12}, {0xC0000000, 24}, {0xC0A80000, 16},
      {0xC6120000, 15}, {0xE0000000, 4}, {0xF0000000, 4}}};
  return std::none_of(kBlocked.begin(), kBlocked.end(), [ip](const Range& r) {
    return (ip >> (32 - r.bits)) == (r.net >> (32 - r.bits));
  });
}

bool IsPublicV6(const std::uint8_t a[16]) {
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr std::uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(a, kMapped, 12) == 0 || std::memcmp(a, kNat64, 12) == 0) return IsPublicV4(a + 12);
  static constexpr std::uint8_t kZero[15] = {};
  if (std::memcmp(a, kZero, 15) == 0) return false;  // :: and ::1
  if ((a[0] & 0xfe) == 0xfc) return false;           // fc00::/7 unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return false;  // fe80::/10 link-local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return false;  // fec0::/10 site-local
  if (a[0] == 0xff) return false;                           // multicast
  return true;
}

bool IsPublicSockaddr(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
    return IsPublicV4(reinterpret_cast<const std::uint8_t*>(&in->sin_addr));
  }
  if (sa->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
    return IsPublicV6(in6->sin6_addr.s6_addr);
  }
  return false;
}

// libcurl asks for each socket it connects (the first address and every
// redirect's): refused for a non-public address unless allowed.
curl_socket_t OpenPublicSocket(void* allow_private, curlsocktype, curl_sockaddr* address) {
  if (!*static_cast<bool*>(allow_private) && !IsPublicSockaddr(&address->addr))
    return CURL_SOCKET_BAD;
  return socket(address->family, address->socktype, address->protocol);
}

long Fetch(const std::string& url, bool head, const ProbeOptions& options) {
  CURL* curl = curl_easy_init();
  if (!curl) return 0;
  bool allow_private = options.private_addresses;
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenPublicSocket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &allow_private);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "procura-link-check/1");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  if (head) curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  else curl_easy_setopt(curl, CURLOPT_RANGE, "0-0");
  long code = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_cleanup(curl);
  return code;
}

}  // namespace

std::vector<std::string> LinksIn(std::string_view html) {
  std::vector<std::string> out;
  for (std::string_view attr : {"href=\"", "src=\""}) {
    for (std::size_t at = html.find(attr); at != std::string_view::npos;
         at = html.find(attr, at + 1)) {
      const std::size_t from = at + attr.size();
      const std::size_t end = html.find('"', from);
      if (end == std::string_view::npos) break;
      std::string link = Unescaped(std::string(html.substr(from, end - from)));
      if (!link.empty() && std::find(out.begin(), out.end(), link) == out.end())
        out.push_back(std::move(link));
    }
  }
  return out;
}

bool IsPublicAddress(std::string_view ip) {
  const std::string text(ip);
  std::uint8_t bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return IsPublicV4(bytes);
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return IsPublicV6(bytes);
  return false;
}

bool ProbeUrl(const std::string& url, const ProbeOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!StartsWith(url, "http://") && !StartsWith(url, "https://")) return false;
  long code = Fetch(url, true, options);
  // Some servers refuse HEAD; ask for one byte instead.
  if (code == 0 || code == 405 || code == 403 || code == 501) code = Fetch(url, false, options);
  return code >= 200 && code < 400;
}

std::vector<std::string> DeadLinks(std::string_view html, const LinkCheck& check) {
  std::vector<std::string> dead;
  std::size_t probed = 0;
  for (const std::string& link : LinksIn(html)) {
    std::string_view path = link;
    if (!check.own_origin.empty() && StartsWith(link, check.own_origin))
      path.remove_prefix(check.own_origin.size());
    if (StartsWith(path, "/") && !StartsWith(path, "//")) {
      const std::string_view clean = path.substr(0, path.find_first_of("?#"));
      if (check.resolves && !check.resolves(clean)) dead.push_back(link);
    } else if (StartsWith(link, "http://") || StartsWith(link, "https://")) {
      if (check.probe && probed++ < check.max_external && !check.probe(link)) dead.push_back(link);
    }
  }
  return dead;
}

}  // namespace procura::safety
