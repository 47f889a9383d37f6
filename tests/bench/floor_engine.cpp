// A stand-in for the engine (seclead/engine.h) that does no work: linked with the real
// bindings.cpp and the npm module's flags into seclead_engine_floor (wasm/CMakeLists.txt),
// it measures what a cold start costs before the engine does anything: Node's ES module
// loader, the package's modules, the glue, Embind, one call through api.js
// (tests/bench/wasm-cold-floor.mjs, tests/bench/README.md "The floor of a cold start").
// assess() echoes its input, so its reply is a profile's size, not a report's: if anything,
// the floor it measures is a little low.
#include "seclead/engine.h"

namespace seclead {

std::string version() noexcept {
  return "0.0.0-floor";
}
std::string knowledgeBaseVersion() noexcept {
  return "none";
}
std::string Result::errorJson() const {
  return "{\"errors\":[]}";
}

Result validate(std::string_view, const Options&) noexcept {
  return {true, "{\"valid\":true}", {}};
}
Result assess(std::string_view profileJson, const Options&) noexcept {
  return {true, std::string(profileJson), {}};
}
Result render(std::string_view reportJson, std::string_view) noexcept {
  return {true, std::string(reportJson), {}};
}
Result questionnaire() noexcept {
  return {true, "{}", {}};
}

}  // namespace seclead
