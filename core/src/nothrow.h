// The WebAssembly build has no exceptions (a throw there aborts the module), so the core does
// not throw: JSON accessors record faults instead (json.h). The catch blocks of engine.cpp and
// profile.cpp are a native-only net for a throw that must not happen (a library throw, an
// allocation failure). Built with SECLEAD_NOTHROW_CHECK (the debug, asan and fuzz presets),
// reaching one stops the process, so the test suite and the fuzzers find every input that
// would abort the WebAssembly module; release builds answer with an internal error.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace seclead {

// Called in a catch block with what was caught; gives it back for the internal error.
inline const char* exceptionReached(const char* what) {
#ifdef SECLEAD_NOTHROW_CHECK
  std::fprintf(
      stderr,
      "seclead: exception reached the core's catch (%s): the WebAssembly build aborts here\n",
      what);
  std::abort();
#endif
  return what;
}

}  // namespace seclead
