// Knowledge overlays: vendor/consultant JSON merged into the knowledge base, validated with
// the same error contract (JSON Pointers into the overlay, input "overlay[N]").
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kb.h"
#include "seclead/engine.h"

namespace seclead {

struct AppliedOverlay {
  std::string name;    // the overlay's "name"
  std::string sha256;  // of its bytes as given
};

struct OverlaidKb {
  std::shared_ptr<const Kb> kb;
  std::vector<AppliedOverlay> applied;
};

// Merges the overlays into `base` in order. On any error returns nullptr kb and appends errors.
// With no overlays returns `base` itself (not copied).
OverlaidKb applyOverlays(const Kb& base, const std::vector<std::string>& overlays,
                         std::vector<Error>& errors);

}  // namespace seclead
