// Boost 1.74's awaitable needs <utility> first (see docs/architecture.md).
#include <utility>

#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "core/clock.h"
#include "http/connection_io.h"

namespace procura::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::redirect_error;
using asio::use_awaitable;

Status ParseListenAddress(const std::string& text, std::string* host, unsigned short* port) {
  std::string h, p;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return Status::Invalid("listen address '" + text + "': expected [IPv6]:PORT");
    h = text.substr(1, close - 1);
    p = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon)
      return Status::Invalid("listen address '" + text + "': expected HOST:PORT or [IPv6]:PORT");
    h = text.substr(0, colon);
    p = text.substr(colon + 1);
  }
  if (h.empty() || p.empty() || p.size() > 5 ||
      p.find_first_not_of("0123456789") != std::string::npos || std::stoul(p) > 65535)
    return Status::Invalid("listen address '" + text + "': bad host or port");
  *host = h;
  *port = static_cast<unsigned short>(std::stoul(p));
  return Status::Ok();
}

namespace {

// The I/O threads to run: configured, or one per core. Each runs an
// io_context of its own (as nginx runs workers): no lock or wake-up is
// shared between threads on the hot path. Every thread accepts on the same
// listening sockets (each holds a dup of the descriptor in its own epoll),
// so a busy thread leaves new connections to the others.
int ThreadCount(const ServerConfig& cfg) {
  return cfg.threads > 0 ? cfg.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::size_t WorkerCount(const ServerConfig& cfg) {
  return cfg.worker_threads > 0
             ? static_cast<std::size_t>(cfg.worker_threads)
             : static_cast<std::size_t>(std::max(2u, std::thread::hardware_concurrency()));
}

}  // namespace

struct Server::Impl {
  ServerConfig cfg;
  RequestHandler handler;
  AccessLogger logger;
  std::vector<std::unique_ptr<asio::io_context>> iocs;  // one per I/O thread; [0] runs Run()'s own
  asio::io_context& ioc;                                // iocs[0]: signals, the grace timer
  asio::thread_pool workers;
  std::atomic<std::size_t> queued_work{0};
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;  // the listening sockets, on ioc
  std::vector<std::unique_ptr<tcp::acceptor>> clones;     // dups of them for the other threads
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::steady_timer grace{ioc};
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::unordered_set<std::shared_ptr<ConnectionControl>> connections;
  std::size_t active = 0;
  bool grace_armed = false;

  Impl(ServerConfig c, RequestHandler h, AccessLogger l)
      : cfg(std::move(c)),
        handler(std::move(h)),
        logger(std::move(l)),
        iocs(MakeContexts(ThreadCount(cfg))),
        ioc(*iocs.front()),
        workers(WorkerCount(cfg)) {}

  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (int i = 0; i < n; ++i) out.push_back(std::make_unique<asio::io_context>(1));
    return out;
  }
  awaitable<void> AcceptLoop(tcp::acceptor& acceptor);
  void StopAll() {
    for (auto& c : iocs) c->stop();
  }
  void BeginShutdown();
  bool Register(const std::shared_ptr<ConnectionControl>& c);
  void Unregister(const std::shared_ptr<ConnectionControl>& c);
};

bool Server::Impl::Register(const std::shared_ptr<ConnectionControl>& c) {
  std::lock_guard lock(mu);
  if (active >= cfg.max_connections) return false;
  ++active;
  connections.insert(c);
  return true;
}

void Server::Impl::Unregister(const std::shared_ptr<ConnectionControl>& c) {
  std::lock_guard lock(mu);
  connections.erase(c);
  --active;
  if (stopping && active == 0 && grace_armed) asio::post(ioc, [this] { grace.cancel(); });
}

