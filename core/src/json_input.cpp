#include "json_input.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "decimal.h"
#include "id_index.h"
#include "message.h"

namespace seclead::jin {

namespace {

// Length of the valid UTF-8 sequence starting at p (lead byte >= 0x80), or 0 if invalid.
std::size_t utf8Sequence(const unsigned char* p, const unsigned char* end) {
  unsigned char c = p[0];
  std::size_t avail = static_cast<std::size_t>(end - p);
  auto cont = [&](std::size_t i) { return i < avail && (p[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return (avail > 1 && p[1] >= 0xA0 && p[1] <= 0xBF && cont(2)) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return (cont(1) && cont(2)) ? 3 : 0;
  if (c == 0xED) return (avail > 1 && p[1] >= 0x80 && p[1] <= 0x9F && cont(2)) ? 3 : 0;
  if (c == 0xF0) return (avail > 1 && p[1] >= 0x90 && p[1] <= 0xBF && cont(2) && cont(3)) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return (cont(1) && cont(2) && cont(3)) ? 4 : 0;
  if (c == 0xF4) return (avail > 1 && p[1] >= 0x80 && p[1] <= 0x8F && cont(2) && cont(3)) ? 4 : 0;
  return 0;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

class Parser {
 public:
  Parser(Document& doc, std::string_view text, const Limits& limits, ParseError& error)
      : doc_(doc), text_(text), limits_(limits), error_(error) {}

  bool run() {
    doc_.nodes_.clear();
    doc_.arena_.clear();
    if (text_.size() > limits_.maxBytes) {
      return fail("limit", "",
                  cat({"the profile is ", text_.size(), " bytes, larger than the ",
                       limits_.maxBytes, "-byte (1 MiB) limit"}));
    }
    // A UTF-8 byte order mark is tolerated.
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    doc_.nodes_.reserve(text_.size() / 8 + 16);
    skipSpace();
    if (pos_ >= text_.size()) return syntax(pos_, "the input is empty: expected a JSON object");
    if (!value(0, {})) return false;
    skipSpace();
    if (pos_ < text_.size())
      return syntax(pos_,
                    cat({"unexpected ", describeAt(pos_), " after the end of the JSON value"}));
    return true;
  }

 private:
  struct Frame {
    std::uint32_t node;
    std::uint32_t index;   // array: index of the item being read
    std::string_view key;  // object: key of the member being read
    bool array;
    bool keyKnown = false;  // object: `key` names the member being read
  };

  // The error paths are out of line and cold: see message.h.
  [[gnu::cold, gnu::noinline]] bool fail(const char* code, std::string path, std::string message) {
    error_.code = code;
    error_.path = std::move(path);
    error_.message = std::move(message);
    return false;
  }

  [[gnu::cold, gnu::noinline]] std::string pointer() const {
    std::string out;
    for (const auto& f : stack_) {
      if (f.array)
        appendPointer(out, std::to_string(f.index));
      else if (f.keyKnown)
        appendPointer(out, f.key);
    }
    return out;
  }

  [[gnu::cold, gnu::noinline]] bool syntax(std::size_t at, std::string_view what) {
    return fail("syntax", pointer(), cat({describePosition(text_, at), ": ", what}));
  }

  // "expected <what>, found <what is at pos_>"
  [[gnu::cold, gnu::noinline]] bool expected(std::string_view what) {
    return syntax(pos_, cat({"expected ", what, ", found ", describeAt(pos_)}));
  }

  [[gnu::cold, gnu::noinline]] std::string describeAt(std::size_t at) const {
    if (at >= text_.size()) return "end of input";
    unsigned char c = static_cast<unsigned char>(text_[at]);
    if (c < 0x20) return cat({"control character (byte 0x", HexByte{c}, ")"});
    if (c >= 0x80) {
      std::size_t n =
          utf8Sequence(reinterpret_cast<const unsigned char*>(text_.data()) + at,
                       reinterpret_cast<const unsigned char*>(text_.data()) + text_.size());
      if (n == 0) return cat({"invalid UTF-8 byte 0x", HexByte{c}});
      return cat({"'", text_.substr(at, n), "'"});
    }
    return cat({"'", static_cast<char>(c), "'"});
  }

  void skipSpace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        ++pos_;
      else
        break;
    }
  }

  std::uint32_t addNode(Kind kind, std::string_view key) {
    Node n;
    n.kind = kind;
    n.offset = static_cast<std::uint32_t>(pos_);
    n.key = key;
    doc_.nodes_.push_back(n);
    return static_cast<std::uint32_t>(doc_.nodes_.size() - 1);
  }

  bool literal(std::string_view word, Kind kind, std::string_view key) {
    if (text_.substr(pos_, word.size()) != word) return badToken();
    std::uint32_t i = addNode(kind, key);
    pos_ += word.size();
    doc_.nodes_[i].next = i + 1;
    return true;
  }

  // An unexpected character where a value should start: name NaN/Infinity clearly.
  [[gnu::cold, gnu::noinline]] bool badToken() {
    std::string_view rest = text_.substr(pos_, 9);
    if (rest.substr(0, 3) == "NaN" || rest.substr(0, 4) == "-NaN" || rest.substr(0, 4) == "+NaN")
      return syntax(pos_, "NaN is not a JSON number: numbers must be finite");
    if (rest.substr(0, 8) == "Infinity" || rest.substr(0, 9) == "-Infinity" ||
        rest.substr(0, 9) == "+Infinity")
      return syntax(pos_, "Infinity is not a JSON number: numbers must be finite");
    if (pos_ < text_.size() && text_[pos_] == '\'')
      return syntax(pos_, "strings must use double quotes, found '''");
    return expected("a JSON value");
  }

  bool value(std::size_t depth, std::string_view key) {
    if (pos_ >= text_.size()) return syntax(pos_, "unexpected end of input: expected a value");
    char c = text_[pos_];
    switch (c) {
      case '{':
      case '[': {
        if (depth + 1 > limits_.maxDepth)
          return fail("limit", pointer(),
                      cat({describePosition(text_, pos_), ": nesting deeper than ",
                           limits_.maxDepth, " levels"}));
        return c == '{' ? object(depth + 1, key) : array(depth + 1, key);
      }
      case '"': {
        std::string_view s;
        std::size_t start = pos_;
        if (!string(s, false)) return false;
        std::uint32_t i = addNode(Kind::String, key);
        doc_.nodes_[i].offset = static_cast<std::uint32_t>(start);
        doc_.nodes_[i].text = s;
        doc_.nodes_[i].next = i + 1;
        return true;
      }
      case 't':
        return literal("true", Kind::True, key);
      case 'f':
        return literal("false", Kind::False, key);
      case 'n':
        return literal("null", Kind::Null, key);
      default:
        if (c == '-' || isDigit(c)) return number(key);
        return badToken();
    }
  }

  [[gnu::noinline]] bool number(std::string_view key) {
    std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == 'I' || text_[pos_] == 'N')) {
      pos_ = start;
      return badToken();
    }
    if (pos_ >= text_.size() || !isDigit(text_[pos_])) return expected("a digit in the number");
    if (text_[pos_] == '0') {
      ++pos_;
      if (pos_ < text_.size() && isDigit(text_[pos_]))
        return syntax(start, "numbers must not have leading zeros");
    } else {
      while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= text_.size() || !isDigit(text_[pos_]))
        return expected("a digit after the decimal point");
      while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size() || !isDigit(text_[pos_])) return expected("a digit in the exponent");
      while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
    }
    Node n;
    n.kind = Kind::Number;
    n.offset = static_cast<std::uint32_t>(start);
    n.key = key;
    n.text = text_.substr(start, pos_ - start);
    doc_.nodes_.push_back(n);
    doc_.nodes_.back().next = static_cast<std::uint32_t>(doc_.nodes_.size());
    return true;
  }

