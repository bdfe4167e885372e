// The client's address behind trusted reverse proxies. A request that
// arrives from a listed proxy carries the client in X-Forwarded-For; the
// address is the rightmost entry that is not itself a trusted proxy
// (entries further left could have been written by the client). A request
// from anyone else keeps its peer address, whatever it claims.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura::http {

// "127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8".
struct ProxyRule {
  std::string network;  // the address, normalized
  int prefix = -1;      // bits; -1 for a single address
};

// Parses a --trusted-proxy value; Invalid naming it otherwise.
Result<ProxyRule> ParseProxyRule(std::string_view text);

bool IsTrusted(std::string_view address, const std::vector<ProxyRule>& rules);

// The client's address for a request from `peer` with header
// `forwarded_for` ("" when absent).
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<ProxyRule>& trusted);

}  // namespace procura::http
