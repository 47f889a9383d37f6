// A strict, bounded, single-pass JSON reader for untrusted input (profiles, overlays).
// It builds a compact read-only tree whose strings point into the input (or into a small
// arena when escapes had to be decoded), and enforces the contract limits while parsing:
// total size, nesting depth (checked before descending, so 10,000 '[' cost nothing),
// string length and array length. It rejects what nlohmann's lenient paths would accept or
// silently merge: duplicate keys, invalid UTF-8 (also via \u escapes with lone surrogates),
// NaN/Infinity tokens, trailing garbage, empty input. No std::regex, no exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seclead::jin {

struct Limits {
  std::size_t maxBytes = 1024 * 1024;  // whole input
  std::size_t maxDepth = 32;           // containers nested in each other (the root is 1)
  std::size_t maxString = 4096;        // bytes of a decoded string or key
  std::size_t maxArray = 1000;         // items of one array
};

enum class Kind : std::uint8_t { Null, False, True, Number, String, Array, Object };

struct Node {
  Kind kind = Kind::Null;
  std::uint32_t count = 0;   // items or members (containers)
  std::uint32_t next = 0;    // index of the node after this subtree (the next sibling)
  std::uint32_t offset = 0;  // byte offset of the value in the input (for messages)
  std::string_view text;     // String: decoded text; Number: the raw token
  std::string_view key;      // the member name when the parent is an object
};

// A parse problem: code is "syntax" or "limit"; path is a JSON Pointer.
struct ParseError {
  std::string code;
  std::string path;
  std::string message;
};

class Document;

// A light handle on one node of a Document.
class Value {
 public:
  Value() = default;
  Value(const Document* doc, std::uint32_t index) : doc_(doc), index_(index) {}

  Kind kind() const;
  bool isNull() const { return kind() == Kind::Null; }
  bool isBool() const { return kind() == Kind::True || kind() == Kind::False; }
  bool isNumber() const { return kind() == Kind::Number; }
  bool isString() const { return kind() == Kind::String; }
  bool isArray() const { return kind() == Kind::Array; }
  bool isObject() const { return kind() == Kind::Object; }
  bool boolean() const { return kind() == Kind::True; }
  std::string_view text() const;  // string content or number token
  std::string_view key() const;   // member name (inside an object)
  std::uint32_t size() const;     // items or members

  // Children in document order.
  class Iterator {
   public:
    Iterator(const Document* doc, std::uint32_t index, std::uint32_t left)
        : doc_(doc), index_(index), left_(left) {}
    Value operator*() const { return Value(doc_, index_); }
    Iterator& operator++();
    bool operator!=(const Iterator& other) const { return left_ != other.left_; }

   private:
    const Document* doc_;
    std::uint32_t index_;
    std::uint32_t left_;
  };
  Iterator begin() const;
  Iterator end() const;

  // Member lookup (linear; sections are small). nullopt when absent or not an object.
  std::optional<Value> find(std::string_view key) const;

  // Number conversion. `integer` accepts integral tokens and integral-valued decimals
  // (12.0, 1e3); nullopt if not representable in int64 (`overflow` set) or not integral.
  std::optional<std::int64_t> integer(bool& overflow) const;
  // A token without fraction or exponent ("-12"): its sign and magnitude; false for any other
  // number token or a magnitude over 64 bits.
  bool plainInteger(bool& negative, std::uint64_t& magnitude) const;
  // Finite double; nullopt when the value overflows to infinity.
  std::optional<double> number() const;

 private:
  const Node& node() const;
  const Document* doc_ = nullptr;
  std::uint32_t index_ = 0;
};

class Document {
 public:
  // Parses `text`. On failure returns false and sets `error` (syntax or limit).
  bool parse(std::string_view text, const Limits& limits, ParseError& error);
  Value root() const { return Value(this, 0); }

 private:
  friend class Value;
  friend class Parser;
  std::vector<Node> nodes_;
  std::forward_list<std::string> arena_;  // decoded strings with escapes (stable addresses)
};

// "line 3, column 14" (1-based; columns count characters) for a byte offset.
std::string describePosition(std::string_view text, std::size_t offset);

// Appends `token` to a JSON Pointer, escaping '~' and '/'.
void appendPointer(std::string& pointer, std::string_view token);

// Whether `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool validUtf8(std::string_view text);
// Number of code points of valid UTF-8 text.
std::size_t codePoints(std::string_view text);

}  // namespace seclead::jin
