// libFuzzer target: an HTTP request as the server reads it (Boost.Beast's
// parser with our limits), our refusal of ambiguous heads, the handlers'
// request view, and our query, cookie and form decoding.
#include <utility>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <cstddef>
#include <cstdint>

#include "core/text.h"
#include "http/forms.h"
#include "http/request_head.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace bhttp = boost::beast::http;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!parser.is_header_done()) return 0;
  (void)procura::http::HeadIsUnambiguous(parser.get());
  const procura::http::Request req = procura::http::ToRequest(parser.get(), "127.0.0.1");
  (void)procura::ParseQuery(req.query);
  (void)procura::http::CookieValue(req, "__Host-procura_session");
  const auto form = procura::http::Form::Parse(req.body);
  (void)form.Get("next");
  return 0;
}
