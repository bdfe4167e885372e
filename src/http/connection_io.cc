#include <utility>

#include "http/connection_io.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <chrono>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "http/request_head.h"
#include "http/security_headers.h"
#include "http/serialized_head.h"

namespace procura::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::awaitable;
using asio::redirect_error;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using OutMessage = bhttp::response<bhttp::span_body<const char>>;

void ConnectionControl::CloseIfIdle() {
  if (!stream || !idle) return;
  beast::error_code ec;
  stream->socket().shutdown(tcp::socket::shutdown_both, ec);
  stream->cancel();
}

namespace {

// Builds the wire message; `body` must outlive the write.
void Prepare(OutMessage& msg, const Response& res, bool head, bool keep_alive) {
  msg.result(static_cast<unsigned>(res.status));
  msg.version(11);
  msg.set(bhttp::field::server, "procura");
  const std::string_view date = CurrentHttpDate();
  msg.set(bhttp::field::date, beast::string_view(date.data(), date.size()));
  for (const auto& [k, v] : SecurityHeaders())
    msg.set(beast::string_view(k.data(), k.size()), beast::string_view(v.data(), v.size()));
  for (const auto& [k, v] : res.headers) msg.insert(k, v);  // Set-Cookie may repeat
  const bool no_body = res.status == 304 || res.status == 204;
  if (!no_body) msg.set(bhttp::field::content_type, res.content_type);
  msg.keep_alive(keep_alive);
  if (no_body) return;
  msg.content_length(res.body_size());
  if (!head && res.body) msg.body() = beast::span<const char>(res.body->data(), res.body->size());
}

// The application's page for `status` if it gave one, else a short
// English page with `detail`.
Response PlainError(const ServerConfig& cfg, int status, std::string_view detail) {
  if (auto page = cfg.error_pages.find(status); page != cfg.error_pages.end())
    return Response::Text(status, page->second, "text/html; charset=utf-8");
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  html += std::to_string(status) + " " + std::string(ReasonPhrase(status));
  html += "</title></head><body><h1>" + std::to_string(status) + " " +
          std::string(ReasonPhrase(status)) + "</h1><p>" + std::string(detail) +
          "</p></body></html>\n";
  return Response::Text(status, std::move(html), "text/html; charset=utf-8");
}

// A cached page's pre-serialized head, the date, the connection header and
// the body, in one gathered write: nothing is formatted or copied.
awaitable<void> WriteSerialized(beast::tcp_stream& stream, const Response& res, bool keep_alive,
                                beast::error_code& ec) {
  static constexpr std::string_view kDate = "Date: ";
  static constexpr std::string_view kEnd = "\r\n\r\n";
  static constexpr std::string_view kClose = "\r\nConnection: close\r\n\r\n";
  // A copy in this frame: the thread's date string may change while the
  // write is in flight (another connection on this thread, a new second).
  std::array<char, 40> date{};
  const std::string_view now = CurrentHttpDate();
  const std::size_t date_len = std::min(now.size(), date.size());
  std::copy_n(now.data(), date_len, date.data());
  const std::string_view end = keep_alive ? kEnd : kClose;
  const std::array<asio::const_buffer, 5> buffers = {
      asio::buffer(*res.serialized_head), asio::buffer(kDate.data(), kDate.size()),
      asio::buffer(date.data(), date_len), asio::buffer(end.data(), end.size()),
      res.body ? asio::buffer(*res.body) : asio::const_buffer()};
  co_await asio::async_write(stream, buffers, redirect_error(use_awaitable, ec));
}

awaitable<void> WriteAndForget(beast::tcp_stream& stream, const Response& res,
                               std::chrono::milliseconds timeout) {
  OutMessage msg;
  Prepare(msg, res, false, false);
  beast::error_code ec;
  stream.expires_after(timeout);
  co_await bhttp::async_write(stream, msg, redirect_error(use_awaitable, ec));
}

std::string_view RefusalText(int status) {
  switch (status) {
    case 413:
      return "The request body is too large.";
    case 431:
      return "The request's headers are too large.";
    default:
      return "The request could not be parsed.";
  }
}

// Reads one request into `parser`. Returns 0 when it is complete, an HTTP
// status (400, 413, 431) to answer before closing, or -1 to close without
// an answer (the peer left, or the header timed out: beast::tcp_stream has
// then already closed the socket, so, like nginx, nothing can be sent).
awaitable<int> ReadRequest(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                           bhttp::request_parser<bhttp::string_body>& parser,
                           const ServerConfig& cfg) {
  beast::error_code ec;
  parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
  parser.body_limit(cfg.max_upload_bytes);  // narrowed below once the path is known
  stream.expires_after(cfg.header_timeout);
  co_await bhttp::async_read_header(stream, buffer, parser, redirect_error(use_awaitable, ec));
  if (!ec && !HeadIsUnambiguous(parser.get())) co_return 400;
  if (!ec) {
    const std::string_view target(parser.get().target().data(), parser.get().target().size());
    bool upload = false;
    for (const auto& prefix : cfg.upload_prefixes) upload |= target.rfind(prefix, 0) == 0;
    const std::size_t limit = upload ? cfg.max_upload_bytes : cfg.max_body_bytes;
    const auto declared = parser.content_length();
    if (declared && *declared > limit) co_return 413;
    parser.body_limit(limit);
  }
  if (ec == bhttp::error::header_limit) co_return 431;
  if (ec == bhttp::error::body_limit) co_return 413;  // declared Content-Length over the limit
  if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == asio::error::eof)
    co_return -1;
  if (ec) co_return 400;
  if (parser.is_done()) co_return 0;
  co_await bhttp::async_read(stream, buffer, parser, redirect_error(use_awaitable, ec));
  if (ec == bhttp::error::body_limit) co_return 413;  // e.g. a chunked body
  co_return ec ? -1 : 0;
}

