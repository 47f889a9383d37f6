#include "decimal.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace seclead::decimal {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// An unsigned integer of any size: 32-bit limbs, least significant first, no high zero limb
// (zero has no limbs). Only what the two conversions need.
class Big {
 public:
  Big() = default;
  explicit Big(std::uint64_t v) {
    for (; v != 0; v >>= 32) limbs_.push_back(static_cast<std::uint32_t>(v));
  }

  bool isZero() const { return limbs_.empty(); }

  void multiplyAdd(std::uint32_t factor, std::uint32_t add = 0) {
    std::uint64_t carry = add;
    for (auto& limb : limbs_) {
      const std::uint64_t v = std::uint64_t{limb} * factor + carry;
      limb = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    if (carry != 0) limbs_.push_back(static_cast<std::uint32_t>(carry));
  }

  void multiplyByPowerOfFive(std::int64_t n) {
    for (; n >= 13; n -= 13) multiplyAdd(1220703125);  // 5^13, the largest below 2^32
    std::uint32_t rest = 1;
    for (; n > 0; --n) rest *= 5;
    multiplyAdd(rest);
  }

  void shiftLeft(std::int64_t bits) {
    if (isZero() || bits <= 0) return;
    const auto whole = static_cast<std::size_t>(bits / 32);
    const auto part = static_cast<unsigned>(bits % 32);
    if (part != 0) {
      std::uint32_t carry = 0;
      for (auto& limb : limbs_) {
        const std::uint32_t next = limb >> (32 - part);
        limb = (limb << part) | carry;
        carry = next;
      }
      if (carry != 0) limbs_.push_back(carry);
    }
    limbs_.insert(limbs_.begin(), whole, 0);
  }

  void shiftRightOne() {
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      limbs_[i] >>= 1;
      if (i + 1 < limbs_.size()) limbs_[i] |= limbs_[i + 1] << 31;
    }
    trim();
  }

  std::int64_t bitLength() const {
    if (isZero()) return 0;
    std::uint32_t top = limbs_.back();
    std::int64_t bits = static_cast<std::int64_t>(limbs_.size() - 1) * 32;
    for (; top != 0; top >>= 1) ++bits;
    return bits;
  }

  friend int compare(const Big& a, const Big& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (std::size_t i = a.limbs_.size(); i-- > 0;)
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    return 0;
  }

  // *this -= other; requires *this >= other.
  void subtract(const Big& other) {
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      std::int64_t v = std::int64_t{limbs_[i]} - borrow -
                       (i < other.limbs_.size() ? std::int64_t{other.limbs_[i]} : 0);
      borrow = v < 0 ? 1 : 0;
      limbs_[i] = static_cast<std::uint32_t>(v + (borrow << 32));
    }
    trim();
  }

 private:
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<std::uint32_t> limbs_;
};

// floor(numerator / denominator) if it is below 2^64 (else false); `inexact`: a remainder.
bool divide(Big numerator, Big denominator, std::uint64_t& quotient, bool& inexact) {
  denominator.shiftLeft(64);
  if (compare(numerator, denominator) >= 0) return false;
  quotient = 0;
  for (int bit = 63; bit >= 0; --bit) {
    denominator.shiftRightOne();
    if (compare(numerator, denominator) >= 0) {
      numerator.subtract(denominator);
      quotient |= std::uint64_t{1} << bit;
    }
  }
  inexact = !numerator.isZero();
  return true;
}

constexpr std::uint64_t kTenTo18 = 1'000'000'000'000'000'000ull;

// A positive decimal: digits * 10^exponent, `digits` without leading zeros; when `inexact`,
// the value lies strictly between that and the next number with as many digits.
struct Leading {
  std::string digits;
  std::int64_t exponent = 0;
  bool inexact = false;
};

