// The exact double <-> decimal conversions (core/src/decimal.h) against glibc's snprintf and
// strtod, which they replace: same shortest digits, same nearest double, ties included.
#include "decimal.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace seclead::decimal {
namespace {

double fromBits(std::uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// What json.cpp did before: the first snprintf precision that strtod reads back as `d`,
// as 0.digits * 10^exponent without trailing zeros.
Digits printfShortest(double d) {
  char buffer[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, d);
    if (std::strtod(buffer, nullptr) == d) break;
  }
  Digits out;
  const char* e = std::strchr(buffer, 'e');
  for (const char* p = buffer; p < e; ++p)
    if (*p != '.') out.digits.push_back(*p);
  while (out.digits.size() > 1 && out.digits.back() == '0') out.digits.pop_back();
  out.exponent = std::atoi(e + 1) + 1;
  return out;
}

// "d.ddde+XX" (or plain digits) as the digits and power of ten nearest() takes.
double nearestOf(const std::string& text) {
  std::string digits;
  std::int64_t exponent = 0;
  std::size_t i = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
    digits += text[i];
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, --exponent)
      digits += text[i];
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E'))
    exponent += std::atoll(text.c_str() + i + 1);
  return nearest(digits, exponent);
}

void expectShortestLikePrintf(double d) {
  if (d == 0) return;  // written as "0.0" before shortest() is asked
  const Digits expected = printfShortest(d);
  const Digits actual = shortest(d);
  ASSERT_EQ(actual.digits, expected.digits) << std::hexfloat << d;
  ASSERT_EQ(actual.exponent, expected.exponent) << std::hexfloat << d;
}

TEST(Decimal, ShortestDigitsAreSnprintfsForRandomDoubles) {
  std::mt19937_64 random(20261203);
  for (int i = 0; i < 10'000; ++i) {
    const double d = fromBits(random() & 0x7FFF'FFFF'FFFF'FFFFull);  // positive
    if (!std::isfinite(d) || d == 0) continue;
    expectShortestLikePrintf(d);
  }
}

TEST(Decimal, ShortestDigitsAreSnprintfsAtTheEdges) {
  for (double d :
       {DBL_MIN, DBL_MAX, DBL_TRUE_MIN, 5e-324, 1.0, 0.1, 0.2, 0.3, 1e23, 9007199254740993.0,
        2.2250738585072009e-308, 1.7976931348623157e308, 123456.789, 0.000123})
    expectShortestLikePrintf(d);
  // Powers of two (the lower neighbour is closer) and of ten, and their neighbours.
  for (int e = -1074; e <= 1023; ++e) {
    const double p = std::ldexp(1.0, e);
    expectShortestLikePrintf(p);
    expectShortestLikePrintf(std::nextafter(p, 0.0));
    if (e < 1023) expectShortestLikePrintf(std::nextafter(p, INFINITY));
  }
  for (int e = -323; e <= 308; ++e) {
    const double p = std::strtod(("1e" + std::to_string(e)).c_str(), nullptr);
    expectShortestLikePrintf(p);
    expectShortestLikePrintf(std::nextafter(p, 0.0));
    if (e < 308) expectShortestLikePrintf(std::nextafter(p, INFINITY));
  }
  // Amounts as reports carry them: cents, shares, hours; and decimals of every length and scale
  // around the few-decimals path's limits (15 digits, 10^22, 2^51).
  std::mt19937_64 random(7);
  for (int i = 0; i < 20'000; ++i)
    expectShortestLikePrintf(static_cast<double>(random() % 100'000'000 + 1) / 100.0);
  static const double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  for (int i = 0; i < 20'000; ++i) {
    const auto n = static_cast<double>(random() % (std::uint64_t{1} << (1 + random() % 55)) + 1);
    const double d = n / kPowers[random() % 23];
    expectShortestLikePrintf(d);
    expectShortestLikePrintf(std::nextafter(d, INFINITY));
  }
}

TEST(Decimal, NearestIsStrtodsForRandomDecimals) {
  std::mt19937_64 random(42);
  for (int i = 0; i < 20'000; ++i) {
    std::string text;
    const int digits = 1 + static_cast<int>(random() % (i % 10 == 0 ? 900 : 25));
    for (int k = 0; k < digits; ++k) text += static_cast<char>('0' + random() % 10);
    text +=
        "e" + std::to_string(static_cast<int>(random() % 720) - 360 - (digits > 25 ? digits : 0));
    const double expected = std::strtod(text.c_str(), nullptr);
    ASSERT_EQ(nearestOf(text), expected) << text;
  }
}

TEST(Decimal, NearestBreaksExactTiesToEvenLikeStrtod) {
  // The midpoint between two neighbouring doubles, written out exactly (a long double holds it
  // and glibc prints every digit): on it, just above it and just below it.
  std::mt19937_64 random(99);
  for (int i = 0; i < 3'000; ++i) {
    double d = fromBits(random() & 0x7FEF'FFFF'FFFF'FFFFull);
    if (!std::isfinite(d) || d == 0) continue;
    const long double midpoint = (static_cast<long double>(d) + std::nextafter(d, INFINITY)) / 2;
    char exact[1200];
    std::snprintf(exact, sizeof exact, "%.1100Le", midpoint);
    std::string text(exact);
    const std::size_t e = text.find('e');
    std::string mantissa = text.substr(0, e), power = text.substr(e);
    while (mantissa.back() == '0') mantissa.pop_back();
    for (const std::string& candidate : {mantissa + power, mantissa + "000001" + power, [&] {
                                           std::string below =
                                               mantissa;  // the last digit one less, then nines
                                           std::size_t k = below.size() - 1;
                                           --below[k];
                                           return below + "9999999" + power;
                                         }()}) {
      ASSERT_EQ(nearestOf(candidate), std::strtod(candidate.c_str(), nullptr)) << candidate;
    }
  }
}

TEST(Decimal, NearestOverflowsAndUnderflowsLikeStrtod) {
  for (const char* text :
       {"1e309", "17976931348623158e292", "17976931348623157e292", "1e-400",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "4.9e-324", "0", "000000", "0.000e5",
        "1e-324", "3e-324", "2.2250738585072011e-308", "2.2250738585072012e-308"})
    EXPECT_EQ(nearestOf(text), std::strtod(text, nullptr)) << text;
}

TEST(Decimal, ShortestReadsBackExactly) {
  std::mt19937_64 random(5);
  for (int i = 0; i < 5'000; ++i) {
    const double d = fromBits(random() & 0x7FFF'FFFF'FFFF'FFFFull);
    if (!std::isfinite(d) || d == 0) continue;
    const Digits s = shortest(d);
    ASSERT_EQ(nearest(s.digits, s.exponent - static_cast<std::int64_t>(s.digits.size())), d);
  }
}

}  // namespace
}  // namespace seclead::decimal
