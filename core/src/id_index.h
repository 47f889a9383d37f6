// A lookup table of ids (views into a profile or the knowledge base) and their positions.
//
// Ordered by a hash of the id, then the id, then the position: a lookup compares integers and
// the bytes of the matching id only. An ordered search by text called memcmp at every step,
// and in WebAssembly memcmp is an out-of-line byte loop: 7% of a maximal assessment (120
// entries whose ids share prefixes) went to looking ids up.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sort.h"

namespace seclead {

struct IdEntry {
  std::uint64_t hash;
  std::string_view id;
  std::uint32_t position;
};

// FNV-1a, 64 bits.
inline std::uint64_t idHash(std::string_view id) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

inline bool operator<(const IdEntry& a, const IdEntry& b) {
  if (a.hash != b.hash) return a.hash < b.hash;
  if (a.id != b.id) return a.id < b.id;
  return a.position < b.position;
}

class IdIndex {
 public:
  // Ids in position order; then sort() before any find().
  void add(std::string_view id, std::uint32_t position) {
    entries_.push_back({idHash(id), id, position});
  }
  void reserve(std::size_t n) { entries_.reserve(n); }
  // Equal ids end up next to each other, the first position first.
  void sort() { sortStable(entries_); }

  // The first position holding `id`, or -1: what a scan from the start would find.
  long find(std::string_view id) const {
    const std::uint64_t h = idHash(id);
    std::size_t lo = 0, hi = entries_.size();
    while (lo < hi) {  // first entry not below (h, id)
      const std::size_t mid = lo + (hi - lo) / 2;
      const IdEntry& e = entries_[mid];
      if (e.hash < h || (e.hash == h && e.id < id))
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < entries_.size() && entries_[lo].hash == h && entries_[lo].id == id)
      return static_cast<long>(entries_[lo].position);
    return -1;
  }

  std::vector<IdEntry>& entries() { return entries_; }
  const std::vector<IdEntry>& entries() const { return entries_; }

 private:
  std::vector<IdEntry> entries_;
};

}  // namespace seclead
