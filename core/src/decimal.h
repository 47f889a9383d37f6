// Exact conversions between doubles and decimal digits, without libc's printf and strtod.
//
// Writing a double needs its shortest digits that read back as the same double, and reading
// needs the double nearest to any decimal. libc did both (snprintf "%.*e" in a loop checked by
// strtod), but in WebAssembly those two pull in printf's formatter and 128-bit floating point
// emulated in software: 11 KB gzip of the module for a few numbers per report. Here both are
// done exactly with a small big-integer type, and natively and in WebAssembly by the same code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace seclead::decimal {

// 10^0 .. 10^22: every power of ten a double holds exactly (the fast paths of both ways).
inline constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The value is 0.digits * 10^exponent; `digits` has no leading or trailing zero.
struct Digits {
  std::string digits;
  int exponent = 0;
};

// The fewest decimal digits that read back as `value` (finite and > 0), correctly rounded:
// what snprintf("%.*e") with increasing precision gives for the first precision at which
// strtod returns `value` again.
Digits shortest(double value);

// The double nearest to `digits` * 10^exponent (ties to even), as strtod rounds; `digits` are
// ASCII decimal digits (leading zeros allowed, at least one digit). Infinity when the value is
// too large for a double.
double nearest(std::string_view digits, std::int64_t exponent);

}  // namespace seclead::decimal
