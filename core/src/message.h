// Messages and report texts built from pieces by one out-of-line function:
//
//   return syntax(pos_, cat({"control character (byte 0x", HexByte{c}, ") in a ", what}));
//
// instead of a chain of std::string `+`. In the files compiled with inlining for speed
// (core/CMakeLists.txt) each `+` inlined its allocation and copies into the function around
// it, although the branch runs only on bad input; a call of cat() stores a pointer and a
// length per piece. Smaller hot functions are cheaper for V8 to compile at a cold start.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace seclead {

// A byte written as two uppercase hexadecimal digits ("0x" is the caller's).
struct HexByte {
  unsigned char value;
};

// One piece of a message: text, one character, an integer (in decimal) or a HexByte. Small
// on purpose (a number, a pointer, a tag: 16 bytes) and cheap to make: a std::string piece is
// kept by address and a C string by pointer, and each is read only when the message is built,
// so a call site neither decodes a std::string's short-string form nor calls strlen (that
// strlen, which clang folds only where it inlines, was 0.8 KB gzip over the module).
class MessagePiece {
 public:
  MessagePiece(std::string_view text) : value_(text.size()), ptr_(text.data()) {}     // NOLINT
  MessagePiece(const char* text) : ptr_(text), kind_(Kind::CString) {}                // NOLINT
  MessagePiece(const std::string& text) : ptr_(&text), kind_(Kind::String) {}         // NOLINT
  MessagePiece(char c) : value_(static_cast<unsigned char>(c)), kind_(Kind::Char) {}  // NOLINT
  MessagePiece(HexByte b) : value_(b.value), kind_(Kind::Hex) {}                      // NOLINT
  template <class Integer,
            std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, char> &&
                                 !std::is_same_v<Integer, bool>,
                             int> = 0>
  MessagePiece(Integer n)  // NOLINT
      : value_(n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n)),
        kind_(n < 0 ? Kind::Negative : Kind::Number) {}

  void appendTo(std::string& out) const;
  std::size_t maxSize() const;  // an upper bound of what appendTo adds

 private:
  enum class Kind : std::uint8_t { Text, CString, String, Char, Number, Negative, Hex };
  // No initializer: only the kinds that read it set it (a store at every call site of the
  // other kinds was 0.6 KB gzip of the module).
  std::uint64_t value_;        // Text: the length; Char, Number, Negative, Hex: the value
  const void* ptr_ = nullptr;  // Text, CString: the characters; String: the std::string
  Kind kind_ = Kind::Text;
};

// The pieces one after the other, for error messages (a cold path).
[[gnu::cold]] std::string cat(std::initializer_list<MessagePiece> pieces);

// The same for the texts of a report (reasons, findings, recommendations): one allocation,
// and the call in place of the inlined `+` chains of the speed-tuned files.
std::string concat(std::initializer_list<MessagePiece> pieces);

// The items with `separator` between them ("a, b, c"): lists of ids and fields in report texts.
std::string joined(const std::vector<std::string>& items, std::string_view separator);

// An integer with thousands separators: 12500 -> "12,500", -1234 -> "-1,234".
std::string withThousands(long long value);

}  // namespace seclead