// Header injection stops here whatever a handler did: a response with CR,
// LF or NUL in a header is logged and replaced by a 500, never sent.
Response RefuseUnsafeHeaders(const ServerConfig& cfg, Response res, const Request& req) {
  bool safe = IsSafeHeaderText(res.content_type);
  for (const auto& [k, v] : res.headers) safe = safe && IsSafeHeaderText(k) && IsSafeHeaderText(v);
  if (safe) return res;
  spdlog::error("refused to send a response to {} {}: a header holds CR, LF or NUL", req.method,
                req.path);
  return PlainError(cfg, 500, "The server failed to answer this request.");
}

Response CallHandler(const ConnectionContext& ctx, const Request& req) {
  try {
    return RefuseUnsafeHeaders(ctx.cfg, ctx.handler(req), req);
  } catch (...) {
    return PlainError(ctx.cfg, 500, "The server failed to answer this request.");
  }
}

// Runs the handler: on this I/O thread, or on the worker pool for slow
// work (then resuming on the connection's strand), or answers 503 when the
// pool already has max_queued_work requests.
awaitable<Response> Handle(const ConnectionContext& ctx, const Request& req) {
  if (!ctx.cfg.offload || !ctx.cfg.offload(req)) co_return CallHandler(ctx, req);
  if (ctx.workers.queued.fetch_add(1) >= ctx.cfg.max_queued_work) {
    ctx.workers.queued.fetch_sub(1);
    Response busy = PlainError(ctx.cfg, 503, "The server is busy. Please retry shortly.");
    busy.SetHeader("Retry-After", "2");
    co_return busy;
  }
  Response res = co_await asio::co_spawn(
      ctx.workers.executor,
      [&]() -> awaitable<Response> { co_return CallHandler(ctx, req); }, use_awaitable);
  ctx.workers.queued.fetch_sub(1);
  co_return res;
}

