// Where procura finds its read-only files (templates/, static/,
// data/demo/) and checks the data dir it writes to.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"

namespace procura::app {

// The directory holding templates/, static/ and data/demo/: the
// installed share dir (<exe>/../share/procura) if it exists, else the
// source tree this binary was built from.
std::filesystem::path DefaultShareDir();

// Checks that `dir` exists, is a directory and is writable (by creating
// and removing a probe file). Io with a message saying what is wrong and
// what to do. Never creates `dir`.
Status CheckDataDir(const std::filesystem::path& dir);

// Takes an exclusive lock on <dir>/procura.lock for the life of the
// process. Io if another procura holds it.
Status LockDataDir(const std::filesystem::path& dir);

}  // namespace procura::app
