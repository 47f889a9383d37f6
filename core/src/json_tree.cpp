// The parts of the JSON type off the assessment's hot path: building a tree from parsed text
// (the knowledge base, overlays, reports given back to render()), the small builders, copies,
// member and item removal, comparison. Apart from json.cpp, whose writer and tree growth the
// WebAssembly module compiles for speed (core/CMakeLists.txt): these are compiled for size.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <tuple>

#include "json.h"
#include "json_input.h"

namespace seclead {

namespace {

bool isPair(const Json& j) {
  return j.is_array() && j.size() == 2 && j[0].is_string();
}

}  // namespace

// ---- reading ---------------------------------------------------------------------------

// `asNlohmann` (parse): numbers as nlohmann reads them, and a number too large for a double
// discards the whole value. Otherwise (overlays) integral numbers become integers and a
// number too large becomes null, which the overlay checker then reports at its pointer.
// Each value is built where it will live, with no temporary to move and destroy: reading the
// knowledge base destroyed one per node, and those calls were enough for V8 to optimise
// Json::destroy() in the middle of a cold start.
bool Json::buildFrom(const jin::Value& v, bool asNlohmann, Json& out) {
  switch (v.kind()) {
    case jin::Kind::Null:
      return true;
    case jin::Kind::False:
    case jin::Kind::True:
      out.type_ = value_t::boolean;
      out.v_.b = v.kind() == jin::Kind::True;
      return true;
    case jin::Kind::String:
      out.v_.s = newString(v.text());
      out.type_ = value_t::string;
      return true;
    case jin::Kind::Number: {
      if (!asNlohmann) {
        // Overlays, as JSON Schema: 12.0 is the integer 12 (rule points must be integers).
        bool overflow = false;
        if (auto i = v.integer(overflow)) {
          out.type_ = value_t::number_integer;
          out.v_.i = *i;
        } else if (auto d = v.number()) {
          out.type_ = value_t::number_float;
          out.v_.d = *d;
        }
        return true;
      }
      // nlohmann: a non-negative integer is unsigned, a negative one signed; an integer
      // too large for 64 bits becomes a double.
      bool negative = false;
      std::uint64_t magnitude = 0;
      if (v.plainInteger(negative, magnitude)) {
        if (!negative) {
          out.type_ = value_t::number_unsigned;
          out.v_.u = magnitude;
          return true;
        }
        if (magnitude <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
          out.type_ = value_t::number_integer;
          out.v_.i = static_cast<std::int64_t>(0 - magnitude);
          return true;
        }
      }
      auto d = v.number();
      if (!d) return false;
      out.type_ = value_t::number_float;
      out.v_.d = *d;
      return true;
    }
    case jin::Kind::Array: {
      out.v_.a = newArray();
      out.type_ = value_t::array;
      out.v_.a->reserve(v.size());
      for (const auto& item : v)
        if (!buildFrom(item, asNlohmann, out.v_.a->emplace_back())) return false;
      return true;
    }
    case jin::Kind::Object: {
      out.v_.o = newObject();
      out.type_ = value_t::object;
      out.v_.o->reserve(v.size());
      for (const auto& item : v) {
        Member& member = out.v_.o->emplace_back(
            std::piecewise_construct, std::forward_as_tuple(item.key()), std::forward_as_tuple());
        if (!buildFrom(item, asNlohmann, member.second)) return false;
      }
      return true;
    }
  }
  return true;
}

// cmake/encode-knowledge.mjs describes the layout: a structure of one tag per value, then
// the strings, each ended by a NUL. Every read is bounds-checked, though the bytes are the
// build's own: a mistake must discard the file (the build's knowledge check then fails), not
// read past it.
struct Json::KnowledgeDecoder {
  const unsigned char* at;
  const unsigned char* structureEnd;
  const char* strings;
  const char* stringsEnd;
  std::vector<std::string_view> names;  // member names in order of first use

