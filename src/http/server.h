// Server: an asynchronous HTTP/1.1 server on Boost.Beast/Asio with C++20
// coroutines, keep-alive, explicit limits and graceful shutdown.
//
// Limits and their answers:
//   request header larger than max_header_bytes      → 431, close
//   declared or actual body larger than max_body_bytes → 413, close
//   more than max_connections open connections        → 503, close
//   header not complete within header_timeout         → close
//   no new request within idle_timeout (keep-alive)   → close
// Each connection runs on its own strand; a slow or stalled client only
// ever holds its own coroutine, never a thread.
//
// Shutdown (Stop(), SIGINT, SIGTERM): stop accepting, close idle
// connections, let in-flight requests finish and answer them with
// "Connection: close"; Run() returns once every connection is done or
// shutdown_grace has passed. Because slow handlers run on the worker pool,
// the I/O threads are free to start the shutdown and to keep its deadline.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/client_address.h"
#include "http/message.h"

namespace procura::http {

struct ServerConfig {
  std::vector<std::string> listen = {"127.0.0.1:8080"};  // "host:port", "[v6]:port"
  // Reverse proxies whose X-Forwarded-For is believed (client_address.h).
  std::vector<ProxyRule> trusted_proxies;
  int threads = 0;                                       // 0: one per core
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Larger body limit for upload paths: those starting with one of
  // upload_prefixes (set by the application; none by default).
  std::size_t max_upload_bytes = 21 * 1024 * 1024;
  std::vector<std::string> upload_prefixes;
  std::size_t max_connections = 10000;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  // Slow work leaves the I/O threads: a request for which `offload` says
  // true is handled on a pool of `worker_threads` (0: one per core, at
  // least 2). When `max_queued_work` such requests are already waiting or
  // running, the next gets 503 with Retry-After; the I/O threads keep
  // serving everything else (cached pages) meanwhile.
  std::function<bool(const Request&)> offload;
  int worker_threads = 0;
  std::size_t max_queued_work = 64;
  // HTML bodies for the answers the server gives itself, without a
  // handler: 400, 413 and 431 (a request refused while it is read), 500
  // (a handler threw, or set a header with CR, LF or NUL) and 503 (too busy
  // or too many connections). The application fills them in its readers'
  // languages; a status missing here gets a short English page.
  std::map<int, std::string> error_pages;
};

// One access-log record, written after the response.
struct AccessRecord {
  std::string remote, method, target, user_agent, cache;
  int status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
};

using RequestHandler = std::function<Response(const Request&)>;
using AccessLogger = std::function<void(const AccessRecord&)>;

// Parses "127.0.0.1:8080", "[::1]:8080" or "localhost:0" into host and
// port. Invalid with a message naming the value on any other form.
Status ParseListenAddress(const std::string& text, std::string* host, unsigned short* port);

class Server {
 public:
  // `handler` must be thread-safe: it is called from every I/O thread.
  // `handler` must not throw; if it does, the client gets a plain 500.
  Server(ServerConfig config, RequestHandler handler, AccessLogger logger);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every listen address. Io with the address on failure (in use,
  // permission, unknown host).
  Status Bind();

  // "127.0.0.1:43121" etc., after Bind(): the actual ports.
  std::vector<std::string> BoundAddresses() const;

  // Serves until shutdown. Installs SIGINT/SIGTERM handlers. Blocks.
  // Returns false if the shutdown grace ran out while handlers were still
  // busy on the worker pool: the caller should then exit at once (every
  // acknowledged write is already committed) instead of waiting for them.
  bool Run();

  // Starts a graceful shutdown. Thread-safe; callable more than once.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace procura::http
