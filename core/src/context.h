// What every engine step reads: the knowledge base, the profile, the facts, the options.
#pragma once

#include <memory>

#include "facts.h"
#include "kb.h"
#include "profile.h"

namespace seclead {

struct Context {
  const Kb& kb;
  const Profile& profile;
  const Facts& facts;
  const Options& options;
  // Today's people and obligation verdicts, built on first use and shared by every copy of
  // this context and by the what-if contexts made from it (their profiles differ only in
  // fields no verdict reads). Callers leave it empty.
  mutable std::shared_ptr<TodayStructure> todayCache = nullptr;

  TodayStructure& today() const {
    if (!todayCache) buildToday();
    return *todayCache;
  }
  // Out of line (obligations.cpp): V8 charges a WebAssembly function's tier-up budget by its
  // size at every return, so an accessor with the construction inlined (5 KB) was compiled
  // again by TurboFan during the first assessment, a cold start's main thread paying for it.
  [[gnu::noinline]] void buildToday() const;
  const std::vector<Person>& people() const { return today().people(); }
};

}  // namespace seclead