  // Reads a string at pos_ (which is '"'). `isKey` only changes messages.
  bool string(std::string_view& out, bool isKey) {
    std::size_t start = ++pos_;
    const auto* base = reinterpret_cast<const unsigned char*>(text_.data());
    const auto* end = base + text_.size();
    std::string* decoded = nullptr;
    std::size_t runStart = start;
    const char* what = isKey ? "member name" : "string";
    while (true) {
      if (pos_ >= text_.size()) return unterminated(start, what);
      unsigned char c = base[pos_];
      // Printable ASCII first: the loop's budget in V8 is charged by the code up to each jump back.
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++pos_;
        continue;
      }
      if (c == '"') break;
      if (c == '\\') {
        if (!escape(start, what, runStart, decoded)) return false;
        continue;
      }
      std::size_t n = c >= 0x80 ? utf8Sequence(base + pos_, end) : 0;
      if (n == 0) return badStringByte(c, what);
      pos_ += n;
    }
    if (decoded) {
      decoded->append(text_.data() + runStart, pos_ - runStart);
      out = *decoded;
    } else {
      out = text_.substr(start, pos_ - start);
    }
    ++pos_;  // closing quote
    if (out.size() > limits_.maxString) {
      return fail("limit", pointer() /* the caller's frame names the string */,
                  cat({describePosition(text_, start - 1), ": a ", what, " of ", out.size(),
                       " bytes is longer than the ", limits_.maxString, "-byte limit"}));
    }
    return true;
  }

  [[gnu::cold, gnu::noinline]] bool unterminated(std::size_t start, const char* what) {
    return syntax(start - 1, cat({"unterminated ", what, ": missing closing '\"'"}));
  }

  // A control character or a byte that starts no UTF-8 sequence, at pos_ in a string.
  [[gnu::cold, gnu::noinline]] bool badStringByte(unsigned char c, const char* what) {
    if (c < 0x20)
      return syntax(pos_, cat({"control character (byte 0x", HexByte{c}, ") in a ", what,
                               ": escape it (\\n, \\t, \\u00XX)"}));
    return syntax(pos_, cat({"invalid UTF-8 (byte 0x", HexByte{c}, ") in a ", what,
                             ": the profile must be UTF-8 text"}));
  }

  // The escape at pos_ (a backslash) of the string that starts at `start`: appends the run
  // before it and what it stands for to the decoded copy (made on the first escape). Out of
  // line: most strings have none, and V8 charges the string loop's tier-up budget by its size.
  [[gnu::noinline]] bool escape(std::size_t start, const char* what, std::size_t& runStart,
                                std::string*& decoded) {
    if (!decoded) {
      doc_.arena_.emplace_front();
      decoded = &doc_.arena_.front();
    }
    decoded->append(text_.data() + runStart, pos_ - runStart);
    std::size_t escAt = pos_;
    ++pos_;
    if (pos_ >= text_.size()) return unterminated(start, what);
    char e = text_[pos_++];
    char plain = 0;  // what a one-character escape stands for
    switch (e) {
      case '"':
      case '\\':
      case '/':
        plain = e;
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case 'n':
        plain = '\n';
        break;
      case 'r':
        plain = '\r';
        break;
      case 't':
        plain = '\t';
        break;
      case 'u': {
        std::uint32_t cp = 0;
        if (!hex4(cp)) return syntax(escAt, "\\u must be followed by 4 hexadecimal digits");
        if (cp >= 0xDC00 && cp <= 0xDFFF)
          return syntax(escAt, "invalid \\u escape: a lone low surrogate is not a character");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::uint32_t low = 0;
          if (text_.substr(pos_, 2) != "\\u")
            return syntax(escAt,
                          "invalid \\u escape: a high surrogate must be followed by a low one");
          pos_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
            return syntax(escAt,
                          "invalid \\u escape: a high surrogate must be followed by a low one");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(*decoded, cp);
        break;
      }
      default:
        return syntax(escAt, cat({"invalid escape '\\", e, "' in a ", what}));
    }
    if (plain) decoded->push_back(plain);
    runStart = pos_;
    return true;
  }

  bool hex4(std::uint32_t& cp) {
    if (pos_ + 4 > text_.size()) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      int d = hexDigit(text_[pos_ + i]);
      if (d < 0) return false;
      cp = cp * 16 + static_cast<std::uint32_t>(d);
    }
    pos_ += 4;
    return true;
  }

  [[gnu::noinline]] bool array(std::size_t depth, std::string_view key) {
    std::uint32_t self = addNode(Kind::Array, key);
    ++pos_;
    stack_.push_back({self, 0, {}, true});
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
    } else {
      while (true) {
        if (stack_.back().index >= limits_.maxArray) {
          stack_.pop_back();
          return fail("limit", pointer(),
                      cat({describePosition(text_, doc_.nodes_[self].offset),
                           ": an array of more than ", limits_.maxArray, " items"}));
        }
        skipSpace();
        if (!value(depth, {})) return false;
        ++stack_.back().index;
        skipSpace();
        if (pos_ >= text_.size())
          return syntax(pos_, "unexpected end of input: expected ',' or ']' in an array");
        char c = text_[pos_];
        if (c == ',') {
          ++pos_;
          skipSpace();
          if (pos_ < text_.size() && text_[pos_] == ']')
            return syntax(pos_, "trailing comma before ']'");
          continue;
        }
        if (c == ']') {
          ++pos_;
          break;
        }
        return expected("',' or ']' after an array item");
      }
    }
    doc_.nodes_[self].count = stack_.back().index;
    doc_.nodes_[self].next = static_cast<std::uint32_t>(doc_.nodes_.size());
    stack_.pop_back();
    return true;
  }

  [[gnu::noinline]] bool object(std::size_t depth, std::string_view key) {
    std::uint32_t self = addNode(Kind::Object, key);
    ++pos_;
    stack_.push_back({self, 0, {}, false});
    std::uint32_t count = 0;
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
    } else {
      while (true) {
        skipSpace();
        if (pos_ >= text_.size())
          return syntax(pos_, "unexpected end of input: expected a member name in double quotes");
        if (text_[pos_] != '"') return expected("a member name in double quotes");
        std::string_view name;
        stack_.back().keyKnown = false;
        if (!string(name, true)) return false;
        stack_.back().key = name;
        stack_.back().keyKnown = true;
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] != ':')
          return expected("':' after the member name");
        ++pos_;
        skipSpace();
        if (!value(depth, name)) return false;
        ++count;
        stack_.back().keyKnown = false;
        skipSpace();
        if (pos_ >= text_.size())
          return syntax(pos_, "unexpected end of input: expected ',' or '}' in an object");
        char c = text_[pos_];
        if (c == ',') {
          ++pos_;
          skipSpace();
          if (pos_ < text_.size() && text_[pos_] == '}')
            return syntax(pos_, "trailing comma before '}'");
          continue;
        }
        if (c == '}') {
          ++pos_;
          break;
        }
        return expected("',' or '}' after an object member");
      }
    }
    doc_.nodes_[self].count = count;
    doc_.nodes_[self].next = static_cast<std::uint32_t>(doc_.nodes_.size());
    if (count > 1 && !uniqueKeys(self, count)) return false;
    stack_.pop_back();
    return true;
  }

  // Duplicate member names: the second occurrence (in document order) is the error.
  bool uniqueKeys(std::uint32_t self, std::uint32_t count) {
    const auto& nodes = doc_.nodes_;
    std::uint32_t dup = UINT32_MAX;
    if (count <= 24) {
      std::uint32_t keys[24];
      std::uint32_t c = self + 1;
      for (std::uint32_t i = 0; i < count; ++i, c = nodes[c].next) {
        for (std::uint32_t j = 0; j < i; ++j)
          if (nodes[keys[j]].key == nodes[c].key) {
            dup = c;
            break;
          }
        if (dup != UINT32_MAX) break;
        keys[i] = c;
      }
    } else {
      IdIndex seen;  // the names so far, in document order
      seen.reserve(count);
      for (std::uint32_t i = 0, c = self + 1; i < count; ++i, c = nodes[c].next)
        if (seen.add(nodes[c].key, c) >= 0) {
          dup = c;
          break;
        }
    }
    if (dup == UINT32_MAX) return true;
    stack_.back().key = nodes[dup].key;
    stack_.back().keyKnown = true;
    std::size_t at = nodes[dup].offset;
    return fail("syntax", pointer(),
                cat({describePosition(text_, at), ": duplicate member name \"",
                     nodes[dup].key.substr(0, 80), "\" (each name may appear once)"}));
  }

  Document& doc_;
  std::string_view text_;
  const Limits& limits_;
  ParseError& error_;
  std::size_t pos_ = 0;
  std::vector<Frame> stack_;
};

