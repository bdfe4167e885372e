#include "content/markdown_sandbox.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "content/markdown.h"
#include "content/markdown_budget.h"
#include "core/text.h"

namespace procura {
namespace {

// The process's current address-space size, from /proc/self/statm.
std::size_t CurrentVirtualBytes() {
  std::ifstream in("/proc/self/statm");
  std::size_t pages = 0;
  in >> pages;
  return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// An error crosses the pipe as "E" msgid ("\x1f" name "\x1e" value)*, so
// the parent can translate it.
std::string EncodeError(const Status& s) {
  std::string out = "E" + s.msgid();
  for (const auto& [k, v] : s.args()) out += "\x1f" + k + "\x1e" + v;
  return out;
}

Status DecodeError(std::string_view answer) {
  const auto pieces = Split(answer.substr(1), '\x1f');
  MessageArgs args;
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const std::size_t eq = pieces[i].find('\x1e');
    if (eq != std::string::npos) args.emplace_back(pieces[i].substr(0, eq), pieces[i].substr(eq + 1));
  }
  return Status::Invalid(pieces.empty() ? std::string() : pieces[0], std::move(args));
}

// Runs in the child: render, write "O<html>" or an encoded error, exit.
[[noreturn]] void ChildRender(int fd, std::string_view md, const RenderLimits& limits,
                              std::size_t parent_vsz) {
  rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds + 1)};
  ::setrlimit(RLIMIT_CPU, &cpu);
  rlimit as{parent_vsz + limits.extra_memory_bytes, parent_vsz + limits.extra_memory_bytes};
  ::setrlimit(RLIMIT_AS, &as);
  auto html = RenderMarkdown(md);
  const bool ok = html.ok() ? WriteAll(fd, "O") && WriteAll(fd, *html)
                            : WriteAll(fd, EncodeError(html.status()));
  ::_exit(ok ? 0 : 1);
}

// Reads the child's answer until EOF, the deadline or the size cap.
enum class ReadEnd { kEof, kTimeout, kTooLarge, kError };
ReadEnd ReadAnswer(int fd, std::string& out, const RenderLimits& limits) {
  const auto deadline = std::chrono::steady_clock::now() + limits.wall;
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ReadEnd::kTimeout;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return ReadEnd::kError;
    if (r == 0) return ReadEnd::kTimeout;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadEnd::kError;
    if (n == 0) return ReadEnd::kEof;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limits.max_output_bytes + 1) return ReadEnd::kTooLarge;
  }
}

}  // namespace

Result<std::string> InProcessRenderer::Render(std::string_view md) const {
  return RenderMarkdown(md);
}

Result<std::string> SandboxedRenderer::Render(std::string_view md) const {
  // Refuse over-budget text here too, without paying for a process.
  if (md.size() > kMaxMarkdownBytes) return RenderMarkdown(md);
  if (Status s = CheckMarkdownBudget(md); !s.ok()) return s;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::Unavailable("cannot start the renderer");
  const std::size_t vsz = CurrentVirtualBytes();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::Unavailable("cannot start the renderer");
  }
  if (pid == 0) {
    // Descriptors the parent holds (sockets, the search index's locked
    // files) are not the child's: a copy would keep an open-file-description
    // lock held as long as the child lives, so the parent could not lock
    // the index again after closing it.
    ::close(fds[0]);
    if (fds[1] > 3) ::close_range(3, fds[1] - 1, 0);
    ::close_range(fds[1] + 1, ~0U, 0);
    ChildRender(fds[1], md, limits_, vsz);
  }
  ::close(fds[1]);
  std::string answer;
  const ReadEnd end = ReadAnswer(fds[0], answer, limits_);
  ::close(fds[0]);
  if (end != ReadEnd::kEof) ::kill(pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (end == ReadEnd::kTimeout)
    return Status::Unavailable(N_("The text took too long to format; simplify it."));
  if (end == ReadEnd::kTooLarge) return Status::Invalid(N_("The formatted text is too large."));
  const bool exited = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
  if (end != ReadEnd::kEof || !exited || answer.empty())
    return Status::Unavailable(N_("The text needed too much memory or time to format; simplify it."));
  if (answer[0] == 'E') return DecodeError(answer);
  return answer.substr(1);
}

}  // namespace procura
