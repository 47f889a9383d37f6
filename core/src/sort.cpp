#include "sort.h"

namespace seclead {

namespace {

// Runs this long are sorted by insertion, then merged pairwise.
constexpr std::uint32_t kRun = 16;

void insertionSort(std::uint32_t* first, std::uint32_t* last, IndexLess less, const void* context) {
  for (std::uint32_t* i = first + 1; i < last; ++i) {
    std::uint32_t item = *i;
    std::uint32_t* j = i;
    for (; j > first && less(context, item, j[-1]); --j) *j = j[-1];
    *j = item;
  }
}

}  // namespace

void stableOrder(std::uint32_t count, IndexLess less, const void* context,
                 std::vector<std::uint32_t>& order) {
  order.resize(count);
  for (std::uint32_t i = 0; i < count; ++i) order[i] = i;
  std::uint32_t* data = order.data();
  for (std::uint32_t start = 0; start < count; start += kRun)
    insertionSort(data + start, data + (count - start < kRun ? count : start + kRun), less,
                  context);
  if (count <= kRun) return;
  std::vector<std::uint32_t> buffer(count);
  std::uint32_t* from = data;
  std::uint32_t* to = buffer.data();
  for (std::uint32_t width = kRun; width < count; width *= 2) {
    for (std::uint32_t lo = 0; lo < count; lo += 2 * width) {
      const std::uint32_t mid = count - lo < width ? count : lo + width;
      const std::uint32_t hi = count - mid < width ? count : mid + width;
      std::uint32_t a = lo, b = mid, out = lo;
      // Stable: on a tie the left run's item goes first.
      while (a < mid && b < hi) to[out++] = less(context, from[b], from[a]) ? from[b++] : from[a++];
      while (a < mid) to[out++] = from[a++];
      while (b < hi) to[out++] = from[b++];
    }
    std::swap(from, to);
  }
  if (from != data) order.assign(from, from + count);
}

}  // namespace seclead
