// The core's one JSON value type: a small document tree with objects in insertion order.
//
// Why not nlohmann/json: the core used two nlohmann instantiations (sorted keys for the
// knowledge base, insertion order for reports), ~170 KB of WebAssembly code, half of a
// module whose budget is 150 KB gzip. This class keeps the subset of nlohmann's interface
// the core uses (so the modules read the same) with one instantiation and a fast writer:
//   - objects keep insertion order (document order when parsed);
//   - numbers are signed or unsigned integers or doubles, written like nlohmann writes them
//     (shortest round-trip digits, "1.0" for an integral double, "1e-05");
//   - parsing goes through the strict bounded reader of json_input.h (no exceptions; a
//     failed parse gives a value whose is_discarded() is true).
// Accessors that nlohmann throws from (at(), get<T>() on the wrong type) do not throw here:
// the WebAssembly build cannot catch exceptions (a throw there ends the call uncaught). They record
// a fault instead, give a neutral value and let the caller go on; the public API in engine.cpp
// turns a recorded fault into the call's internal error, so no partial output escapes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace seclead {

namespace jin {
class Value;
}
class JsonSink;  // json.cpp: the writer's output buffer

class Json {
 public:
  enum class value_t : std::uint8_t {
    null,
    object,
    array,
    string,
    boolean,
    number_integer,
    number_unsigned,
    number_float,
    discarded
  };
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;
  using Array = std::vector<Json>;

  // ---- construction -------------------------------------------------------------------
  Json() noexcept {}
  Json(std::nullptr_t) noexcept {}
  Json(bool b) noexcept : type_(value_t::boolean) { v_.b = b; }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                          std::is_signed_v<T>, int> = 0>
  Json(T i) noexcept : type_(value_t::number_integer) {
    v_.i = static_cast<std::int64_t>(i);
  }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                          std::is_unsigned_v<T>, int> = 0>
  Json(T u) noexcept : type_(value_t::number_unsigned) {
    v_.u = static_cast<std::uint64_t>(u);
  }
  template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Json(T d) noexcept : type_(value_t::number_float) {
    v_.d = static_cast<double>(d);
  }
  Json(const char* s) : type_(value_t::string) { v_.s = newString(std::string_view(s)); }
  Json(std::string s) : type_(value_t::string) { v_.s = newString(std::move(s)); }
  Json(std::string_view s) : type_(value_t::string) { v_.s = newString(s); }
  template <class T>
  Json(const std::vector<T>& items) : type_(value_t::array) {
    v_.a = newArray();
    v_.a->reserve(items.size());
    for (const auto& item : items) v_.a->emplace_back(item);
  }
  template <class T>
  Json(const std::map<std::string, T>& members) : type_(value_t::object) {
    v_.o = newObject();
    v_.o->reserve(members.size());
    for (const auto& [key, value] : members) v_.o->emplace_back(key, Json(value));
  }
  // nlohmann's rule: a list whose items are all [string, value] pairs is an object,
  // anything else an array. {{"a", 1}, {"b", 2}} is {"a":1,"b":2}; {1, 2} is [1,2].
  Json(std::initializer_list<Json> init);

  Json(const Json& other);
  Json(Json&& other) noexcept : type_(other.type_), v_(other.v_) { other.type_ = value_t::null; }
  Json& operator=(Json other) noexcept {
    swap(other);
    return *this;
  }
  ~Json() { destroy(); }
  void swap(Json& other) noexcept {
    std::swap(type_, other.type_);
    std::swap(v_, other.v_);
  }

  static Json array() { return Json(value_t::array); }
  static Json array(std::initializer_list<Json> init);
  static Json object() { return Json(value_t::object); }
  // Lighter than the initializer lists above (no [key, value] array per member, no copy of
  // the list), which the engine itself does not use: an array of one item, and an object.
  struct Field;  // {key, value}, defined below the class
  static Json arrayOf(Json item);
  static Json object(std::initializer_list<Field> fields);

  // Parses `text`; on any error the result is_discarded(). Keys stay in document order.
  // The two ignored parameters keep nlohmann's (text, callback, allow_exceptions) shape.
  static Json parse(std::string_view text, std::nullptr_t = nullptr, bool = false);
  // The tree of an already parsed overlay (json_input.h): integral numbers (12, 12.0) are
  // integers, a number that does not fit a double is null.
  static Json from(const jin::Value& node);
  // The tree of a knowledge file as the WebAssembly builds embed it, in the binary of
  // cmake/encode-knowledge.mjs: the tree parse() gives for the file's JSON text. On bytes
  // that do not decode the result is_discarded().
  static Json fromKnowledge(std::string_view bytes);

