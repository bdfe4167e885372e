// Pushing an export to the public web server (内外网分离): a command the
// operator names, such as `rsync -a ... /srv/export/ deploy@dmz-web:/srv/www/`,
// run after each export pass that changed something, so that the files
// reach the DMZ host and the newsroom can tell whether they did.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace procura::publish {

// Limits: a push that runs longer is stopped (its whole process group);
// at most this much of its output is kept for the error.
inline constexpr std::chrono::seconds kDefaultPushTimeout{600};
inline constexpr std::chrono::seconds kMaxPushTimeout{24 * 3600};
inline constexpr std::size_t kMaxPushOutputKept = 4096;

struct PushCommand {
  std::string command;  // run by /bin/sh -c; "" means the export is not pushed
  std::chrono::seconds timeout = kDefaultPushTimeout;
};

// What names a push command in the export's report: the first 16 hex
// digits of its SHA-256 ("" for ""), not the command itself, which may name
// a password. A changed command means another web server, whose holdings
// the last report does not describe.
std::string PushKey(std::string_view command);

// Invalid (naming the option) for an empty command, one with a NUL or a
// newline, or a timeout outside 1 s to kMaxPushTimeout.
Status CheckPushCommand(const PushCommand& push);

// Runs `push.command` with /bin/sh -c, in a process group of its own, with
// stdin from /dev/null and, in its environment, PROCURA_EXPORT_DIR (`dir`),
// PROCURA_EXPORT_CHANGE (`seq`, the change number the files reflect) and,
// when `changed_list` is given, PROCURA_EXPORT_CHANGED: that file lists,
// one to a line, the paths under `dir` written or deleted since the last
// good push (each exists now, to be copied, or not, to be deleted: what
// `rsync --files-from=LIST --delete-missing-args` does). Without it the
// command must copy everything (a first push, or too many changes).
// Ok when it exits 0 within the timeout. Otherwise Unavailable, saying how
// it ended (exit status, signal, or stopped at the timeout) and the last
// lines of what it wrote to stdout and stderr. Blocks: call it from the
// export's own thread, never an I/O thread. When `*cancel` becomes true
// (procura is stopping) the command is stopped as at the timeout, and the
// result says so.
Status RunPush(const PushCommand& push, const std::filesystem::path& dir, std::int64_t seq,
               const std::filesystem::path& changed_list = {},
               const std::atomic<bool>* cancel = nullptr);

// For a process that runs its push on the main thread and stops by dying
// of the signal (a one-off `procura export`): SIGINT, SIGTERM and SIGHUP
// first stop the push under way (its process group would outlive us),
// then end the process as the signal would have. A process that waits for
// its stop signals (`--follow`, `serve`) passes `cancel` to RunPush instead.
void StopPushOnStopSignals();

// Writes the list for PROCURA_EXPORT_CHANGED: for each URL its file under
// the export and the file's .gz and .br, relative, sorted, one to a line.
// With `root` (the export directory), also each directory of those files
// that is no longer under it (a withdrawn article's "articles/38"), so that
// the web server drops it too (`rsync --delete-missing-args --force`).
Status WriteChangedList(const std::filesystem::path& list, const std::vector<std::string>& urls,
                        const std::filesystem::path& root = {});

}  // namespace procura::publish
