#include "message.h"

namespace seclead {

void MessagePiece::appendTo(std::string& out) const {
  switch (kind_) {
    case Kind::Text:
      out.append(static_cast<const char*>(ptr_), static_cast<std::size_t>(value_));
      return;
    case Kind::CString:
      out.append(static_cast<const char*>(ptr_));
      return;
    case Kind::String:
      out.append(*static_cast<const std::string*>(ptr_));
      return;
    case Kind::Char:
      out.push_back(static_cast<char>(value_));
      return;
    case Kind::Hex:
      out.push_back("0123456789ABCDEF"[(value_ >> 4) & 15]);
      out.push_back("0123456789ABCDEF"[value_ & 15]);
      return;
    case Kind::Negative:
      out.push_back('-');
      [[fallthrough]];
    case Kind::Number: {
      char digits[20];
      int n = 0;
      std::uint64_t v = value_;
      do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
      } while (v != 0);
      while (n > 0) out.push_back(digits[--n]);
      return;
    }
  }
}

std::size_t MessagePiece::maxSize() const {
  switch (kind_) {
    case Kind::Text:
      return static_cast<std::size_t>(value_);
    case Kind::CString:
      return std::char_traits<char>::length(static_cast<const char*>(ptr_));
    case Kind::String:
      return static_cast<const std::string*>(ptr_)->size();
    case Kind::Char:
      return 1;
    case Kind::Hex:
      return 2;
    case Kind::Negative:
    case Kind::Number:
      return 21;  // a sign and 20 digits
  }
  return 0;
}

[[gnu::noinline]] std::string concat(std::initializer_list<MessagePiece> pieces) {
  std::size_t size = 0;
  for (const auto& piece : pieces) size += piece.maxSize();
  std::string out;
  out.reserve(size);
  for (const auto& piece : pieces) piece.appendTo(out);
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string withThousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value), out;
  if (value < 0) out += '-';
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

[[gnu::noinline]] std::string cat(std::initializer_list<MessagePiece> pieces) {
  return concat(pieces);
}

}  // namespace seclead
