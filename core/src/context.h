// What every engine step reads: the knowledge base, the profile, the facts, the options.
#pragma once

#include "facts.h"
#include "kb.h"
#include "profile.h"

namespace seclead {

struct Context {
  const Kb& kb;
  const Profile& profile;
  const Facts& facts;
  const Options& options;
};

}  // namespace seclead
