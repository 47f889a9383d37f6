// Differential fuzzing of the exact double <-> decimal conversions (core/src/decimal.h) against
// glibc, which they replaced: the first 8 bytes as a double must get snprintf's shortest
// digits; the rest as digits and a power of ten must get strtod's double. A difference aborts.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "decimal.h"

namespace {

void checkShortest(double value) {
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string digits;
  const char* e = std::strchr(buffer, 'e');
  for (const char* p = buffer; p < e; ++p)
    if (*p != '.') digits.push_back(*p);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const seclead::decimal::Digits actual = seclead::decimal::shortest(value);
  if (actual.digits != digits || actual.exponent != std::atoi(e + 1) + 1) {
    std::fprintf(stderr, "shortest(%a): %s e%d, snprintf: %s\n", value, actual.digits.c_str(),
                 actual.exponent, buffer);
    std::abort();
  }
}

void checkNearest(const std::string& digits, int exponent) {
  const std::string text = digits + "e" + std::to_string(exponent);
  const double expected = std::strtod(text.c_str(), nullptr);
  const double actual = seclead::decimal::nearest(digits, exponent);
  if (std::memcmp(&actual, &expected, sizeof actual) != 0) {
    std::fprintf(stderr, "nearest(%s) = %a, strtod: %a\n", text.c_str(), actual, expected);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size >= 8) {
    std::uint64_t bits;
    std::memcpy(&bits, data, sizeof bits);
    double value;
    bits &= 0x7FFF'FFFF'FFFF'FFFFull;  // positive: the writer passes the magnitude
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value) && value != 0) checkShortest(value);
    data += 8;
    size -= 8;
  }
  if (size >= 2) {
    // Two bytes of exponent (-400..399, around the doubles' range), then one digit per byte.
    const int exponent = (data[0] << 8 | data[1]) % 800 - 400;
    std::string digits;
    for (std::size_t i = 2; i < size && digits.size() < 1200; ++i)
      digits.push_back(static_cast<char>('0' + data[i] % 10));
    if (!digits.empty()) checkNearest(digits, exponent);
  }
  return 0;
}
