// The WebAssembly build cannot catch exceptions (a throw there ends the whole call as a
// JavaScript exception, skipping every destructor and catch on the way), so the core does
// not throw: JSON accessors record faults instead (json.h). The catch blocks of engine.cpp and
// profile.cpp are a native-only net for a throw that must not happen (a library throw, an
// allocation failure). Built with SECLEAD_NOTHROW_CHECK (the debug, asan and fuzz presets),
// reaching one stops the process, so the test suite and the fuzzers find every input that
// the WebAssembly module could not handle; release builds answer with an internal error.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace seclead {

// Called in a catch block with what was caught; gives it back for the internal error.
inline const char* exceptionReached(const char* what) {
#ifdef SECLEAD_NOTHROW_CHECK
  std::fprintf(
      stderr,
      "seclead: exception reached the core's catch (%s): the WebAssembly build cannot catch it\n",
      what);
  std::abort();
#endif
  return what;
}

}  // namespace seclead
