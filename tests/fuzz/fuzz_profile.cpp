// libFuzzer target: any bytes as a profile through validate() and assess(). validate and
// assess must agree on validity, never crash, and an accepted profile gives a JSON report.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seclead;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Result v = validate(text);
  fuzz::checkResult(v, "validate");
  Result a = assess(text);
  fuzz::checkResult(a, "assess");
  if (v.ok != a.ok)
    fuzz::fail("validate and assess disagree", v.ok ? a.errorJson() : v.errorJson());
  if (a.ok) {
    auto report = nlohmann::json::parse(a.output, nullptr, false);
    if (report.is_discarded() || !report.is_object() ||
        report.value("schema", "") != "seclead.report/1")
      fuzz::fail("assess output is not a report", a.output);
    Result again = assess(text);  // determinism on the same input
    if (again.output != a.output) fuzz::fail("assess is not deterministic", std::string(text));
  }
  return 0;
}