awaitable<void> Server::Impl::AcceptLoop(tcp::acceptor& acceptor) {
  for (;;) {
    boost::system::error_code ec;
    // The connection lives on the accepting thread's own io_context: one
    // thread runs it, so it needs no strand.
    tcp::socket socket(acceptor.get_executor());
    co_await acceptor.async_accept(socket, redirect_error(use_awaitable, ec));
    if (stopping) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(50));  // e.g. EMFILE
      co_await pause.async_wait(redirect_error(use_awaitable, ec));
      continue;
    }
    auto control = std::make_shared<ConnectionControl>();
    control->executor = socket.get_executor();
    if (!Register(control)) {
      asio::co_spawn(socket.get_executor(), RejectBusy(std::move(socket), cfg), asio::detached);
      continue;
    }
    ConnectionContext ctx{cfg,     handler, logger,
                          stopping, control, {workers.get_executor(), queued_work}};
    asio::co_spawn(socket.get_executor(), ServeConnection(std::move(socket), ctx),
                   [this, control](std::exception_ptr) { Unregister(control); });
  }
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections; finishing requests in flight");
  boost::system::error_code ec;
  for (auto& a : acceptors) a->close(ec);
  for (auto& a : clones)  // each on its own thread's io_context
    asio::post(a->get_executor(), [a = a.get()] {
      boost::system::error_code ignored;
      a->close(ignored);
    });
  signals.cancel(ec);
  std::lock_guard lock(mu);
  for (const auto& c : connections) {
    asio::post(c->executor, [c] { c->CloseIfIdle(); });
  }
  if (active > 0) {
    grace_armed = true;
    grace.expires_after(cfg.shutdown_grace);
    grace.async_wait([this](boost::system::error_code wait_ec) {
      if (wait_ec) return;  // cancelled: every connection finished
      spdlog::warn("shutdown grace period over; closing remaining connections");
      StopAll();
    });
  }
}

Server::Server(ServerConfig config, RequestHandler handler, AccessLogger logger)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler), std::move(logger))) {}

Server::~Server() = default;

Status Server::Bind() {
  for (const std::string& addr : impl_->cfg.listen) {
    std::string host;
    unsigned short port = 0;
    PROCURA_RETURN_IF_ERROR(ParseListenAddress(addr, &host, &port));
    boost::system::error_code ec;
    tcp::resolver resolver(impl_->ioc);
    auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty())
      return Status::Io(fmt::format("cannot resolve listen address {}: {}", addr, ec.message()));
    const tcp::endpoint ep = results.begin()->endpoint();
    auto acc = std::make_unique<tcp::acceptor>(impl_->ioc);
    acc->open(ep.protocol(), ec);
    if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec && ep.address().is_v6()) acc->set_option(asio::ip::v6_only(true), ec);
    if (!ec) acc->bind(ep, ec);
    if (!ec) acc->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Status::Io(fmt::format("cannot listen on {}: {}", addr, ec.message()));
    impl_->acceptors.push_back(std::move(acc));
  }
  return Status::Ok();
}

std::vector<std::string> Server::BoundAddresses() const {
  std::vector<std::string> out;
  for (const auto& a : impl_->acceptors) {
    boost::system::error_code ec;
    const auto ep = a->local_endpoint(ec);
    if (ec) continue;
    out.push_back(ep.address().is_v6() ? fmt::format("[{}]:{}", ep.address().to_string(), ep.port())
                                       : fmt::format("{}:{}", ep.address().to_string(), ep.port()));
  }
  return out;
}

bool Server::Run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](boost::system::error_code ec, int sig) {
    if (ec) return;
    spdlog::info("received signal {}", sig);
    s.BeginShutdown();
  });
  for (auto& a : s.acceptors) {
    asio::co_spawn(s.ioc, s.AcceptLoop(*a), asio::detached);
    for (std::size_t i = 1; i < s.iocs.size(); ++i) {
      const int fd = ::dup(a->native_handle());
      if (fd < 0) {
        spdlog::warn("cannot share a listening socket with I/O thread {}: {}", i, std::strerror(errno));
        continue;
      }
      boost::system::error_code ec;
      auto clone = std::make_unique<tcp::acceptor>(*s.iocs[i]);
      clone->assign(a->local_endpoint(ec).protocol(), fd, ec);
      if (ec) {
        ::close(fd);
        continue;
      }
      asio::co_spawn(*s.iocs[i], s.AcceptLoop(*clone), asio::detached);
      s.clones.push_back(std::move(clone));
    }
  }
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < s.iocs.size(); ++i)
    threads.emplace_back([&s, i] { s.iocs[i]->run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  if (s.queued_work.load() > 0) {
    spdlog::warn("shutdown grace period over with {} request(s) still running; exiting anyway",
                 s.queued_work.load());
    return false;
  }
  s.workers.join();
  return true;
}

void Server::Stop() {
  asio::post(impl_->ioc, [this] { impl_->BeginShutdown(); });
}

}  // namespace procura::http
