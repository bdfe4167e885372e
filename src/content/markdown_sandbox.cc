#include "content/markdown_sandbox.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>

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

// The answer for one render: "O<html>", an encoded error, or "L" when the
// HTML is over `limits.max_output_bytes`.
std::string AnswerFor(std::string_view md, const RenderLimits& limits) {
  auto html = RenderMarkdown(md);
  if (!html.ok()) return EncodeError(html.status());
  if (html->size() > limits.max_output_bytes) return "L";
  return "O" + *html;
}

// What an answer says (see AnswerFor).
Result<std::string> ResultOf(std::string_view answer) {
  if (answer.empty())
    return Status::Unavailable(N_("The text needed too much memory or time to format; simplify it."));
  if (answer[0] == 'E') return DecodeError(answer);
  if (answer[0] == 'L') return Status::Invalid(N_("The formatted text is too large."));
  return std::string(answer.substr(1));
}

// Reads the child's answer until EOF, the deadline or `cap` bytes.
enum class ReadEnd { kEof, kTimeout, kTooLarge, kError };
ReadEnd ReadAnswer(int fd, std::string& out, std::chrono::milliseconds wall, std::size_t cap) {
  const auto deadline = std::chrono::steady_clock::now() + wall;
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
    if (out.size() > cap) return ReadEnd::kTooLarge;
  }
}

// How a child ended: how its answer's reading ended, and whether it
// exited by itself with status 0.
struct ChildEnd {
  ReadEnd read = ReadEnd::kError;
  bool exited_ok = false;
};

// Forks a child that runs `work` (writing its answer to the fd it is
// given) under `limits`, reads the answer into `answer` (at most `cap`
// bytes, within `limits.wall`), kills the child if it is not done, and
// reaps it. nullopt if no child could be started.
template <typename Work>
std::optional<ChildEnd> RunChild(const RenderLimits& limits, std::size_t cap, std::string& answer,
                                 Work&& work) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::nullopt;
  const std::size_t vsz = CurrentVirtualBytes();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    // Descriptors the parent holds (sockets, the search index's locked
    // files) are not the child's: a copy would keep an open-file-description
    // lock held as long as the child lives, so the parent could not lock
    // the index again after closing it.
    ::close(fds[0]);
    if (fds[1] > 3) ::close_range(3, fds[1] - 1, 0);
    ::close_range(fds[1] + 1, ~0U, 0);
    rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds + 1)};
    ::setrlimit(RLIMIT_CPU, &cpu);
    rlimit as{vsz + limits.extra_memory_bytes, vsz + limits.extra_memory_bytes};
    ::setrlimit(RLIMIT_AS, &as);
    ::_exit(work(fds[1]) ? 0 : 1);
  }
  ::close(fds[1]);
  ChildEnd end;
  end.read = ReadAnswer(fds[0], answer, limits.wall, cap);
  ::close(fds[0]);
  if (end.read != ReadEnd::kEof) ::kill(pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  end.exited_ok = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
  return end;
}

// A batch's answers cross the pipe framed: 4 bytes of length, the answer.
bool WriteFrame(int fd, std::string_view answer) {
  const auto n = static_cast<std::uint32_t>(answer.size());
  return WriteAll(fd, std::string_view(reinterpret_cast<const char*>(&n), sizeof n)) &&
         WriteAll(fd, answer);
}

// The complete frames at the front of `stream`, in order.
std::vector<std::string_view> CompleteFrames(std::string_view stream) {
  std::vector<std::string_view> out;
  std::uint32_t n = 0;
  while (stream.size() >= sizeof n) {
    std::memcpy(&n, stream.data(), sizeof n);
    if (stream.size() - sizeof n < n) break;
    out.push_back(stream.substr(sizeof n, n));
    stream.remove_prefix(sizeof n + n);
  }
  return out;
}

}  // namespace

Result<std::string> InProcessRenderer::Render(std::string_view md) const {
  return RenderMarkdown(md);
}

Result<std::string> SandboxedRenderer::Render(std::string_view md) const {
  // Refuse over-budget text here too, without paying for a process.
  if (md.size() > kMaxMarkdownBytes) return RenderMarkdown(md);
  if (Status s = CheckMarkdownBudget(md); !s.ok()) return s;
  std::string answer;
  auto end = RunChild(limits_, limits_.max_output_bytes + 1, answer,
                      [&](int fd) { return WriteAll(fd, AnswerFor(md, limits_)); });
  if (!end) return Status::Unavailable("cannot start the renderer");
  if (end->read == ReadEnd::kTimeout)
    return Status::Unavailable(N_("The text took too long to format; simplify it."));
  if (end->read == ReadEnd::kTooLarge) return Status::Invalid(N_("The formatted text is too large."));
  if (end->read != ReadEnd::kEof || !end->exited_ok) answer.clear();
  return ResultOf(answer);
}

std::vector<Result<std::string>> MarkdownRenderer::RenderEach(
    const std::vector<std::string_view>& texts) const {
  std::vector<Result<std::string>> out;
  out.reserve(texts.size());
  for (std::string_view md : texts) out.push_back(Render(md));
  return out;
}

std::vector<Result<std::string>> SandboxedRenderer::RenderEach(
    const std::vector<std::string_view>& texts) const {
  std::vector<std::optional<Result<std::string>>> found(texts.size());
  std::vector<std::size_t> batch;  // texts within the budget, for the child
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].size() <= kMaxMarkdownBytes && CheckMarkdownBudget(texts[i]).ok())
      batch.push_back(i);
    else
      found[i] = Render(texts[i]);  // refused without a process
  }
  if (batch.size() > 1) {
    std::string stream;
    RunChild(limits_, 4 * limits_.max_output_bytes, stream, [&](int fd) {
      for (std::size_t i : batch)
        if (!WriteFrame(fd, AnswerFor(texts[i], limits_))) return false;
      return true;
    });
    // What the child finished stands (an error among it too: the rules
    // refused that text, not the budget); the rest go one by one below.
    const auto frames = CompleteFrames(stream);
    for (std::size_t k = 0; k < frames.size() && k < batch.size(); ++k)
      if (!frames[k].empty()) found[batch[k]] = ResultOf(frames[k]);
  }
  std::vector<Result<std::string>> out;
  out.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i)
    out.push_back(found[i] ? std::move(*found[i]) : Render(texts[i]));
  return out;
}

}  // namespace procura
