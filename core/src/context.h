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
    if (!todayCache) todayCache = std::make_shared<TodayStructure>(kb, profile);
    return *todayCache;
  }
  const std::vector<Person>& people() const { return today().people(); }
};

}  // namespace seclead
