// One sorting routine for the whole core.
//
// std::sort and std::stable_sort are templates: each (element type, comparator) pair compiled
// a whole introsort or merge sort (75 functions, ~19 KB gzip of the WebAssembly module) for
// lists of at most a few hundred items. Here the merge sort is compiled once and compares
// through a function pointer; per call site only a small adapter remains. It is stable, so
// items that compare equal keep their order on every platform (std::sort promises nothing,
// and libstdc++ and libc++ differ).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace seclead {

// True when item a goes before item b; `context` is the caller's.
using IndexLess = bool (*)(const void* context, std::uint32_t a, std::uint32_t b);

// Sets `order` to 0..count-1, stably sorted by `less`.
void stableOrder(std::uint32_t count, IndexLess less, const void* context,
                 std::vector<std::uint32_t>& order);

// Sorts `items` stably by `less(a, b)`.
template <class T, class Less>
void sortStable(std::vector<T>& items, Less less) {
  if (items.size() < 2) return;
  struct Call {
    const std::vector<T>& items;
    Less& less;
  } call{items, less};
  std::vector<std::uint32_t> order;
  stableOrder(
      static_cast<std::uint32_t>(items.size()),
      [](const void* context, std::uint32_t a, std::uint32_t b) {
        const Call& c = *static_cast<const Call*>(context);
        return static_cast<bool>(c.less(c.items[a], c.items[b]));
      },
      &call, order);
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (std::uint32_t i : order) sorted.push_back(std::move(items[i]));
  items.swap(sorted);
}

// Sorts `items` stably in ascending order (operator<).
template <class T>
void sortStable(std::vector<T>& items) {
  sortStable(items, [](const T& a, const T& b) { return a < b; });
}

}  // namespace seclead