  // ---- type -----------------------------------------------------------------------------
  value_t type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == value_t::null; }
  bool is_object() const noexcept { return type_ == value_t::object; }
  bool is_array() const noexcept { return type_ == value_t::array; }
  bool is_string() const noexcept { return type_ == value_t::string; }
  bool is_boolean() const noexcept { return type_ == value_t::boolean; }
  bool is_number() const noexcept {
    return type_ == value_t::number_integer || type_ == value_t::number_unsigned ||
           type_ == value_t::number_float;
  }
  bool is_number_integer() const noexcept {
    return type_ == value_t::number_integer || type_ == value_t::number_unsigned;
  }
  bool is_number_unsigned() const noexcept { return type_ == value_t::number_unsigned; }
  bool is_number_float() const noexcept { return type_ == value_t::number_float; }
  bool is_discarded() const noexcept { return type_ == value_t::discarded; }

  // ---- values ---------------------------------------------------------------------------
  template <class T>
  T get() const {
    if constexpr (std::is_same_v<T, std::string>) {
      return string();
    } else if constexpr (std::is_same_v<T, bool>) {
      if (type_ != value_t::boolean) {
        typeError("boolean");
        return false;
      }
      return v_.b;
    } else if constexpr (std::is_arithmetic_v<T>) {
      switch (type_) {
        case value_t::number_integer:
          return static_cast<T>(v_.i);
        case value_t::number_unsigned:
          return static_cast<T>(v_.u);
        case value_t::number_float:
          return static_cast<T>(v_.d);
        default:
          typeError("number");
          return T{};
      }
    } else if constexpr (std::is_same_v<T, Json>) {
      return *this;
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      std::vector<std::string> out;
      for (const auto& item : arrayRef()) out.push_back(item.string());
      return out;
    } else {
      static_assert(sizeof(T) == 0, "Json::get: unsupported type");
    }
  }
  // The string value; "" (and a fault) when this is not a string.
  const std::string& string() const;

  // ---- containers -----------------------------------------------------------------------
  // Size as nlohmann counts it: null 0, a scalar 1, a container its items.
  std::size_t size() const noexcept;
  bool empty() const noexcept;

  // Object member access. The non-const form turns null into an object and adds a missing
  // member (at the end); the const form gives a null value for a missing member.
  Json& operator[](std::string_view key);
  Json& operator[](const char* key) { return (*this)[std::string_view(key)]; }
  Json& operator[](const std::string& key) { return (*this)[std::string_view(key)]; }
  const Json& operator[](std::string_view key) const;
  const Json& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  const Json& operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  // (*this)[key] = value as one out-of-line call. The report builders set ~140 members this
  // way; each assignment written out was ~100 bytes of WebAssembly at its site (a temporary
  // string and Json made, moved and destroyed there).
  void set(const char* key, Json value);
  void set(const char* key, const char* text);
  void set(const char* key, const std::string& text);
  void set(const char* key, std::string&& text);
  void set(const char* key, const std::vector<std::string>& items);
  // Array item access. The non-const form turns null into an array and grows it with nulls.
  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  Json& operator[](T index) {
    return item(static_cast<std::size_t>(index));
  }
  template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  const Json& operator[](T index) const {
    return item(static_cast<std::size_t>(index));
  }
  // Checked access: a missing key or index is a fault (and gives a null value).
  const Json& at(std::string_view key) const;
  Json& at(std::string_view key);
  const Json& at(std::size_t index) const;
  Json& at(std::size_t index);

  bool contains(std::string_view key) const noexcept;
  std::size_t erase(std::string_view key);
  void erase(std::size_t index);  // an array item
  // Adds or replaces every member of `other` (both objects).
  void update(const Json& other);

  // The member's value converted to the default's type, or the default when absent.
  std::string value(std::string_view key, const char* fallback) const;
  template <class T>
  T value(std::string_view key, const T& fallback) const {
    if (!is_object()) return fallback;
    const Json* found = member(key);
    if (!found || found->is_null()) return fallback;
    return found->get<T>();
  }
  // The member itself when present and not null, else `fallback`: value(key, fallback) for
  // sections of a document, without copying them. `fallback` must outlive the reference
  // (sharedEmptyObject(), sharedEmptyArray(), sharedNull()).
  const Json& valueRef(std::string_view key, const Json& fallback) const noexcept {
    const Json* found = member(key);
    return found && !found->is_null() ? *found : fallback;
  }
  static const Json& sharedEmptyObject() noexcept;
  static const Json& sharedEmptyArray() noexcept;
  static const Json& sharedNull() noexcept;

  void push_back(Json item);
  template <class... Args>
  Json& emplace_back(Args&&... args) {
    if (is_null()) *this = array();
    if (!is_array()) {
      typeError("array");
      return scratch();
    }
    return v_.a->emplace_back(std::forward<Args>(args)...);
  }

  // Members of an object (empty for anything else), for `for (auto& [key, value] : ...)`.
  Object& items();
  const Object& items() const;

  // Iteration over the values of an array or an object (nothing for a scalar).
  template <bool Const>
  class Iter {
   public:
    using Owner = std::conditional_t<Const, const Json, Json>;
    using value_type = Json;
    using reference = std::conditional_t<Const, const Json&, Json&>;
    using pointer = std::conditional_t<Const, const Json*, Json*>;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    Iter() = default;
    Iter(Owner* owner, std::size_t index) : owner_(owner), index_(index) {}
    operator Iter<true>() const { return Iter<true>(owner_, index_); }
    reference operator*() const {
      return owner_->is_array() ? (*owner_->v_.a)[index_] : (*owner_->v_.o)[index_].second;
    }
    pointer operator->() const { return &**this; }
    reference value() const { return **this; }
    const std::string& key() const { return (*owner_->v_.o)[index_].first; }
    Iter& operator++() {
      ++index_;
      return *this;
    }
    Iter operator++(int) {
      Iter before = *this;
      ++index_;
      return before;
    }
    bool operator==(const Iter& other) const { return index_ == other.index_ && owner_ == other.owner_; }
    bool operator!=(const Iter& other) const { return !(*this == other); }

   private:
    Owner* owner_ = nullptr;
    std::size_t index_ = 0;
  };
  using iterator = Iter<false>;
  using const_iterator = Iter<true>;
  iterator begin() noexcept { return iterator(this, 0); }
  iterator end() noexcept { return iterator(this, containerSize()); }
  const_iterator begin() const noexcept { return const_iterator(this, 0); }
  const_iterator end() const noexcept { return const_iterator(this, containerSize()); }
  iterator find(std::string_view key);
  const_iterator find(std::string_view key) const;
  Json& front() { return *begin(); }
  const Json& front() const { return *begin(); }
  Json& back() { return is_array() ? v_.a->back() : v_.o->back().second; }
  const Json& back() const { return is_array() ? v_.a->back() : v_.o->back().second; }

  // ---- output ---------------------------------------------------------------------------
  // nlohmann's layout: compact for indent < 0, else one item per line indented by `indent`
  // spaces and ": " after keys. Strings are written as UTF-8 (no \u escapes except control
  // characters); an invalid UTF-8 sequence is written as U+FFFD.
  enum class error_handler_t { strict, replace, ignore };
  std::string dump(int indent = -1, char indentChar = ' ', bool ensureAscii = false,
                   error_handler_t = error_handler_t::replace) const;
  void dumpTo(std::string& out, int indent = -1) const;

  // ---- faults ---------------------------------------------------------------------------
  // The first fault this thread recorded since clearFault() (a type error, a missing key or
  // index), or nullptr. Accessors that meet one go on with a neutral value: "" for a string,
  // an empty array, 0, false, null, a discarded scratch value for a write.
  static const char* fault() noexcept;
  static void clearFault() noexcept;

  friend bool operator==(const Json& a, const Json& b) noexcept;
  friend bool operator!=(const Json& a, const Json& b) noexcept { return !(a == b); }
  // nlohmann's order: numbers by value, strings bytewise, other types by kind.
  friend bool operator<(const Json& a, const Json& b) noexcept;
  friend bool operator>(const Json& a, const Json& b) noexcept { return b < a; }
  friend bool operator<=(const Json& a, const Json& b) noexcept { return !(b < a); }
  friend bool operator>=(const Json& a, const Json& b) noexcept { return !(a < b); }

 private:
  explicit Json(value_t type);
  void destroy() noexcept;
  // Fills `out` (null on entry) from a parsed node in place (json_tree.cpp); false when the whole
  // value must be discarded.
  static bool buildFrom(const jin::Value& node, bool asNlohmann, Json& out);
  struct KnowledgeDecoder;  // fromKnowledge's reader (json_tree.cpp)
  // The heap parts of strings, arrays and objects come from a per-thread pool of recycled
  // ones, kept with their capacity (json.cpp): a report is a tree of ~1,500 small blocks,
  // and malloc/free were about a quarter of an assessment.
  static std::string* newString(std::string_view text);
  static std::string* newString(std::string&& text);
  static Array* newArray();
  static Object* newObject();
  void typeError(const char* wanted) const;
  static void recordFault(std::string message);
  // Where a write to a value of the wrong type goes: a fresh null each time, never read.
  static Json& scratch();
  std::size_t containerSize() const noexcept {
    return is_array() ? v_.a->size() : is_object() ? v_.o->size() : 0;
  }
  const Json* member(std::string_view key) const noexcept;
  Json& item(std::size_t index);
  const Json& item(std::size_t index) const;
  const Array& arrayRef() const;
  void write(JsonSink& out, int indent, int depth) const;

  value_t type_ = value_t::null;
  union Value {
    bool b;
    std::int64_t i;
    std::uint64_t u;
    double d;
    std::string* s;
    Array* a;
    Object* o;
  } v_{};
};

struct Json::Field {
  const char* key;
  Json value;
};

using json = Json;          // knowledge documents (no code depends on their key order)
using ordered_json = Json;  // reports: key order fixed by the code that builds them

}  // namespace seclead
