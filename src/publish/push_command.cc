#include "publish/push_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <sodium.h>

#include <set>
#include <thread>
#include <vector>

#include "core/text.h"
#include "publish/export_state.h"
#include "publish/export_targets.h"

extern char** environ;

namespace procura::publish {
namespace {

using Clock = std::chrono::steady_clock;

// The process group of the push under way (0 when none), for the stop
// signal's handler; lock-free, so the handler may read it.
std::atomic<pid_t> running_group{0};
static_assert(std::atomic<pid_t>::is_always_lock_free);

// SIGINT/SIGTERM/SIGHUP while a one-off export runs: TERM the push's group,
// then die of the signal as before (async-signal-safe calls only).
extern "C" void StopPushAndDie(int sig) {
  if (const pid_t group = running_group.load(); group > 0) ::kill(-group, SIGTERM);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// The environment the command sees: ours, plus where and what to push.
std::vector<std::string> PushEnvironment(const std::filesystem::path& dir, std::int64_t seq,
                                         const std::filesystem::path& changed_list) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string_view v(*e);
    if (!v.starts_with("PROCURA_EXPORT_")) env.emplace_back(v);
  }
  env.push_back("PROCURA_EXPORT_DIR=" + dir.string());
  env.push_back("PROCURA_EXPORT_CHANGE=" + std::to_string(seq));
  if (!changed_list.empty()) env.push_back("PROCURA_EXPORT_CHANGED=" + changed_list.string());
  return env;
}

// Its last few lines, for the report: trailing blank lines dropped, at most
// ~500 bytes, cut at a line start.
std::string LastLines(std::string out) {
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' '))
    out.pop_back();
  constexpr std::size_t kShown = 500;
  if (out.size() > kShown) {
    std::size_t from = out.find('\n', out.size() - kShown);
    out = from == std::string::npos ? out.substr(out.size() - kShown) : out.substr(from + 1);
  }
  return out;
}

// Stops the command's whole group (rsync and the ssh it started): TERM,
// then KILL if it has not gone within two seconds; reaps the command.
void StopGroup(pid_t pid, int* wstatus) {
  ::kill(-pid, SIGTERM);
  const auto until = Clock::now() + std::chrono::seconds(2);
  while (Clock::now() < until) {
    if (::waitpid(pid, wstatus, WNOHANG) == pid) {
      ::kill(-pid, SIGKILL);  // what it left behind
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  while (::waitpid(pid, wstatus, 0) < 0 && errno == EINTR) {
  }
}

// Spawns `sh -c command` in its own group, stdout and stderr into `out_fd`.
Result<pid_t> Spawn(const std::string& command, std::vector<std::string>& env, int out_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  sigset_t none, defaults;
  sigemptyset(&none);  // the export blocks SIGINT and SIGTERM in every thread
  sigemptyset(&defaults);
  for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGHUP}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string sh = "/bin/sh", dash_c = "-c", cmd = command;
  char* argv[] = {sh.data(), dash_c.data(), cmd.data(), nullptr};
  pid_t pid = 0;
  const int err = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) return Status::Unavailable(N_("cannot start the push command: {error}"), {{"error", strerror(err)}});
  return pid;
}

// A failed push in words (msgids; what the command said last, if
// anything, after a colon); Ok for a clean exit.
Status HowItEnded(int wstatus, bool timed_out, std::chrono::seconds timeout, const std::string& said) {
  const bool with = !said.empty();
  if (timed_out)
    return Status::Unavailable(with ? N_("the push command did not finish within {seconds} s and was stopped: {output}")
                                    : N_("the push command did not finish within {seconds} s and was stopped"),
                               {{"seconds", std::to_string(timeout.count())}, {"output", said}});
  if (WIFSIGNALED(wstatus))
    return Status::Unavailable(with ? N_("the push command was killed by signal {signal}: {output}")
                                    : N_("the push command was killed by signal {signal}"),
                               {{"signal", std::to_string(WTERMSIG(wstatus))}, {"output", said}});
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) != 0)
    return Status::Unavailable(with ? N_("the push command failed with exit status {status}: {output}")
                                    : N_("the push command failed with exit status {status}"),
                               {{"status", std::to_string(WEXITSTATUS(wstatus))}, {"output", said}});
  return Status::Ok();
}

}  // namespace

std::string PushKey(std::string_view command) {
  if (command.empty()) return {};
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(command.data()), command.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), 8));
}

Status CheckPushCommand(const PushCommand& push) {
  if (push.command.find_first_not_of(" \t") == std::string::npos)
    return Status::Invalid("--push-command: name the command that copies the export to the web server");
  if (push.command.find('\0') != std::string::npos || push.command.find('\n') != std::string::npos)
    return Status::Invalid("--push-command: one line, without NUL characters");
  if (push.timeout < std::chrono::seconds(1) || push.timeout > kMaxPushTimeout)
    return Status::Invalid(fmt::format("--push-timeout: 1 to {} seconds", kMaxPushTimeout.count()));
  return Status::Ok();
}

void StopPushOnStopSignals() {
  struct sigaction action {};
  action.sa_handler = &StopPushAndDie;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
}

Status WriteChangedList(const std::filesystem::path& list, const std::vector<std::string>& urls,
                        const std::filesystem::path& root) {
  std::set<std::string> paths;
  std::error_code ec;
  for (const std::string& url : urls) {
    const std::filesystem::path file = FileFor(url);
    for (const char* suffix : {"", ".gz", ".br"}) paths.insert(file.string() + suffix);
    if (root.empty()) continue;
    for (auto dir = file.parent_path(); !dir.empty() && !std::filesystem::exists(root / dir, ec);
         dir = dir.parent_path())
      paths.insert(dir.string());
  }
  std::string text;
  for (const std::string& p : paths) text += p + "\n";
  return WriteFileAtomically(list, text);
}

Status RunPush(const PushCommand& push, const std::filesystem::path& dir, std::int64_t seq,
               const std::filesystem::path& changed_list, const std::atomic<bool>* cancel) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::Unavailable(N_("cannot start the push command: no pipe"));
  auto env = PushEnvironment(dir, seq, changed_list);
  auto pid = Spawn(push.command, env, fds[1]);
  ::close(fds[1]);
  if (!pid.ok()) {
    ::close(fds[0]);
    return pid.status();
  }
  running_group = *pid;
  const auto deadline = Clock::now() + push.timeout;
  std::string out;
  int wstatus = 0;
  bool exited = false, timed_out = false, cancelled = false, open = true;
  char buf[4096];
  while (!exited) {
    cancelled = cancel && cancel->load();
    if (cancelled || Clock::now() >= deadline) {
      timed_out = !cancelled;
      StopGroup(*pid, &wstatus);
      break;
    }
    if (open) {  // what it says, in slices, so that its exit is seen even if a child keeps the pipe
      pollfd p{fds[0], POLLIN, 0};
      if (::poll(&p, 1, 100) > 0) {
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        if (n == 0) open = false;
        if (out.size() > 2 * kMaxPushOutputKept) out.erase(0, out.size() - kMaxPushOutputKept);
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const pid_t done = ::waitpid(*pid, &wstatus, WNOHANG);
    exited = done == *pid;
  }
  running_group = 0;
  for (pollfd p{fds[0], POLLIN, 0}; open && exited && ::poll(&p, 1, 0) > 0;) {  // what is left
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (cancelled) return Status::Unavailable(N_("the push was stopped: procura is stopping"));
  return HowItEnded(wstatus, timed_out, push.timeout, LastLines(std::move(out)));
}

}  // namespace procura::publish
