// Test-only fault hooks. An integration test arms one fault for a whole
// process with PROCURA_FAULT=<name> (kill-after-commit, slow-preview,
// slow-export, article-throws); a hook asks FaultArmed(name) once, into a
// function-local static, and costs nothing afterwards. Unset in production.
#pragma once

#include <string_view>

namespace procura {

// Whether PROCURA_FAULT names `name` now (read on every call).
bool FaultArmed(std::string_view name);

}  // namespace procura