  bool varint(std::uint64_t& out) {
    out = 0;
    for (int shift = 0; at < structureEnd && shift < 64; shift += 7) {
      const unsigned char byte = *at++;
      out |= std::uint64_t{byte & 0x7Fu} << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }

  // strlen, not memchr: the reading of the other files calls it already (one function less
  // for V8 to optimise during a cold start), and fromKnowledge checked that the strings end
  // with a NUL, so it stops inside them.
  bool text(std::string_view& out) {
    if (strings >= stringsEnd) return false;
    out = std::string_view(strings, std::strlen(strings));
    strings += out.size() + 1;
    return true;
  }

  // A count of items, each taking at least one byte of the structure.
  bool count(std::uint64_t& n) {
    return varint(n) && n <= static_cast<std::uint64_t>(structureEnd - at);
  }

  bool value(Json& out, int depth) {
    if (at >= structureEnd || depth > 128) return false;
    const unsigned tag = *at++;
    std::uint64_t n = 0;
    switch (tag) {
      case 0:
        return true;
      case 1:
      case 2:
        out.type_ = value_t::boolean;
        out.v_.b = tag == 2;
        return true;
      case 3:
        if (!varint(n)) return false;
        out.type_ = value_t::number_unsigned;
        out.v_.u = n;
        return true;
      case 4:
        if (!varint(n) || n > static_cast<std::uint64_t>(INT64_MAX) + 1) return false;
        out.type_ = value_t::number_integer;
        out.v_.i = static_cast<std::int64_t>(0 - n);
        return true;
      case 5: {
        if (structureEnd - at < 8) return false;
        unsigned char bytes[8];
        for (int i = 0; i < 8; ++i)
          bytes[std::endian::native == std::endian::little ? i : 7 - i] = at[i];
        at += 8;
        out.type_ = value_t::number_float;
        std::memcpy(&out.v_.d, bytes, 8);
        return true;
      }
      case 6: {
        std::string_view s;
        if (!text(s)) return false;
        out.v_.s = newString(s);
        out.type_ = value_t::string;
        return true;
      }
      case 7:
        if (!count(n)) return false;
        out.v_.a = newArray();
        out.type_ = value_t::array;
        out.v_.a->reserve(n);
        for (; n > 0; --n)
          if (!value(out.v_.a->emplace_back(), depth + 1)) return false;
        return true;
      case 8:
        if (!count(n)) return false;
        out.v_.o = newObject();
        out.type_ = value_t::object;
        out.v_.o->reserve(n);
        for (; n > 0; --n) {
          std::uint64_t ref = 0;
          std::string_view name;
          if (!varint(ref)) return false;
          if (ref == 0) {
            if (!text(name)) return false;
            names.push_back(name);
          } else if (ref <= names.size()) {
            name = names[ref - 1];
          } else {
            return false;
          }
          Member& member = out.v_.o->emplace_back(
              std::piecewise_construct, std::forward_as_tuple(name), std::forward_as_tuple());
          if (!value(member.second, depth + 1)) return false;
        }
        return true;
      default:
        if (tag < 16) return false;
        out.type_ = value_t::number_unsigned;
        out.v_.u = tag - 16;
        return true;
    }
  }
};

Json Json::fromKnowledge(std::string_view bytes) {
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = begin + bytes.size();
  KnowledgeDecoder decoder{begin, end, nullptr, nullptr, {}};
  std::uint64_t structureSize = 0;
  Json out;
  if (decoder.varint(structureSize) &&
      structureSize <= static_cast<std::uint64_t>(end - decoder.at)) {
    decoder.structureEnd = decoder.at + structureSize;
    decoder.strings = reinterpret_cast<const char*>(decoder.structureEnd);
    decoder.stringsEnd = reinterpret_cast<const char*>(end);
    const bool terminated = decoder.strings == decoder.stringsEnd || decoder.stringsEnd[-1] == 0;
    if (terminated && decoder.value(out, 0) && decoder.at == decoder.structureEnd &&
        decoder.strings == decoder.stringsEnd)
      return out;
  }
  return Json(value_t::discarded);
}

Json::Json(std::initializer_list<Json> init) {
  bool object = std::all_of(init.begin(), init.end(), isPair);
  if (object && init.size() > 0) {
    type_ = value_t::object;
    v_.o = newObject();
    v_.o->reserve(init.size());
    for (const auto& pair : init) v_.o->emplace_back(pair[0].string(), pair[1]);
  } else {
    type_ = value_t::array;
    v_.a = newArray();
    v_.a->assign(init.begin(), init.end());
  }
}

Json Json::array(std::initializer_list<Json> init) {
  Json out = array();
  *out.v_.a = Array(init);
  return out;
}

Json Json::arrayOf(Json item) {
  Json out = array();
  out.v_.a->push_back(std::move(item));
  return out;
}

Json Json::object(std::initializer_list<Field> fields) {
  Json out = object();
  out.v_.o->reserve(fields.size());
  for (const auto& f : fields) out.v_.o->emplace_back(f.key, f.value);
  return out;
}

// A deep copy (the engine copies trees rarely: knowledge documents for overlays).
Json::Json(const Json& other) : type_(other.type_) {
  switch (type_) {
    case value_t::string:
      v_.s = newString(std::string_view(*other.v_.s));
      break;
    case value_t::array:
      v_.a = newArray();
      *v_.a = *other.v_.a;
      break;
    case value_t::object:
      v_.o = newObject();
      *v_.o = *other.v_.o;
      break;
    default:
      v_ = other.v_;
  }
}

Json Json::from(const jin::Value& node) {
  Json out;
  buildFrom(node, false, out);  // never false for overlays: a number too large stays null
  return out;
}

Json Json::parse(std::string_view text, std::nullptr_t, bool) {
  // Generous limits: these texts are the embedded knowledge base and reports given back to
  // render(); profiles and overlays are read with the contract's limits elsewhere.
  jin::Limits limits;
  limits.maxBytes = 64u * 1024 * 1024;
  limits.maxDepth = 128;
  limits.maxString = 16u * 1024 * 1024;
  limits.maxArray = 16u * 1024 * 1024;
  jin::Document doc;
  jin::ParseError error;
  Json out;
  if (!doc.parse(text, limits, error) || !buildFrom(doc.root(), true, out))
    return Json(value_t::discarded);
  return out;
}

std::size_t Json::erase(std::string_view key) {
  if (!is_object()) return 0;
  auto it =
      std::find_if(v_.o->begin(), v_.o->end(), [&](const Member& m) { return m.first == key; });
  if (it == v_.o->end()) return 0;
  v_.o->erase(it);
  return 1;
}

void Json::erase(std::size_t index) {
  if (!is_array() || index >= v_.a->size()) {
    recordFault("JSON index out of range");
    return;
  }
  v_.a->erase(v_.a->begin() + static_cast<std::ptrdiff_t>(index));
}

void Json::update(const Json& other) {
  if (is_null()) *this = object();
  if (!is_object() || !other.is_object()) {
    typeError("object");
    return;
  }
  for (const auto& [key, value] : *other.v_.o) (*this)[key] = value;
}

std::string Json::value(std::string_view key, const char* fallback) const {
  const Json* found = member(key);
  if (!found || found->is_null()) return fallback;
  return found->string();
}

bool operator==(const Json& a, const Json& b) noexcept {
  using T = Json::value_t;
  if (a.is_number() && b.is_number()) {
    if (a.type_ == b.type_) {
      if (a.type_ == T::number_integer) return a.v_.i == b.v_.i;
      if (a.type_ == T::number_unsigned) return a.v_.u == b.v_.u;
      return a.v_.d == b.v_.d;
    }
    if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
    // signed vs unsigned
    const Json& s = a.type_ == T::number_integer ? a : b;
    const Json& u = a.type_ == T::number_unsigned ? a : b;
    return s.v_.i >= 0 && static_cast<std::uint64_t>(s.v_.i) == u.v_.u;
  }
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case T::null:
      return true;
    case T::discarded:
      return false;
    case T::boolean:
      return a.v_.b == b.v_.b;
    case T::string:
      return *a.v_.s == *b.v_.s;
    case T::array:
      return *a.v_.a == *b.v_.a;
    case T::object:
      return *a.v_.o == *b.v_.o;
    default:
      return false;
  }
}

bool operator<(const Json& a, const Json& b) noexcept {
  using T = Json::value_t;
  if (a.is_number() && b.is_number()) {
    if (a.type_ == T::number_integer && b.type_ == T::number_integer) return a.v_.i < b.v_.i;
    if (a.type_ == T::number_unsigned && b.type_ == T::number_unsigned) return a.v_.u < b.v_.u;
    return a.get<double>() < b.get<double>();
  }
  if (a.type_ != b.type_) return a.type_ < b.type_;
  switch (a.type_) {
    case T::boolean:
      return a.v_.b < b.v_.b;
    case T::string:
      return *a.v_.s < *b.v_.s;
    case T::array:
      return *a.v_.a < *b.v_.a;
    default:
      return false;
  }
}

}  // namespace seclead
