// libFuzzer target: any bytes as a profile; when accepted, its report rendered in every
// format (json, markdown, csv, html, oscal, summary). Rendering a real report must always succeed.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seclead;
  Result a = assess(std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::checkResult(a, "assess");
  if (!a.ok) return 0;
  for (const char* format : fuzz::kFormats) {
    Result r = render(a.output, format);
    fuzz::checkResult(r, format);
    if (!r.ok)
      fuzz::fail("a real report did not render", std::string(format) + ": " + r.errorJson());
    if (r.output.empty()) fuzz::fail("empty rendering", format);
  }
  return 0;
}
