// cat() and concat() (core/src/message.h): the out-of-line builders of messages and report
// texts.
#include "message.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace seclead {
namespace {

TEST(Message, JoinsTextCharactersIntegersAndHexBytes) {
  std::string owned = "owned";
  EXPECT_EQ(cat({"line ", 3, ", column ", std::size_t{14}, ": '", '{', "' ", owned,
                 std::string_view(" view")}),
            "line 3, column 14: '{' owned view");
  EXPECT_EQ(cat({"byte 0x", HexByte{0x00}, " 0x", HexByte{0x1f}, " 0x", HexByte{0xff}}),
            "byte 0x00 0x1F 0xFF");
  EXPECT_EQ(cat({}), "");
}

TEST(Message, WritesIntegersLikeToString) {
  for (long long n : {0LL, 7LL, -7LL, 10LL, 1048576LL, -1000000000000LL,
                      std::numeric_limits<long long>::max(), std::numeric_limits<long long>::min()})
    EXPECT_EQ(cat({n}), std::to_string(n)) << n;
  EXPECT_EQ(cat({std::numeric_limits<std::uint64_t>::max()}), "18446744073709551615");
  EXPECT_EQ(cat({std::numeric_limits<int>::min()}),
            std::to_string(std::numeric_limits<int>::min()));
}

TEST(Message, KeepsEmbeddedNulBytesOfViews) {
  std::string withNul("a\0b", 3);
  EXPECT_EQ(cat({withNul, "!"}), std::string("a\0b!", 4));
}

TEST(Message, ConcatBuildsTheSameTextInOneAllocation) {
  const std::string longPiece(200, 'x');  // past the small-string buffer
  const std::string expected = "The " + longPiece + " duty: " + std::to_string(-42) +
                               std::to_string(-9223372036854775807LL - 1);
  const std::string built =
      concat({"The ", longPiece, " duty: ", -42, std::numeric_limits<long long>::min()});
  EXPECT_EQ(built, expected);
  EXPECT_EQ(built, cat({"The ", longPiece, " duty: ", -42, std::numeric_limits<long long>::min()}));
  // Sized up front from the pieces: an integer reserves at most a sign and 20 digits.
  EXPECT_GE(built.capacity(), built.size());
  EXPECT_LE(built.capacity(), expected.size() + 2 * 21 + 16);
  EXPECT_EQ(concat({}), "");
}

TEST(Message, MeasuresCStringPiecesWhenTheTextIsBuilt) {
  // A const char* piece keeps only its pointer; concat() itself takes its length, both to
  // size the result up front and to copy it.
  const std::string first(100, 'x'), second(100, 'y');
  for (bool separated : {true, false}) {
    const char* separator = separated ? ", " : "";
    const std::string built = concat(
        {"0123456789012345678901234567890123456789", first.c_str(), separator, second.c_str()});
    EXPECT_EQ(built, "0123456789012345678901234567890123456789" + first + separator + second);
    // Grown piece by piece instead, the buffer would double past 280 bytes.
    EXPECT_LE(built.capacity(), built.size() + 16);
  }
  const char* empty = "";
  EXPECT_EQ(cat({empty, empty}), "");
}

TEST(Message, JoinedPutsTheSeparatorBetweenItemsOnly) {
  EXPECT_EQ(joined({}, ", "), "");
  EXPECT_EQ(joined({"only"}, ", "), "only");
  EXPECT_EQ(joined({"ciso", "it-lead", "cio"}, "+"), "ciso+it-lead+cio");
  EXPECT_EQ(joined({"/data/hipaa", "/regulatory/nis2"}, ", "), "/data/hipaa, /regulatory/nis2");
}

}  // namespace
}  // namespace seclead
