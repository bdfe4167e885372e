#include "safety/links.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace procura::safety {
namespace {

std::string Unescaped(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::size_t Discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

long Fetch(const std::string& url, bool head, std::chrono::milliseconds timeout) {
  CURL* curl = curl_easy_init();
  if (!curl) return 0;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
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

bool ProbeUrl(const std::string& url, std::chrono::milliseconds timeout) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!StartsWith(url, "http://") && !StartsWith(url, "https://")) return false;
  long code = Fetch(url, true, timeout);
  // Some servers refuse HEAD; ask for one byte instead.
  if (code == 0 || code == 405 || code == 403 || code == 501) code = Fetch(url, false, timeout);
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
