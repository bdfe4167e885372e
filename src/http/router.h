// Router: maps (method, path) to a handler. Patterns are literal segments
// and "{name}" captures, e.g. "/columns/{slug}/page/{n}/"; a final
// "{name*}" captures the rest of the path. A trailing slash is significant.
// HEAD is routed to the GET handler. Captures are percent-decoded; a
// capture that does not decode to valid UTF-8 does not match.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace procura::http {

using RouteParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<Response(const Request&, const RouteParams&)>;

class Router {
 public:
  // Adds a route. Routes are tried in the order added.
  void Add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null if nothing matched
    RouteParams params;
    std::vector<std::string> allowed;  // set when only the method differs
  };
  Match Find(std::string_view method, std::string_view path) const;

  // Every (method, pattern) added, in order.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool MatchSegments(const Route& r, const std::vector<std::string_view>& parts,
                            RouteParams& params);
  std::vector<Route> routes_;
};

}  // namespace procura::http
