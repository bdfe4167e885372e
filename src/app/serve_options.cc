// `procura serve`'s options (see serve_options.h).
#include "app/serve_options.h"

#include "app/cmd_remind.h"
#include "app/database.h"
#include "http/client_address.h"

namespace procura::app {

namespace {

// Where the data and the shared files are, and how the site starts (demo
// data, two-step sign-in required).
void AddStorageOptions(CLI::App* cmd, ServeOptions* opt) {
  cmd->add_option("--data", opt->data_dir,
                  "Data directory (must exist): the SQLite database, media, search index; "
                  "required except with --print-routes");
  AddDatabaseOption(cmd, &opt->database);
  cmd->add_option("--share-dir", opt->share_dir,
                  "Directory with templates/, static/ and data/demo/ (default: built-in)");
  cmd->add_option("--locale-dir", opt->locale_dir,
                  "Directory of compiled message catalogs (<lang>/LC_MESSAGES/procura.mo)");
  cmd->add_flag("--demo", opt->demo, "Load the demo data into an empty data dir");
  cmd->add_flag("--print-routes", opt->print_routes,
                "Print every route with the permission it needs, then exit");
  cmd->add_flag("--require-mfa", opt->require_mfa,
                "Admins and reviewers must set up two-step sign-in before anything else");
}

// Listening, proxies, threads, limits and timeouts.
void AddNetworkOptions(CLI::App* cmd, ServeOptions* opt) {
  cmd->add_option("--trusted-proxy", opt->trusted_proxies,
                  "A reverse proxy (address or network, such as 10.0.0.5 or 10.0.0.0/8) whose "
                  "X-Forwarded-For names the client; repeatable")
      ->check([](const std::string& value) -> std::string {
        auto r = http::ParseProxyRule(value);
        return r.ok() ? "" : r.status().message();
      });
  cmd->add_option("--listen", opt->listen,
                  "Address to listen on, HOST:PORT or [IPv6]:PORT; repeatable "
                  "(default 127.0.0.1:8080)")
      ->check([](const std::string& value) -> std::string {
        std::string host;
        unsigned short port = 0;
        const Status s = http::ParseListenAddress(value, &host, &port);
        return s.ok() ? std::string() : s.message();
      });
  cmd->add_option("--threads", opt->server.threads, "I/O threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--max-connections", opt->server.max_connections, "Open connections allowed")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-header-bytes", opt->server.max_header_bytes, "Request header limit (431)")
      ->check(CLI::Range(1024, 1024 * 1024));
  cmd->add_option("--max-body-bytes", opt->server.max_body_bytes, "Request body limit (413)")
      ->check(CLI::Range(0, 1024 * 1024 * 1024));
  cmd->add_option("--header-timeout-ms", opt->header_timeout_ms, "Time to receive a request header")
      ->check(CLI::Range(100, 600000));
  cmd->add_option("--idle-timeout-ms", opt->idle_timeout_ms, "Keep-alive idle time")
      ->check(CLI::Range(100, 3600000));
  cmd->add_option("--worker-threads", opt->server.worker_threads,
                  "Threads for slow requests (default: one per core, at least 2)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-queued-work", opt->server.max_queued_work,
                  "Slow requests waiting or running before new ones get 503")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--shutdown-grace-ms", opt->grace_ms, "Longest wait for requests at shutdown")
      ->check(CLI::Range(0, 600000));
}

// The page and media caches, and the access log.
void AddMemoryOptions(CLI::App* cmd, ServeOptions* opt) {
  cmd->add_option("--page-cache-mib", opt->page_cache_mib,
                  "Memory for rendered pages, in MiB (keys and bodies)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--media-cache-mib", opt->media_cache_mib,
                  "Memory for media files read from disk, in MiB")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--page-cache-entries", opt->page_cache_entries, "Rendered pages kept in memory")
      ->check(CLI::Range(0, 10000000));
  cmd->add_option("--access-log", opt->access_log, "Access log: '-' (stdout), a file, or 'off'");
}

// The static export and its push, the availability probe, link checks
// and the reminders' mail server.
void AddPublishingOptions(CLI::App* cmd, ServeOptions* opt) {
  CLI::Option* export_to = cmd->add_option("--export-to", opt->export_to,
                  "Keep a static export of the public site in this directory");
  AddPushOptions(cmd, &opt->export_push)->needs(export_to);
  cmd->add_option("--export-precompress", opt->export_precompress,
                  "Compressed files beside each exported text file: gzip+br; gzip (a site over "
                  "plain HTTP); none (a CDN compresses)")
      ->check(CLI::IsMember({"gzip+br", "gzip", "none"}))
      ->capture_default_str();
  cmd->add_option("--probe-url", opt->probe_url,
                  "Probe this public address of the home page for the availability indicator");
  cmd->add_option("--probe-every", opt->probe_every, "Seconds between availability probes")
      ->check(CLI::Range(1, 86400));
  cmd->add_flag("--link-check-private", opt->link_check_private,
                "Let link checks on submit connect to loopback and private addresses "
                "(an intranet site; by default such links count as dead)");
  AddSmtpOptions(cmd, &opt->smtp, &opt->smtp_password_file);
}

}  // namespace

void AddServeOptions(CLI::App* cmd, ServeOptions* opt) {
  AddStorageOptions(cmd, opt);
  AddNetworkOptions(cmd, opt);
  AddMemoryOptions(cmd, opt);
  AddPublishingOptions(cmd, opt);
}

}  // namespace procura::app