// The first 19 significant digits of mantissa * 2^binaryExponent (> 0): 18 decide the
// correct rounding to 17, the 19th and `inexact` whether the rest is above, at or below half,
// and they compare exactly with any shorter decimal.
Leading leading(std::uint64_t mantissa, std::int64_t binaryExponent) {
  std::int64_t bits = binaryExponent - 1;
  for (std::uint64_t m = mantissa; m != 0; m >>= 1) ++bits;  // 2^bits <= value < 2^(bits+1)
  // floor(bits * log10(2)), which floor(log10(value)) equals or exceeds by one.
  const std::int64_t power =
      bits >= 0 ? bits * 78913 / 262144 : -((-bits * 78913 + 262143) / 262144);
  std::int64_t scale = 17 - power;  // value * 10^scale is in [10^17, 10^19)
  for (;;) {
    Big numerator(mantissa), denominator(1);
    (scale >= 0 ? numerator : denominator).multiplyByPowerOfFive(scale >= 0 ? scale : -scale);
    const std::int64_t twos = binaryExponent + scale;  // 10^scale = 5^scale * 2^scale
    (twos >= 0 ? numerator : denominator).shiftLeft(twos >= 0 ? twos : -twos);
    std::uint64_t quotient = 0;
    bool inexact = false;
    if (!divide(numerator, denominator, quotient, inexact)) {
      --scale;  // not reached: the estimate is never too high
      continue;
    }
    if (quotient < kTenTo18) {
      ++scale;
      continue;
    }
    std::string digits(19, '0');
    for (std::size_t i = 19; i-- > 0; quotient /= 10)
      digits[i] = static_cast<char>('0' + quotient % 10);
    return {std::move(digits), -scale, inexact};
  }
}

// Compares two decimals, at most one of them inexact.
int compare(const Leading& a, const Leading& b) {
  const auto magnitudeA = static_cast<std::int64_t>(a.digits.size()) + a.exponent;
  const auto magnitudeB = static_cast<std::int64_t>(b.digits.size()) + b.exponent;
  if (magnitudeA != magnitudeB) return magnitudeA < magnitudeB ? -1 : 1;
  const std::size_t length = std::max(a.digits.size(), b.digits.size());
  for (std::size_t i = 0; i < length; ++i) {
    const char x = i < a.digits.size() ? a.digits[i] : '0';
    const char y = i < b.digits.size() ? b.digits[i] : '0';
    if (x != y) return x < y ? -1 : 1;
  }
  return a.inexact ? 1 : b.inexact ? -1 : 0;
}

// `value` correctly rounded (ties to even) to `precision` (< 19) significant digits.
Leading rounded(const Leading& value, std::size_t precision) {
  Leading out{value.digits.substr(0, precision),
              value.exponent + static_cast<std::int64_t>(value.digits.size() - precision), false};
  const std::string_view rest = std::string_view(value.digits).substr(precision);
  bool up = rest[0] > '5';
  if (rest[0] == '5') {
    const bool above = value.inexact || rest.find_first_not_of('0', 1) != std::string_view::npos;
    up = above || (out.digits.back() - '0') % 2 == 1;
  }
  if (up) {
    std::size_t i = out.digits.size();
    while (i > 0 && out.digits[i - 1] == '9') out.digits[--i] = '0';
    if (i == 0) {
      out.digits.insert(out.digits.begin(), '1');  // 99..9 + 1: one more digit, all zeros
      out.digits.pop_back();
      ++out.exponent;
    } else {
      ++out.digits[i - 1];
    }
  }
  return out;
}

// Most numbers in a report have a few decimals (0.5, 1234.56). For those, the first k at which
// value * 10^k rounds to an integer N that reads back gives the shortest digits directly: N and
// 10^k (k <= 22) are exact doubles, so N / 10^k is one correctly rounded division, the double
// strtod returns for "Ne-k". Below 2^51 the product is within 0.5 of N, so N is found; and with
// at most 15 digits no other decimal of as few digits reads back as the same double.
bool fewDecimals(double value, Digits& out) {
  for (int k = 0; k <= 22; ++k) {
    const double scaled = value * kExactPowersOfTen[k];
    if (scaled >= 0x1p51) return false;
    const double n = std::nearbyint(scaled);
    if (n == 0 || n / kExactPowersOfTen[k] != value) continue;
    auto integer = static_cast<std::uint64_t>(n);
    std::string digits;
    for (; integer != 0; integer /= 10)
      digits.insert(digits.begin(), static_cast<char>('0' + integer % 10));
    out.exponent = static_cast<int>(digits.size()) - k;
    while (digits.back() == '0') digits.pop_back();
    out.digits = std::move(digits);
    return true;
  }
  return false;
}

}  // namespace

