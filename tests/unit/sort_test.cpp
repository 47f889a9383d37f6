// The core's one sort routine (core/src/sort.h) against std::stable_sort: same order for every
// length around the run and merge boundaries, with many ties, so stability is checked too.
#include "sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace seclead {
namespace {

TEST(Sort, OrdersLikeStdStableSortForEveryLengthWithTies) {
  std::mt19937 random(20261203);
  for (std::size_t length = 0; length <= 300; ++length) {
    for (int keys : {1, 3, 1000}) {                    // all equal, many ties, few ties
      std::vector<std::pair<int, std::size_t>> items;  // (key, original position)
      std::uniform_int_distribution<int> key(0, keys - 1);
      for (std::size_t i = 0; i < length; ++i) items.emplace_back(key(random), i);
      auto expected = items;
      auto byKey = [](const auto& a, const auto& b) { return a.first < b.first; };
      std::stable_sort(expected.begin(), expected.end(), byKey);
      sortStable(items, byKey);
      ASSERT_EQ(items, expected) << "length " << length << ", " << keys << " distinct keys";
    }
  }
}

TEST(Sort, MovesItemsWithoutCopyingOrLosingThem) {
  std::vector<std::string> words;
  for (int i = 40; i > 0; --i)
    words.push_back(std::string(static_cast<std::size_t>(i), 'x') + std::to_string(i));
  auto expected = words;
  std::sort(expected.begin(), expected.end());
  sortStable(words);
  EXPECT_EQ(words, expected);
}

TEST(Sort, DescendingComparatorAndAlreadySortedInput) {
  std::vector<long long> values;
  for (long long v = 0; v < 100; ++v) values.push_back(v);
  sortStable(values, [](long long a, long long b) { return a > b; });
  for (std::size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(values[i], 99 - static_cast<long long>(i));
  sortStable(values, [](long long a, long long b) { return a > b; });
  EXPECT_EQ(values.front(), 99);
  EXPECT_EQ(values.back(), 0);
}

}  // namespace
}  // namespace seclead
