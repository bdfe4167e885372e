// One HTTP/1.1 connection: the request loop behind Server. Internal to the
// http module.
#pragma once

#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <memory>

#include "http/server.h"

namespace procura::http {

// Shared between a connection's coroutine and the server's shutdown. Every
// member is touched only on `executor` (the connection's strand).
struct ConnectionControl {
  boost::asio::any_io_executor executor;
  boost::beast::tcp_stream* stream = nullptr;  // null once the connection ends
  bool idle = false;                           // waiting for the first byte of a request

  // Closes the connection if it is idle; a busy one finishes its request.
  void CloseIfIdle();
};

// The pool that runs offloaded handlers, and how many are queued or running.
struct WorkerPool {
  boost::asio::any_io_executor executor;
  std::atomic<std::size_t>& queued;
};

struct ConnectionContext {
  const ServerConfig& cfg;
  const RequestHandler& handler;
  const AccessLogger& logger;
  const std::atomic<bool>& stopping;
  std::shared_ptr<ConnectionControl> control;
  WorkerPool workers;
};

// Serves requests on `socket` until the peer closes, a limit or timeout is
// hit, or the server stops.
boost::asio::awaitable<void> ServeConnection(boost::asio::ip::tcp::socket socket,
                                             ConnectionContext ctx);

// Answers 503 (too many connections) and closes.
boost::asio::awaitable<void> RejectBusy(boost::asio::ip::tcp::socket socket,
                                        const ServerConfig& cfg);

}  // namespace procura::http
