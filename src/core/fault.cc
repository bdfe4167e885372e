#include "core/fault.h"

#include <cstdlib>

namespace procura {

bool FaultArmed(std::string_view name) {
  const char* v = std::getenv("PROCURA_FAULT");
  return v && name == v;
}

}  // namespace procura
