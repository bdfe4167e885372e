#include "http/client_address.h"

#include <boost/asio/ip/address.hpp>

namespace procura::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool Matches(const ip::address& a, const ProxyRule& rule) {
  boost::system::error_code ec;
  const ip::address net = ip::make_address(rule.network, ec);
  if (ec || a.is_v4() != net.is_v4()) return false;
  if (rule.prefix < 0) return a == net;
  if (a.is_v4()) {
    const auto mask = rule.prefix == 0 ? 0u : ~0u << (32 - rule.prefix);
    return (a.to_v4().to_uint() & mask) == (net.to_v4().to_uint() & mask);
  }
  const auto x = a.to_v6().to_bytes(), y = net.to_v6().to_bytes();
  for (int bit = 0; bit < rule.prefix; ++bit) {
    const int byte = bit / 8, shift = 7 - bit % 8;
    if (((x[byte] >> shift) & 1) != ((y[byte] >> shift) & 1)) return false;
  }
  return true;
}

}  // namespace

Result<ProxyRule> ParseProxyRule(std::string_view text) {
  const auto slash = text.find('/');
  boost::system::error_code ec;
  const ip::address a = ip::make_address(std::string(text.substr(0, slash)), ec);
  const std::string bad = "--trusted-proxy: '" + std::string(text) +
                          "' is not an address or network (such as 10.0.0.5 or 10.0.0.0/8)";
  if (ec) return Status::Invalid(bad);
  ProxyRule rule{a.to_string(), -1};
  if (slash != std::string_view::npos) {
    const std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != bits.npos)
      return Status::Invalid(bad);
    rule.prefix = std::stoi(std::string(bits));
    if (rule.prefix > (a.is_v4() ? 32 : 128)) return Status::Invalid(bad);
  }
  return rule;
}

bool IsTrusted(std::string_view address, const std::vector<ProxyRule>& rules) {
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(Trim(address)), ec);
  if (ec) return false;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = ip::make_address_v4(ip::v4_mapped, a.to_v6());
  for (const auto& r : rules)
    if (Matches(a, r)) return true;
  return false;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<ProxyRule>& trusted) {
  if (trusted.empty() || forwarded_for.empty() || !IsTrusted(peer, trusted))
    return std::string(peer);
  std::string_view rest = forwarded_for;
  std::string last_valid(peer);
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view entry =
        Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    boost::system::error_code ec;
    const ip::address a = ip::make_address(std::string(entry), ec);
    if (ec) break;  // garbage: stop at the last address a proxy vouched for
    last_valid = a.to_string();
    if (!IsTrusted(last_valid, trusted)) return last_valid;
  }
  return last_valid;
}

}  // namespace procura::http
