#include "overlay.h"

namespace seclead {

OverlaidKb applyOverlays(const Kb& base, const std::vector<std::string>& overlays,
                         std::vector<Error>& errors) {
  OverlaidKb out;
  // Non-owning pointer to the base: no overlays means no copy.
  out.kb = std::shared_ptr<const Kb>(&base, [](const Kb*) {});
  if (!overlays.empty()) {
    errors.push_back({"", "unknown-field", "overlays are not supported yet", "overlay[0]"});
    out.kb.reset();
  }
  return out;
}

}  // namespace seclead
