// libFuzzer target: any bytes as a knowledge overlay merged over a fixed valid profile.
// A rejected overlay must come back as errors tagged "overlay[0]"; an accepted one as a report.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seclead;
  Options options;
  options.overlays.emplace_back(reinterpret_cast<const char*>(data), size);
  Result r = assess(fuzz::kBaseProfile, options);
  fuzz::checkResult(r, "assess with overlay");
  if (r.ok) {
    // An accepted overlay must render in every format too (overlays change texts and roles).
    for (const char* format : fuzz::kFormats) fuzz::checkResult(render(r.output, format), format);
  }
  return 0;
}
