#include "json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "decimal.h"

namespace seclead {

namespace {

const Json& nullValue() {
  static const Json value;
  return value;
}

const Json::Object& emptyObject() {
  static const Json::Object value;
  return value;
}

const std::string& emptyString() {
  static const std::string value;
  return value;
}

const Json::Array& emptyArray() {
  static const Json::Array value;
  return value;
}

// A member name against a key: length and first byte before the bytes (in WebAssembly
// memcmp is a call and a byte loop, and an object's names mostly differ in both).
inline bool sameName(const std::string& name, std::string_view key) {
  return name.size() == key.size() && (key.empty() || (name[0] == key[0] && name == key));
}

// The first fault of this thread since Json::clearFault(); empty when there is none.
thread_local std::string t_fault;
thread_local bool t_faulted = false;

// ---- writing ---------------------------------------------------------------------------

}  // namespace

// Appends to a std::string through a raw pointer. In WebAssembly, std::string's push_back
// and append are out-of-line calls into libc++, one per character or piece written: about
// a quarter of an assessment there. The sink grows the string in large steps (using the
// capacity the caller reserved first) and writes bytes; it trims the string when destroyed.
class JsonSink {
 public:
  explicit JsonSink(std::string& out) : out_(out), used_(out.size()) {}
  JsonSink(const JsonSink&) = delete;
  JsonSink& operator=(const JsonSink&) = delete;
  ~JsonSink() { out_.resize(used_); }

  // Inlined into the writer even where the WebAssembly build otherwise declines to inline
  // (-Os): a call per structural character was ~3% of an assessment there.
  [[gnu::always_inline]] void put(char c) {
    room(1);
    data_[used_++] = c;
  }
  void put(const char* text, std::size_t n) {
    room(n);
    copy(data_ + used_, text, n);
    used_ += n;
  }
  void put(std::string_view text) { put(text.data(), text.size()); }
  void fill(std::size_t n, char c) {
    room(n);
    std::memset(data_ + used_, c, n);
    used_ += n;
  }

 private:
  // Most pieces are short (keys, ids, punctuation). In WebAssembly a memcpy of unknown length
  // is a memory.copy instruction, which V8 runs as a call out of the compiled code; up to 16
  // bytes are copied here as two overlapping fixed-size loads and stores instead.
  static void copy(char* to, const char* from, std::size_t n) {
    if (n > 16) {
      std::memcpy(to, from, n);
    } else if (n >= 8) {
      copyOverlapping<std::uint64_t>(to, from, n);
    } else if (n >= 4) {
      copyOverlapping<std::uint32_t>(to, from, n);
    } else if (n > 0) {
      to[0] = from[0];
      to[n / 2] = from[n / 2];
      to[n - 1] = from[n - 1];
    }
  }
  // n bytes, sizeof(Word) <= n <= 2 * sizeof(Word): the first and the last word, overlapping.
  template <class Word>
  static void copyOverlapping(char* to, const char* from, std::size_t n) {
    Word head, tail;
    std::memcpy(&head, from, sizeof(Word));
    std::memcpy(&tail, from + n - sizeof(Word), sizeof(Word));
    std::memcpy(to, &head, sizeof(Word));
    std::memcpy(to + n - sizeof(Word), &tail, sizeof(Word));
  }
  [[gnu::always_inline]] void room(std::size_t n) {
    if (n > size_ - used_) grow(n);
  }
  void grow(std::size_t n) {
    size_ = std::max({out_.capacity(), used_ + n, size_ * 2, std::size_t{256}});
    out_.resize(size_);
    data_ = out_.data();
  }

