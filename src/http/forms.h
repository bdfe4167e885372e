// Form bodies, cookies and Set-Cookie values.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace procura::http {

// An application/x-www-form-urlencoded body. Repeated names keep every
// value in order. Malformed pairs are dropped.
class Form {
 public:
  static Form Parse(std::string_view body);
  // Adds a field (for forms read from multipart bodies).
  void Add(std::string name, std::string value) { values_.emplace(std::move(name), std::move(value)); }
  // The first value of `name`, or "".
  const std::string& Get(const std::string& name) const;
  std::vector<std::string> All(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // Every (name, value) pair, in name order (repeated names in their order).
  const std::multimap<std::string, std::string>& pairs() const { return values_; }

 private:
  std::multimap<std::string, std::string> values_;
};

// The value of cookie `name` in the request's Cookie header(s), or "".
std::string CookieValue(const Request& req, std::string_view name);

// A Set-Cookie value: "name=value; Path=/; Secure; HttpOnly; SameSite=Lax"
// and, with max_age_seconds >= 0, "; Max-Age=N" (0 deletes the cookie).
std::string SetCookie(std::string_view name, std::string_view value, long max_age_seconds = -1);

}  // namespace procura::http
