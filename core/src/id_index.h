// A lookup table of ids (views into a profile or the knowledge base) and their positions.
//
// A hash table (open addressing, FNV-1a): a lookup hashes the id and compares the bytes of the
// matching id only. The sorted tables it replaces called memcmp at every step of a binary
// search, and in WebAssembly memcmp is an out-of-line byte loop: 7% of a maximal assessment
// (120 entries whose ids share prefixes) went to looking ids up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seclead {

class IdIndex {
 public:
  // Adds `id` at `position` (positions in increasing order). An id already present keeps its
  // first position, which is returned; -1 when the id is new.
  long add(std::string_view id, std::uint32_t position) {
    if ((entries_.size() + 1) * 2 > table_.size()) rehash(table_.empty() ? 16 : table_.size() * 2);
    const std::uint64_t h = hash(id);
    std::size_t slot = probe(h, id);
    if (table_[slot] != 0) return static_cast<long>(entries_[table_[slot] - 1].position);
    entries_.push_back({h, id, position});
    table_[slot] = static_cast<std::uint32_t>(entries_.size());
    return -1;
  }

  // The first position holding `id`, or -1: what a scan from the start would find.
  long find(std::string_view id) const {
    if (table_.empty()) return -1;
    const std::uint32_t at = table_[probe(hash(id), id)];
    return at == 0 ? -1 : static_cast<long>(entries_[at - 1].position);
  }

  void reserve(std::size_t n) {
    std::size_t size = 16;
    while (size < n * 2) size *= 2;
    if (size > table_.size()) rehash(size);
    entries_.reserve(n);
  }

 private:
  struct Entry {
    std::uint64_t hash;
    std::string_view id;
    std::uint32_t position;
  };

  static std::uint64_t hash(std::string_view id) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
  }

  // The slot holding `id`, or the empty slot where it would go.
  std::size_t probe(std::uint64_t h, std::string_view id) const {
    const std::size_t mask = table_.size() - 1;
    for (std::size_t slot = static_cast<std::size_t>(h) & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t at = table_[slot];
      if (at == 0) return slot;
      const Entry& e = entries_[at - 1];
      if (e.hash == h && e.id == id) return slot;
    }
  }

  void rehash(std::size_t size) {  // size: a power of two above twice the entries
    table_.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      std::size_t slot = static_cast<std::size_t>(entries_[i].hash) & mask;
      while (table_[slot] != 0) slot = (slot + 1) & mask;
      table_[slot] = static_cast<std::uint32_t>(i + 1);
    }
  }

  std::vector<Entry> entries_;        // first occurrences, in the order added
  std::vector<std::uint32_t> table_;  // 0: empty, else 1 + index into entries_
};

// The position of `name` in a short list of names (the model, line and verdict lists, fact
// and condition names), or -1: a scan, where an IdIndex would cost more to build than it saves.
inline int indexOf(const std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

// The `id`s of a list's items at their positions: a lookup finds what a scan of the list from
// the start finds. The ids stay views into `list`, which must outlive the index.
template <class List>
IdIndex indexOfIds(const List& list) {
  IdIndex index;
  index.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i)
    index.add(list[i].id, static_cast<std::uint32_t>(i));
  return index;
}

}  // namespace seclead
