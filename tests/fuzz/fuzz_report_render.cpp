// libFuzzer target: any bytes as report text given to render() in every format. A host may
// hand render() a stored or edited report: wrong types, missing sections and hostile
// strings must give an error or a rendering, never a crash.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seclead;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* format : fuzz::kFormats) fuzz::checkResult(render(text, format), format);
  fuzz::checkResult(render(text, "pdf"), "unknown format");
  return 0;
}