bool Document::parse(std::string_view text, const Limits& limits, ParseError& error) {
  if (text.size() > UINT32_MAX / 2) {
    error = {"limit", "", "the input is far larger than the 1 MiB limit"};
    return false;
  }
  Parser parser(*this, text, limits, error);
  bool ok = parser.run();
  if (!ok) nodes_.clear();
  return ok;
}

const Node& Value::node() const {
  return doc_->nodes_[index_];
}
Kind Value::kind() const {
  return node().kind;
}
std::string_view Value::text() const {
  return node().text;
}
std::string_view Value::key() const {
  return node().key;
}
std::uint32_t Value::size() const {
  return node().count;
}

Value::Iterator& Value::Iterator::operator++() {
  index_ = doc_->nodes_[index_].next;
  --left_;
  return *this;
}

Value::Iterator Value::begin() const {
  bool container = isArray() || isObject();
  return Iterator(doc_, index_ + 1, container ? node().count : 0);
}
Value::Iterator Value::end() const {
  return Iterator(doc_, 0, 0);
}

std::optional<Value> Value::find(std::string_view key) const {
  if (!isObject()) return std::nullopt;
  for (Value v : *this)
    if (v.key() == key) return v;
  return std::nullopt;
}

namespace {

// A valid JSON number's parts, read in one pass: sign, the digits before and after the point,
// and the exponent after 'e' (clamped to +-10^9, far outside any double).
struct NumberParts {
  bool negative = false;
  std::string_view whole, fraction;
  std::int64_t exponent = 0;
};

NumberParts splitNumber(std::string_view t) {
  NumberParts p;
  std::size_t i = 0;
  p.negative = t[0] == '-';
  if (p.negative) ++i;
  std::size_t start = i;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  p.whole = t.substr(start, i - start);
  if (i < t.size() && t[i] == '.') {
    start = ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    p.fraction = t.substr(start, i - start);
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    const bool negativeExponent = i < t.size() && t[i] == '-';
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    std::int64_t e = 0;
    for (; i < t.size(); ++i) e = std::min<std::int64_t>(e * 10 + (t[i] - '0'), 1'000'000'000);
    p.exponent = negativeExponent ? -e : e;
  }
  return p;
}

// Clinger's fast path: a decimal of at most 15 significant digits times a power of ten up to
// 10^22 is one operation on two exact doubles, so it rounds exactly as strtod does. Profiles'
// decimals ("fte": 0.5) all take it; the rest goes through the exact but slower
// decimal::nearest (big integers).
std::optional<double> exactDecimal(const NumberParts& p) {
  std::uint64_t mantissa = 0;
  int digits = 0;  // significant digits in the mantissa
  for (std::string_view run : {p.whole, p.fraction}) {
    for (char c : run) {
      if (mantissa == 0 && c == '0') continue;  // leading zeros are not significant
      if (++digits > 15) return std::nullopt;
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
    }
  }
  if (mantissa == 0) return p.negative ? -0.0 : 0.0;
  // the value is mantissa * 10^exponent
  const std::int64_t exponent = p.exponent - static_cast<std::int64_t>(p.fraction.size());
  if (exponent < -22 || exponent > 22) return std::nullopt;
  double d = static_cast<double>(mantissa);
  d = exponent < 0 ? d / decimal::kExactPowersOfTen[-exponent]
                   : d * decimal::kExactPowersOfTen[exponent];
  return p.negative ? -d : d;
}

}  // namespace

std::optional<double> Value::number() const {
  std::string_view t = text();
  // Fast path: up to 15 digits without fraction or exponent are exact in a double.
  if (t.size() <= 16 && t.find_first_of(".eE") == std::string_view::npos) {
    bool negative = t[0] == '-';
    if (t.size() - (negative ? 1 : 0) <= 15) {
      std::int64_t v = 0;
      for (std::size_t i = negative ? 1 : 0; i < t.size(); ++i) v = v * 10 + (t[i] - '0');
      return negative ? (v == 0 ? 0.0 : -static_cast<double>(v)) : static_cast<double>(v);
    }
  }
  const NumberParts p = splitNumber(t);
  if (auto d = exactDecimal(p)) return d;
  // Any other number, exactly: its digits and the power of ten they are multiplied by.
  std::string digits;
  digits.reserve(p.whole.size() + p.fraction.size());
  digits.append(p.whole).append(p.fraction);
  const double d =
      decimal::nearest(digits, p.exponent - static_cast<std::int64_t>(p.fraction.size()));
  if (!std::isfinite(d)) return std::nullopt;
  return p.negative ? -d : d;
}

bool Value::plainInteger(bool& negative, std::uint64_t& magnitude) const {
  std::string_view t = text();
  if (t.find_first_of(".eE") != std::string_view::npos) return false;
  negative = !t.empty() && t[0] == '-';
  magnitude = 0;
  for (std::size_t i = negative ? 1 : 0; i < t.size(); ++i) {
    std::uint64_t d = static_cast<std::uint64_t>(t[i] - '0');
    if (magnitude > (UINT64_MAX - d) / 10) return false;
    magnitude = magnitude * 10 + d;
  }
  return true;
}

std::optional<std::int64_t> Value::integer(bool& overflow) const {
  overflow = false;
  bool negative = false;
  std::uint64_t v = 0;
  if (plainInteger(negative, v)) {
    if (v > static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1 : 0)) {
      overflow = true;
      return std::nullopt;
    }
    if (negative)
      return v == static_cast<std::uint64_t>(INT64_MAX) + 1 ? INT64_MIN
                                                            : -static_cast<std::int64_t>(v);
    return static_cast<std::int64_t>(v);
  }
  if (text().find_first_of(".eE") == std::string_view::npos) {  // an integer over 64 bits
    overflow = true;
    return std::nullopt;
  }
  auto d = number();
  if (!d) {
    overflow = true;
    return std::nullopt;
  }
  if (std::trunc(*d) != *d) return std::nullopt;
  if (*d >= 9.2e18 || *d <= -9.2e18) {
    overflow = true;
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*d);
}

std::string describePosition(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return cat({"line ", line, ", column ", column});
}

void appendPointer(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer.push_back(c);
  }
}

bool validUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    std::size_t n = utf8Sequence(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

std::size_t codePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace seclead::jin