  std::string& out_;
  char* data_ = nullptr;
  std::size_t used_;
  std::size_t size_ = 0;  // out_'s size while writing; 0 until the first growth
};

namespace {

void writeHex4(JsonSink& out, unsigned value) {
  static const char kHex[] = "0123456789abcdef";
  out.put("\\u00");
  out.put(kHex[(value >> 4) & 0xF]);
  out.put(kHex[value & 0xF]);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// True if one of the eight bytes of `word` is a control character, '"', '\\' or not ASCII,
// i.e. needs a look of its own; false means all eight are copied as they are. (The classic
// "has a byte less than n" / "has a zero byte" tests, exact for whether any byte matches.)
constexpr bool needsCare(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::uint64_t quote = word ^ (kOnes * '"');
  const std::uint64_t backslash = word ^ (kOnes * '\\');
  const std::uint64_t control = (word - kOnes * 0x20) & ~word;
  const std::uint64_t found =
      control | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  return ((found | word) & kHigh) != 0;
}

void writeString(JsonSink& out, std::string_view s) {
  out.put('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run that needs no escaping in one go, eight bytes at a time while
    // they are plain ASCII (most of a report's text).
    std::size_t start = i;
    while (i < s.size()) {
      if (s.size() - i >= 8) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        if (!needsCare(word)) {
          i += 8;
          continue;
        }
      }
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == '"' || c == '\\') break;
      if (c < 0x80) {
        ++i;
        continue;
      }
      std::size_t n = utf8Length(s, i);
      if (n == 0) break;
      i += n;
    }
    out.put(s.data() + start, i - start);
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out.put("\\\"");
        break;
      case '\\':
        out.put("\\\\");
        break;
      case '\b':
        out.put("\\b");
        break;
      case '\f':
        out.put("\\f");
        break;
      case '\n':
        out.put("\\n");
        break;
      case '\r':
        out.put("\\r");
        break;
      case '\t':
        out.put("\\t");
        break;
      default:
        if (c < 0x20) {
          writeHex4(out, c);
        } else {
          out.put("\xEF\xBF\xBD");  // invalid UTF-8: U+FFFD, as nlohmann's "replace" handler
        }
    }
    ++i;
  }
  out.put('"');
}