Digits shortest(double value) {
  Digits quick;
  if (fewDecimals(value, quick)) return quick;

  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  const auto field = static_cast<std::int64_t>((bits >> 52) & 0x7FF);
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  const std::uint64_t m = field == 0 ? fraction : fraction | (std::uint64_t{1} << 52);
  const std::int64_t e = field == 0 ? -1074 : field - 1075;  // value = m * 2^e
  // Every decimal strictly between the midpoints to the neighbours reads back as `value`; so
  // does a midpoint itself when m is even (strtod breaks ties to even). Below a power of two
  // the lower neighbour is half as far. In quarters of 2^e, all three are integers.
  const bool closerBelow = fraction == 0 && field > 1;
  const Leading exact = leading(4 * m, e - 2);
  const Leading low = leading(4 * m - (closerBelow ? 1 : 2), e - 2);
  const Leading high = leading(4 * m + 2, e - 2);
  const bool even = m % 2 == 0;
  Leading digits = exact;
  for (std::size_t precision = 1; precision <= 17; ++precision) {
    digits = rounded(exact, precision);
    const int belowHigh = compare(digits, high), aboveLow = compare(digits, low);
    if ((aboveLow > 0 || (even && aboveLow == 0)) && (belowHigh < 0 || (even && belowHigh == 0)))
      break;
  }
  while (digits.digits.size() > 1 && digits.digits.back() == '0') {
    digits.digits.pop_back();
    ++digits.exponent;
  }
  const auto exponent =
      static_cast<int>(static_cast<std::int64_t>(digits.digits.size()) + digits.exponent);
  return {std::move(digits.digits), exponent};
}

double nearest(std::string_view digits, std::int64_t exponent) {
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) return 0.0;
  digits.remove_prefix(first);
  // 800 significant digits decide the rounding of any double (at most 767 can matter); the
  // rest only says whether the value lies above the 800-digit one, so it becomes one '1'.
  constexpr std::size_t kKept = 800;
  std::string kept(digits.substr(0, kKept));
  if (digits.size() > kKept) {
    exponent += static_cast<std::int64_t>(digits.size() - kKept);
    if (digits.find_first_not_of('0', kKept) != std::string_view::npos) {
      kept.push_back('1');
      --exponent;
    }
  }
  const std::int64_t magnitude =
      static_cast<std::int64_t>(kept.size()) + exponent;  // < 10^magnitude
  if (magnitude > 310) return kInfinity;                  // >= 10^309: above the largest double
  if (magnitude < -330) return 0.0;                       // < 10^-330: below half the smallest one

  Big numerator, denominator(1);
  for (char c : kept) numerator.multiplyAdd(10, static_cast<std::uint32_t>(c - '0'));
  if (exponent >= 0) {
    numerator.multiplyByPowerOfFive(exponent);
    numerator.shiftLeft(exponent);
  } else {
    denominator.multiplyByPowerOfFive(-exponent);
    denominator.shiftLeft(-exponent);
  }
  // quotient = floor(value * 2^scale), between 2^62 and 2^64: 53 bits and the rounding bits.
  const std::int64_t scale = 63 - (numerator.bitLength() - denominator.bitLength());
  if (scale >= 0)
    numerator.shiftLeft(scale);
  else
    denominator.shiftLeft(-scale);
  std::uint64_t quotient = 0;
  bool inexact = false;
  divide(numerator, denominator, quotient, inexact);  // below 2^64 by the choice of scale

  int width = 0;  // bits in the quotient
  for (std::uint64_t q = quotient; q != 0; q >>= 1) ++width;
  std::int64_t top = width - 1 - scale;  // value is in [2^top, 2^(top+1))
  std::int64_t drop = width - 53;        // quotient bits below the mantissa
  if (top < -1022) drop += -1022 - top;  // subnormal: fewer mantissa bits
  if (drop > 64) return 0.0;             // below half the smallest subnormal
  const std::uint64_t mantissa0 = drop == 64 ? 0 : quotient >> drop;
  const std::uint64_t rest = drop == 64 ? quotient : quotient & ((std::uint64_t{1} << drop) - 1);
  const std::uint64_t half = std::uint64_t{1} << (drop - 1);
  std::uint64_t mantissa = mantissa0;
  if (rest > half || (rest == half && (inexact || (mantissa & 1) != 0))) ++mantissa;

  std::uint64_t bits;
  if (top < -1022) {
    bits = mantissa;  // subnormal; 2^52 after rounding up is the smallest normal, as encoded
  } else {
    if (mantissa == std::uint64_t{1} << 53) {
      mantissa >>= 1;
      ++top;
    }
    if (top > 1023) return kInfinity;
    bits = (static_cast<std::uint64_t>(top + 1023) << 52) |
           (mantissa & ((std::uint64_t{1} << 52) - 1));
  }
  double out;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

}  // namespace seclead::decimal