// The request as handlers see it, from `remote` or (behind a trusted
// proxy) the client its X-Forwarded-For names.
Request RequestFrom(const ConnectionContext& ctx, const bhttp::request<bhttp::string_body>& in,
                    const std::string& remote) {
  Request req = ToRequest(in, remote);
  if (!ctx.cfg.trusted_proxies.empty())
    req.remote_addr = ClientAddress(remote, req.Header("x-forwarded-for"), ctx.cfg.trusted_proxies);
  return req;
}

// One line of the access log, if there is one.
void LogAccess(const ConnectionContext& ctx, const Request& req, const Response& res,
               std::chrono::steady_clock::time_point started) {
  if (!ctx.logger) return;
  ctx.logger(AccessRecord{
      req.remote_addr, req.method, req.target, std::string(req.Header("user-agent")),
      res.cache_note, res.status, res.body_size(),
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
          .count()});
}

// After an error answer sent mid-request: reads (and drops) what the client
// is still sending for a moment, so the close does not reset the connection
// before it has read the answer.
awaitable<void> Drain(beast::tcp_stream& stream) {
  beast::error_code ec;
  char scratch[4096];
  std::size_t total = 0;
  stream.expires_after(std::chrono::milliseconds(500));
  while (total < 256 * 1024) {
    const size_t n =
        co_await stream.async_read_some(asio::buffer(scratch), redirect_error(use_awaitable, ec));
    if (ec) break;
    total += n;
  }
}

}  // namespace

awaitable<void> RejectBusy(tcp::socket socket, const ServerConfig& cfg) {
  beast::tcp_stream stream(std::move(socket));
  Response res = PlainError(cfg, 503, "Too many connections. Please retry shortly.");
  res.SetHeader("Retry-After", "1");
  co_await WriteAndForget(stream, res, cfg.write_timeout);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

awaitable<void> ServeConnection(tcp::socket socket, ConnectionContext ctx) {
  beast::error_code ec;
  const std::string remote = socket.remote_endpoint(ec).address().to_string();
  beast::tcp_stream stream(std::move(socket));
  ctx.control->stream = &stream;
  beast::flat_buffer buffer;
  bool first = true;
  bool drain = false;  // an error answer was sent mid-request
  for (;;) {
    if (buffer.size() == 0) {  // wait for the next request's first byte
      if (ctx.stopping) break;
      ctx.control->idle = true;
      stream.expires_after(first ? ctx.cfg.header_timeout : ctx.cfg.idle_timeout);
      const size_t n =
          co_await stream.async_read_some(buffer.prepare(4096), redirect_error(use_awaitable, ec));
      ctx.control->idle = false;
      if (ec) break;  // closed, idle timeout, or shutdown
      buffer.commit(n);
    }
    first = false;
    bhttp::request_parser<bhttp::string_body> parser;
    const int refusal = co_await ReadRequest(stream, buffer, parser, ctx.cfg);
    if (refusal < 0) break;
    if (refusal > 0) {
      co_await WriteAndForget(stream, PlainError(ctx.cfg, refusal, RefusalText(refusal)),
                              ctx.cfg.write_timeout);
      drain = true;
      break;
    }
    stream.expires_never();
    const auto started = std::chrono::steady_clock::now();
    const auto& in = parser.get();
    const Request req = RequestFrom(ctx, in, remote);
    const Response res = co_await Handle(ctx, req);
    const bool keep_alive = in.keep_alive() && !ctx.stopping;
    stream.expires_after(ctx.cfg.write_timeout);
    if (res.serialized_head && req.TakesSerializedHead()) {
      co_await WriteSerialized(stream, res, keep_alive, ec);
    } else {
      OutMessage msg;
      Prepare(msg, res, in.method() == bhttp::verb::head, keep_alive);
      co_await bhttp::async_write(stream, msg, redirect_error(use_awaitable, ec));
    }
    LogAccess(ctx, req, res, started);
    if (ec || !keep_alive) break;
  }
  ctx.control->stream = nullptr;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (drain) co_await Drain(stream);
}

}  // namespace procura::http