template <class T>
[[gnu::noinline]] void writeInteger(JsonSink& out, T value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.put(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

// nlohmann's number layout over the shortest digits that read back as the same double.
[[gnu::noinline]] void writeDouble(JsonSink& out, double d) {
  if (!std::isfinite(d)) {
    out.put("null");
    return;
  }
  if (d == 0) {
    out.put(std::signbit(d) ? "-0.0" : "0.0");
    return;
  }
  const bool negative = std::signbit(d);
  const decimal::Digits shortest = decimal::shortest(negative ? -d : d);
  const std::string& digits = shortest.digits;
  const int k = static_cast<int>(digits.size());
  const int n = shortest.exponent;  // the value is 0.digits * 10^n
  if (negative) out.put('-');
  if (k <= n && n <= 15) {
    out.put(digits);
    out.fill(static_cast<std::size_t>(n - k), '0');
    out.put(".0");
  } else if (0 < n && n <= 15) {
    out.put(digits.data(), static_cast<std::size_t>(n));
    out.put('.');
    out.put(std::string_view(digits).substr(static_cast<std::size_t>(n)));
  } else if (-4 < n && n <= 0) {
    out.put("0.");
    out.fill(static_cast<std::size_t>(-n), '0');
    out.put(digits);
  } else {
    out.put(digits[0]);
    if (k > 1) {
      out.put('.');
      out.put(std::string_view(digits).substr(1));
    }
    out.put('e');
    int x = n - 1;
    out.put(x < 0 ? '-' : '+');
    if (x < 0) x = -x;
    if (x < 10) out.put('0');
    writeInteger(out, x);
  }
}

void newline(JsonSink& out, int indent, int depth) {
  // A newline and up to 64 spaces as one copy (reports nest ~6 deep, 2 spaces a level).
  static constexpr char kLine[] =
      "\n                                                                ";
  const std::size_t spaces = static_cast<std::size_t>(indent) * static_cast<std::size_t>(depth);
  if (spaces < sizeof kLine - 1) return out.put(kLine, spaces + 1);
  out.put('\n');
  out.fill(spaces, ' ');
}

}  // namespace

// ---- the pool of recycled heap parts ---------------------------------------------------

namespace {

// Per thread, at most this many holders of each kind are kept, and only small ones: a
// string's buffer up to kKeptStringCapacity bytes, an array's or object's up to
// kKeptItems items. What is kept is bounded (at most ~2.5 MB per thread on a 64-bit host,
// half that in WebAssembly; a few hundred KB in practice) and reused by the next value
// built on the same thread, so a steady stream of assessments allocates little. Larger
// limits (2048 holders, 64 items) were no faster.
constexpr std::size_t kKeptHolders = 1024;
constexpr std::size_t kKeptStringCapacity = 256;
constexpr std::size_t kKeptItems = 32;

struct Pool {
  std::vector<std::string*> strings;
  std::vector<Json::Array*> arrays;
  std::vector<Json::Object*> objects;
  Pool();
  ~Pool();
};

// 0: this thread's pool is not made yet, 1: open, 2: destroyed (thread exit; values
// destroyed after it, e.g. statics, are freed directly). Trivially destructible, so it is
// still readable while the thread's other thread_local objects are destroyed.
thread_local unsigned char t_poolState = 0;

Pool::Pool() {
  t_poolState = 1;
}

Pool::~Pool() {
  t_poolState = 2;
  for (auto* s : strings) delete s;
  for (auto* a : arrays) delete a;
  for (auto* o : objects) delete o;
}

Pool* pool() {
  if (t_poolState == 2) return nullptr;
  thread_local Pool instance;
  return &instance;
}

// A holder of this thread's pool, or a new one (none kept, or the pool is gone).
template <class T>
T* take(std::vector<T*> Pool::*kind) {
  Pool* p = pool();
  if (!p || (p->*kind).empty()) return new T();
  T* out = (p->*kind).back();
  (p->*kind).pop_back();
  return out;
}

// Empties `holder` (an array's or object's items are recycled first) and keeps it for the
// next value if it is small and the pool has room; frees it otherwise.
template <class T>
void release(std::vector<T*> Pool::*kind, T* holder, std::size_t maxCapacity) {
  Pool* p = pool();
  if (!p) {
    delete holder;
    return;
  }
  holder->clear();
  auto& kept = p->*kind;
  if (holder->capacity() <= maxCapacity && kept.size() < kKeptHolders) {
    kept.push_back(holder);
  } else {
    delete holder;
  }
}

}  // namespace

std::string* Json::newString(std::string_view text) {
  std::string* s = take(&Pool::strings);
  s->assign(text);
  return s;
}

std::string* Json::newString(std::string&& text) {
  static const std::size_t kInline = std::string().capacity();  // the short-string buffer
  std::string* s = take(&Pool::strings);
  if (text.capacity() > kInline) {
    s->swap(text);  // no copy; `text` frees the kept buffer instead of its own: one free either way
  } else {
    s->assign(text);  // a short text: into the kept buffer
  }
  return s;
}

Json::Array* Json::newArray() {
  return take(&Pool::arrays);
}

Json::Object* Json::newObject() {
  return take(&Pool::objects);
}

void Json::destroy() noexcept {
  // Scalars and moved-from values return first: every temporary's destructor comes here, and
  // V8 charges a function's tier-up budget by its code up to the return taken.
  if (type_ != value_t::string && type_ != value_t::array && type_ != value_t::object) return;
  const value_t type = type_;
  type_ = value_t::null;
  switch (type) {
    case value_t::string:
      release(&Pool::strings, v_.s, kKeptStringCapacity);
      break;
    case value_t::array:
      release(&Pool::arrays, v_.a, kKeptItems);
      break;
    case value_t::object:
      release(&Pool::objects, v_.o, kKeptItems);
      break;
    default:
      break;
  }
}

// ---- construction ----------------------------------------------------------------------

Json::Json(value_t type) : type_(type) {
  if (type == value_t::array) v_.a = newArray();
  if (type == value_t::object) v_.o = newObject();
  if (type == value_t::string) v_.s = newString(std::string_view());
}

// ---- faults ----------------------------------------------------------------------------

const char* Json::fault() noexcept {
  return t_faulted ? t_fault.c_str() : nullptr;
}

void Json::clearFault() noexcept {
  t_faulted = false;
  t_fault.clear();
}

void Json::recordFault(std::string message) {
  if (t_faulted) return;  // the first fault is the one the caller's error names
  t_faulted = true;
  t_fault = std::move(message);
}

void Json::typeError(const char* wanted) const {
  recordFault(std::string("JSON type error: expected ") + wanted);
}

Json& Json::scratch() {
  thread_local Json value;
  value = Json();
  return value;
}

// ---- access ----------------------------------------------------------------------------

const std::string& Json::string() const {
  if (type_ != value_t::string) {
    typeError("string");
    return emptyString();
  }
  return *v_.s;
}

const Json::Array& Json::arrayRef() const {
  if (type_ != value_t::array) {
    typeError("array");
    return emptyArray();
  }
  return *v_.a;
}

std::size_t Json::size() const noexcept {
  switch (type_) {
    case value_t::null: return 0;
    case value_t::array: return v_.a->size();
    case value_t::object: return v_.o->size();
    default: return 1;
  }
}

bool Json::empty() const noexcept {
  switch (type_) {
    case value_t::null: return true;
    case value_t::array: return v_.a->empty();
    case value_t::object: return v_.o->empty();
    default: return false;
  }
}

// Never destroyed: their blocks come from the per-thread pool, which may be gone by the time
// static objects are destroyed at exit.
const Json& Json::sharedEmptyObject() noexcept {
  static const Json& empty = *new Json(value_t::object);
  return empty;
}
const Json& Json::sharedEmptyArray() noexcept {
  static const Json& empty = *new Json(value_t::array);
  return empty;
}
const Json& Json::sharedNull() noexcept {
  return nullValue();
}

const Json* Json::member(std::string_view key) const noexcept {
  if (type_ != value_t::object) return nullptr;
  for (const auto& m : *v_.o)
    if (sameName(m.first, key)) return &m.second;
  return nullptr;
}

void Json::set(const char* key, Json value) {
  (*this)[std::string_view(key)] = std::move(value);
}
void Json::set(const char* key, const char* text) {
  (*this)[std::string_view(key)] = Json(std::string_view(text));
}
void Json::set(const char* key, const std::string& text) {
  (*this)[std::string_view(key)] = Json(std::string_view(text));
}
void Json::set(const char* key, std::string&& text) {
  (*this)[std::string_view(key)] = Json(std::move(text));
}
void Json::set(const char* key, const std::vector<std::string>& items) {
  (*this)[std::string_view(key)] = Json(items);
}

Json& Json::operator[](std::string_view key) {
  if (is_null()) *this = object();
  if (!is_object()) {
    typeError("object");
    return scratch();
  }
  for (auto& m : *v_.o)
    if (sameName(m.first, key)) return m.second;
  return v_.o->emplace_back(std::string(key), Json()).second;
}

const Json& Json::operator[](std::string_view key) const {
  const Json* found = member(key);
  return found ? *found : nullValue();
}

Json& Json::item(std::size_t index) {
  if (is_null()) *this = array();
  if (!is_array()) {
    typeError("array");
    return scratch();
  }
  if (index >= v_.a->size()) v_.a->resize(index + 1);
  return (*v_.a)[index];
}

const Json& Json::item(std::size_t index) const {
  if (!is_array() || index >= v_.a->size()) return nullValue();
  return (*v_.a)[index];
}

const Json& Json::at(std::string_view key) const {
  const Json* found = member(key);
  if (!found) {
    recordFault("JSON key '" + std::string(key) + "' not found");
    return nullValue();
  }
  return *found;
}

// The writable forms: the const lookup and its fault, but scratch() instead of the shared
// null, since the caller may write through the reference.
Json& Json::at(std::string_view key) {
  const Json& found = std::as_const(*this).at(key);
  return &found == &nullValue() ? scratch() : const_cast<Json&>(found);
}

const Json& Json::at(std::size_t index) const {
  if (!is_array() || index >= v_.a->size()) {
    recordFault("JSON index out of range");
    return nullValue();
  }
  return (*v_.a)[index];
}

Json& Json::at(std::size_t index) {
  const Json& found = std::as_const(*this).at(index);
  return &found == &nullValue() ? scratch() : const_cast<Json&>(found);
}

bool Json::contains(std::string_view key) const noexcept { return member(key) != nullptr; }

void Json::push_back(Json item) {
  if (is_null()) *this = array();
  if (!is_array()) {
    typeError("array");
    return;
  }
  v_.a->push_back(std::move(item));
}

Json::Object& Json::items() {
  if (is_object()) return *v_.o;
  static Object none;
  none.clear();
  return none;
}

const Json::Object& Json::items() const { return is_object() ? *v_.o : emptyObject(); }

Json::iterator Json::find(std::string_view key) {
  if (is_object())
    for (std::size_t i = 0; i < v_.o->size(); ++i)
      if (sameName((*v_.o)[i].first, key)) return iterator(this, i);
  return end();
}

Json::const_iterator Json::find(std::string_view key) const {
  if (is_object())
    for (std::size_t i = 0; i < v_.o->size(); ++i)
      if (sameName((*v_.o)[i].first, key)) return const_iterator(this, i);
  return end();
}

// ---- output ----------------------------------------------------------------------------

void Json::write(JsonSink& out, int indent, int depth) const {
  switch (type_) {
    case value_t::null:
    case value_t::discarded:
      out.put(type_ == value_t::null ? "null" : "<discarded>");
      return;
    case value_t::boolean:
      out.put(v_.b ? "true" : "false");
      return;
    case value_t::number_integer:
      writeInteger(out, v_.i);
      return;
    case value_t::number_unsigned:
      writeInteger(out, v_.u);
      return;
    case value_t::number_float:
      writeDouble(out, v_.d);
      return;
    case value_t::string:
      writeString(out, *v_.s);
      return;
    case value_t::array: {
      if (v_.a->empty()) {
        out.put("[]");
        return;
      }
      out.put('[');
      bool first = true;
      for (const auto& item : *v_.a) {
        if (!first) out.put(',');
        first = false;
        if (indent >= 0) newline(out, indent, depth + 1);
        item.write(out, indent, depth + 1);
      }
      if (indent >= 0) newline(out, indent, depth);
      out.put(']');
      return;
    }
    case value_t::object: {
      if (v_.o->empty()) {
        out.put("{}");
        return;
      }
      auto member = [&](const Member& m, bool first) {
        if (!first) out.put(',');
        if (indent >= 0) newline(out, indent, depth + 1);
        writeString(out, m.first);
        out.put(indent >= 0 ? ": " : ":");
        m.second.write(out, indent, depth + 1);
      };
      out.put('{');
      for (std::size_t i = 0; i < v_.o->size(); ++i) member((*v_.o)[i], i == 0);
      if (indent >= 0) newline(out, indent, depth);
      out.put('}');
      return;
    }
  }
}

std::string Json::dump(int indent, char, bool, error_handler_t) const {
  std::string out;
  if (is_object() || is_array()) out.reserve(4096);
  dumpTo(out, indent);
  return out;
}

void Json::dumpTo(std::string& out, int indent) const {
  JsonSink sink(out);
  write(sink, indent, 0);
}

}  // namespace seclead
