// `procura serve`'s options: what the command line sets, with the
// defaults a single machine needs, and their registration with CLI11
// (ranges and formats checked there, so a bad value is a usage error).
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "app/cmd_export.h"
#include "branchlife/reminders.h"
#include "http/server.h"

namespace procura::app {

struct ServeOptions {
  std::string data_dir;
  std::string database;  // PostgreSQL URL ("" → SQLite in data_dir)
  std::string share_dir;
  std::string access_log = "-";
  bool demo = false;
  bool require_mfa = false;
  bool print_routes = false;
  std::size_t page_cache_entries = 20000;
  std::size_t page_cache_mib = 256;
  std::size_t media_cache_mib = 64;
  std::string locale_dir;  // compiled message catalogs ("" → the build's)
  std::string export_to;   // keep a static export here in step ("" → none)
  std::string export_precompress = "gzip+br";  // its variants: gzip+br, gzip, none
  PushOptions export_push;  // --push-command: pushes the export to the web server
  std::string probe_url;   // the availability monitor's target ("" → off)
  branchlife::SmtpConfig smtp;  // the daily reminders' mail server ("" url → off)
  std::string smtp_password_file;
  int probe_every = 300;   // seconds between probes
  bool link_check_private = false;  // link checks may reach loopback and private addresses
  http::ServerConfig server;
  std::vector<std::string> listen;
  std::vector<std::string> trusted_proxies;  // --trusted-proxy
  long header_timeout_ms = 10000, idle_timeout_ms = 30000, grace_ms = 10000;
};

// Adds every `serve` option to `cmd`, writing into `*opt`.
void AddServeOptions(CLI::App* cmd, ServeOptions* opt);

}  // namespace procura::app
