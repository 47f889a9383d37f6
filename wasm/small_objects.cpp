// Small-object allocation for the WebAssembly builds (the native builds keep the C library's).
//
// operator new/delete serve blocks of up to 128 bytes from one free list per 8-byte size
// class, and blocks of up to 1 KB from one per 64-byte class, all carved from 16 KB chunks;
// larger blocks, and the regions the chunks are cut from, come from malloc. An assessment
// makes thousands of small allocations (strings, JSON nodes, vector buffers): through
// dlmalloc, malloc and free were 7% of a warm assessment in Node; with these lists a warm
// assessment is 3-5% faster. Loading the knowledge base called dlmalloc's 6 KB malloc often
// enough for V8 to hand it to its optimising compiler in the middle of a cold start; with the
// medium classes it is hardly called, and a cold start is 8-10% shorter. What is left to
// malloc is rare enough for emcc's smaller emmalloc (wasm/CMakeLists.txt;
// tests/bench/README.md). Freed blocks stay in their class's list for the next allocation of
// that size, so memory stops growing once an instance has seen its largest assessment (the
// 100,000-assessment test checks it).
//
// Single-threaded, like the module (no pthreads). Pure C++: no Emscripten include.
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kGranule = 8;  // __STDCPP_DEFAULT_NEW_ALIGNMENT__ and max_align_t in wasm32
constexpr std::size_t kMaxSmall = 128;   // classes 1-16: blocks of c * 8 bytes
constexpr std::size_t kMediumStep = 64;  // classes 17-30: blocks of 128 + (c - 16) * 64 bytes
constexpr std::size_t kMaxMedium = 1024;
constexpr std::size_t kSmallClasses = kMaxSmall / kGranule;
constexpr std::size_t kClasses = kSmallClasses + (kMaxMedium - kMaxSmall) / kMediumStep;
constexpr unsigned kChunkShift = 14;                    // 16 KB chunks
constexpr std::size_t kChunkSize = std::size_t{1} << kChunkShift;
// A chunk starts with its size class; its blocks follow.
constexpr std::size_t kChunkHeader = kGranule;
// Which 16 KB slots of the 32-bit address space are chunks: one bit each (32 KB of zeroed
// memory, not bytes in the module).
constexpr std::size_t kSlots = (std::size_t{1} << (32 - kChunkShift));

struct FreeBlock {
  FreeBlock* next;
};

FreeBlock* g_free[kClasses + 1];
char* g_next[kClasses + 1];  // where the class's current chunk has room, and its end
char* g_end[kClasses + 1];
std::uint32_t g_isChunk[kSlots / 32];

[[noreturn]] void outOfMemory() {
  // What the default operator new does here without exception support: the call ends.
  std::abort();
}

// A fresh 16 KB-aligned chunk. Chunks are cut from regions of kRegionChunks chunks taken
// from malloc with a chunk's worth of slack to align them (aligned_alloc would bring the
// allocator's memalign: 1.9 KB of code with dlmalloc).
constexpr std::size_t kRegionChunks = 8;
char* g_regionNext = nullptr;
char* g_regionEnd = nullptr;

char* newChunk() {
  if (g_regionNext == g_regionEnd) {
    auto* region = static_cast<char*>(std::malloc((kRegionChunks + 1) * kChunkSize));
    if (!region) outOfMemory();
    const std::uintptr_t aligned =
        (reinterpret_cast<std::uintptr_t>(region) + kChunkSize - 1) & ~(kChunkSize - 1);
    g_regionNext = reinterpret_cast<char*>(aligned);
    g_regionEnd = g_regionNext + kRegionChunks * kChunkSize;
  }
  char* chunk = g_regionNext;
  g_regionNext += kChunkSize;
  return chunk;
}

// A block of class `c` from a fresh piece of its chunk, or from a new chunk.
[[gnu::noinline]] void* carve(std::size_t c) {
  const std::size_t size =
      c <= kSmallClasses ? c * kGranule : kMaxSmall + (c - kSmallClasses) * kMediumStep;
  if (g_next[c] == nullptr || static_cast<std::size_t>(g_end[c] - g_next[c]) < size) {
    char* chunk = newChunk();
    const std::uintptr_t slot = reinterpret_cast<std::uintptr_t>(chunk) >> kChunkShift;
    g_isChunk[slot / 32] |= std::uint32_t{1} << (slot % 32);
    *reinterpret_cast<std::uint32_t*>(chunk) = static_cast<std::uint32_t>(c);
    g_next[c] = chunk + kChunkHeader;
    g_end[c] = chunk + kChunkSize;
  }
  void* block = g_next[c];
  g_next[c] += size;
  return block;
}

// A block of class `c`: the last one freed, or a fresh one.
inline void* take(std::size_t c) {
  if (FreeBlock* block = g_free[c]) {
    g_free[c] = block->next;
    return block;
  }
  return carve(c);
}

// Blocks over 128 bytes: up to 1 KB from the medium classes, larger ones from malloc.
[[gnu::noinline]] void* newMedium(std::size_t size) {
  if (size <= kMaxMedium)
    return take(kSmallClasses + (size - kMaxSmall + kMediumStep - 1) / kMediumStep);
  void* p = std::malloc(size);
  if (!p) outOfMemory();
  return p;
}

}  // namespace

void* operator new(std::size_t size) {
  if (size <= kMaxSmall) return take(size ? (size + kGranule - 1) / kGranule : 1);
  return newMedium(size);
}

void operator delete(void* p) noexcept {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t slot = address >> kChunkShift;
  if (p && (g_isChunk[slot / 32] >> (slot % 32) & 1)) {
    const std::uint32_t c = *reinterpret_cast<const std::uint32_t*>(address & ~(kChunkSize - 1));
    auto* block = static_cast<FreeBlock*>(p);
    block->next = g_free[c];
    g_free[c] = block;
    return;
  }
  std::free(p);
}

// The array and sized forms go through the two above (as libc++abi's own do), said here so
// that no other definition can pair a block with the wrong release.
void* operator new[](std::size_t size) {
  return ::operator new(size);
}
void operator delete[](void* p) noexcept {
  ::operator delete(p);
}
void operator delete(void* p, std::size_t) noexcept {
  ::operator delete(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  ::operator delete(p);
}
